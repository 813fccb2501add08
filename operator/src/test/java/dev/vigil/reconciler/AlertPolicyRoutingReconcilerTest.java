package dev.vigil.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.status.ConditionFactory;
import dev.vigil.status.ConditionType;
import dev.vigil.status.Reason;
import dev.vigil.testing.kube.RunningOperator;
import dev.vigil.testing.kube.TemporaryCrds;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routing on a real API server: the AlertmanagerConfig of a policy using matchers, {@code
 * continue}, {@code groupInterval}, an SNS receiver and labels passes prometheus-operator's own CRD
 * schema, and a later invalid edit of the policy is reported without touching it.
 */
class AlertPolicyRoutingReconcilerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final String POLICY =
            """
            apiVersion: vigil.dev/v1alpha1
            kind: AlertPolicy
            metadata: {name: oncall, namespace: %s}
            spec:
              selector: {names: [orders]}
              routing:
                alertmanagerConfigLabels: {alertmanager: main}
                receivers:
                - name: sms
                  snsConfigs:
                  - phoneNumber: "+15555550100"
                    sigv4:
                      region: eu-west-1
                      accessKey: {name: aws-sns, key: access-key}
                      secretKey: {name: aws-sns, key: secret-key}
                routes:
                - receiver: sms
                  priorities: [P1, P2]
                  groupInterval: 5m
                  continue: true
                  matchers:
                  - {name: team, matchType: "%s", value: "%s"}
            """;

    private RunningOperator operator;
    private String namespace;
    private KubernetesClient client;
    private TemporaryCrds crds;

    @BeforeEach
    void start() {
        operator = RunningOperator.withoutDatabases();
        namespace = operator.namespace();
        client = operator.client();
        crds = new TemporaryCrds(client);
    }

    @AfterEach
    void stop() {
        try {
            operator.close();
        } finally {
            crds.close();
        }
    }

    @Test
    void theRenderedConfigPassesTheCrdAndABadEditLeavesItAsItWas() {
        crds.installPrometheusOperatorCrds(PrometheusOperatorCrds.NAMES);
        client.resource(
                        Serialization.unmarshal(
                                """
                                apiVersion: vigil.dev/v1alpha1
                                kind: MonitoredDatabase
                                metadata: {name: orders, namespace: %s}
                                spec: {engine: MongoDB, version: "7.0.14", replicas: 1}
                                """
                                        .formatted(namespace),
                                MonitoredDatabase.class))
                .create();
        client.resource(policy("=~", "dba|payments")).create();

        AlertmanagerConfig rendered =
                await().atMost(WAIT).until(this::config, config -> config != null);
        assertThat(rendered.getMetadata().getLabels()).containsEntry("alertmanager", "main");
        assertThat(rendered.getSpec().getRoute().getRoutes().get(0).toString())
                .contains("\"groupInterval\":\"5m\"")
                .contains("\"continue\":true")
                .contains("{\"matchType\":\"=~\",\"name\":\"team\",\"value\":\"dba|payments\"}");
        assertThat(rendered.getSpec().getReceivers().get(0).getSnsConfigs().get(0).getPhoneNumber())
                .isEqualTo("+15555550100");

        // A regular expression RE2 cannot compile: the API server takes it, Vigil refuses it.
        // A merge patch of the spec: the operator writes the status meanwhile, so a PUT of the
        // whole object could meet a newer resourceVersion.
        client.resources(AlertPolicy.class)
                .inNamespace(namespace)
                .withName("oncall")
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        Serialization.asJson(
                                Map.of("spec", policy("=~", "dba|(payments").getSpec())));

        await().atMost(WAIT)
                .untilAsserted(
                        () -> {
                            Condition ready = ready();
                            assertThat(ready).isNotNull();
                            assertThat(ready.getReason()).isEqualTo(Reason.INVALID_SPEC);
                            assertThat(ready.getMessage())
                                    .startsWith(
                                            "spec.routing.routes[0].matchers[0].value: is not an"
                                                    + " RE2 regular expression");
                        });
        assertThat(config().getMetadata().getResourceVersion())
                .isEqualTo(rendered.getMetadata().getResourceVersion());
    }

    private AlertPolicy policy(String matchType, String value) {
        return Serialization.unmarshal(
                POLICY.formatted(namespace, matchType, value), AlertPolicy.class);
    }

    private AlertmanagerConfig config() {
        return client.resources(AlertmanagerConfig.class)
                .inNamespace(namespace)
                .withName("oncall-routing")
                .get();
    }

    private Condition ready() {
        AlertPolicy policy =
                client.resources(AlertPolicy.class).inNamespace(namespace).withName("oncall").get();
        return policy == null || policy.getStatus() == null
                ? null
                : ConditionFactory.find(policy.getStatus().getConditions(), ConditionType.READY)
                        .orElse(null);
    }
}
