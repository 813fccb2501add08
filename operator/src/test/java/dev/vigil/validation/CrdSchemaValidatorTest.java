package dev.vigil.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class CrdSchemaValidatorTest {

    private static final CrdSchemaValidator MONITORED_DATABASE =
            CrdSchemaValidator.forCrd(CrdSchemaValidator.MONITORED_DATABASE_CRD);
    private static final CrdSchemaValidator ALERT_POLICY =
            CrdSchemaValidator.forCrd(CrdSchemaValidator.ALERT_POLICY_CRD);

    private static JsonNode database(String spec) {
        return yaml(
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: catalog, namespace: shop}
                spec:
                """
                        + spec.indent(2));
    }

    private static JsonNode yaml(String text) {
        try {
            return Serialization.yamlMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void acceptsAFullyWrittenDatabase() {
        JsonNode resource =
                database(
                        """
                        engine: MongoDB
                        version: "7.0.14"
                        replicas: 3
                        storage: {size: 20Gi, storageClassName: fast}
                        resources:
                          requests: {cpu: 500m, memory: 1Gi}
                          limits: {memory: 2Gi, cpu: 2}
                        exporter: {enabled: true, port: 9216}
                        monitoring:
                          labels: {release: kube-prometheus-stack}
                          interval: 30s
                        healthGate:
                          prometheusUrl: http://prometheus:9090
                          analysis:
                          - {name: errors, query: "up", successCondition: "result == 1"}
                        """);

        assertThat(MONITORED_DATABASE.validate(resource)).isEmpty();
    }

    @Test
    void namesTheAllowedValuesOfAnEnum() {
        assertThat(MONITORED_DATABASE.validate(database("{engine: Oracle, version: '19'}")))
                .containsExactly(
                        new FieldError("spec.engine", "must be one of [MongoDB, PostgreSQL]"));
    }

    @Test
    void reportsAMissingRequiredFieldAtItsOwnPath() {
        assertThat(MONITORED_DATABASE.validate(database("{engine: MongoDB}")))
                .containsExactly(new FieldError("spec.version", "is required"));
    }

    @Test
    void reportsBoundsInTheUnitsTheUserWrote() {
        assertThat(
                        MONITORED_DATABASE.validate(
                                database("{engine: MongoDB, version: '7.0', replicas: 0}")))
                .containsExactly(new FieldError("spec.replicas", "must be at least 1"));
        assertThat(
                        MONITORED_DATABASE.validate(
                                database("{engine: MongoDB, version: '7.0', replicas: 9}")))
                .containsExactly(new FieldError("spec.replicas", "must be at most 7"));
    }

    @Test
    void quotesThePatternAValueDoesNotMatch() {
        assertThat(MONITORED_DATABASE.validate(database("{engine: MongoDB, version: seven}")))
                .containsExactly(
                        new FieldError(
                                "spec.version", "does not match pattern ^[0-9]+(\\.[0-9]+){0,2}$"));
    }

    @Test
    void pathsIntoListsCarryTheIndex() {
        JsonNode resource =
                database(
                        """
                        engine: MongoDB
                        version: "7.0.14"
                        healthGate:
                          prometheusUrl: http://prometheus:9090
                          analysis:
                          - {name: errors, query: "up", successCondition: "result == 1"}
                          - {name: lag, successCondition: "result < 5"}
                        """);

        assertThat(MONITORED_DATABASE.validate(resource))
                .containsExactly(
                        new FieldError("spec.healthGate.analysis[1].query", "is required"));
    }

    @Test
    void rejectsUnknownFieldsLikeStrictFieldValidation() {
        assertThat(
                        MONITORED_DATABASE.validate(
                                database("{engine: MongoDB, version: '7.0', replica: 3}")))
                .containsExactly(new FieldError("spec.replica", "unknown field"));
        assertThat(
                        MONITORED_DATABASE.validate(
                                database(
                                        "{engine: MongoDB, version: '7.0', storage: {sise: 1Gi}}")))
                .containsExactly(new FieldError("spec.storage.sise", "unknown field"));
    }

    @Test
    void rejectsUnknownTopLevelAndMetadataFields() {
        JsonNode resource =
                yaml(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: catalog, lables: {team: shop}}
                        spce: {}
                        spec: {engine: MongoDB, version: "7.0"}
                        """);

        assertThat(MONITORED_DATABASE.validate(resource))
                .containsExactlyInAnyOrder(
                        new FieldError("metadata.lables", "unknown field"),
                        new FieldError("spce", "unknown field"));
    }

    @Test
    void acceptsEveryStandardMetadataField() {
        JsonNode resource =
                yaml(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata:
                          name: catalog
                          namespace: shop
                          labels: {team: shop}
                          annotations: {owner: "someone"}
                          uid: 0c6d2d43-8f3e-4f5a-9a64-1f1f3c1b7a10
                          resourceVersion: "42"
                          generation: 3
                          creationTimestamp: "2024-05-01T10:00:00Z"
                          finalizers: [vigil.dev/finalizer]
                          managedFields: []
                        spec: {engine: MongoDB, version: "7.0"}
                        """);

        assertThat(MONITORED_DATABASE.validate(resource)).isEmpty();
    }

    @Test
    void namesBothTypesOfAnIntOrStringField() {
        JsonNode resource =
                database("{engine: MongoDB, version: '7.0', resources: {limits: {cpu: [1]}}}");

        assertThat(MONITORED_DATABASE.validate(resource))
                .contains(
                        new FieldError(
                                "spec.resources.limits.cpu", "must be an integer or a string"));
    }

    @Test
    void saysWhichTypeWasExpectedAndWhichWasFound() {
        assertThat(MONITORED_DATABASE.validate(database("{engine: MongoDB, version: 7.0}")))
                .containsExactly(new FieldError("spec.version", "must be a string, not a number"));
    }

    @Test
    void ignoresStatusWhichOnlyTheStatusSubresourceWrites() {
        JsonNode resource =
                yaml(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: catalog}
                        spec: {engine: MongoDB, version: "7.0"}
                        status: {phase: Ready, whatever: 1}
                        """);

        assertThat(MONITORED_DATABASE.validate(resource)).isEmpty();
    }

    @Test
    void keepsFieldsThatTheSchemaPreservesOpen() {
        JsonNode policy =
                yaml(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: AlertPolicy
                        metadata: {name: paging}
                        spec:
                          selector: {names: [catalog]}
                          routing:
                            receivers:
                            - name: pager
                              pagerdutyConfigs:
                              - routingKey: {name: pd, key: key}
                                anything: goes
                        """);

        assertThat(ALERT_POLICY.validate(policy)).isEmpty();
    }

    @Test
    void checksAlertPoliciesAgainstTheirOwnSchema() {
        JsonNode policy =
                yaml(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: AlertPolicy
                        metadata: {name: paging}
                        spec:
                          selector: {names: [catalog]}
                          overrides:
                          - {alert: MongoDBDown, priority: P9}
                        """);

        assertThat(ALERT_POLICY.validate(policy))
                .containsExactly(
                        new FieldError(
                                "spec.overrides[0].priority", "must be one of [P1, P2, P3, P4]"));
    }
}
