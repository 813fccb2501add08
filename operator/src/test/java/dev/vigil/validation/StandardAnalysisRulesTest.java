package dev.vigil.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code spec.healthGate.standardAnalyses}, refused with the field and the reason. */
class StandardAnalysisRulesTest {

    private static List<FieldError> check(String spec) {
        return SpecRules.check(
                Serialization.unmarshal(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: catalog, namespace: shop}
                        spec:
                        %s
                        """
                                .formatted(spec.indent(2)),
                        MonitoredDatabase.class));
    }

    @Test
    void theFourOnAManagedDatabaseWithAPrometheusAreValid() {
        assertThat(
                        check(
                                """
                                engine: MongoDB
                                version: "7.0"
                                replicas: 3
                                healthGate:
                                  prometheusUrl: http://prometheus:9090
                                  standardAnalyses: [HealthCheckFailures, ErrorRate, P95Latency, ConnectionFailures]
                                """))
                .isEmpty();
    }

    @Test
    void theyNeedAPrometheusToAsk() {
        assertThat(
                        check(
                                """
                                engine: PostgreSQL
                                version: "16.4"
                                healthGate: {standardAnalyses: [ErrorRate]}
                                """))
                .containsExactly(
                        new FieldError(
                                "spec.healthGate.prometheusUrl",
                                SpecRules.PROMETHEUS_URL_REQUIRED));
    }

    @Test
    void eachIsNamedOnce() {
        assertThat(
                        check(
                                """
                                engine: PostgreSQL
                                version: "16.4"
                                healthGate:
                                  prometheusUrl: http://prometheus:9090
                                  standardAnalyses: [ErrorRate, P95Latency, ErrorRate]
                                """))
                .containsExactly(
                        new FieldError(
                                "spec.healthGate.standardAnalyses[2]",
                                "duplicates standardAnalyses[0] ErrorRate"));
    }

    @Test
    void theyDoNothingWhenTheChecksLeaveAnalysisOut() {
        assertThat(
                        check(
                                """
                                engine: PostgreSQL
                                version: "16.4"
                                healthGate:
                                  prometheusUrl: http://prometheus:9090
                                  checks: [RolloutComplete, DatabaseHealthy]
                                  standardAnalyses: [ErrorRate]
                                """))
                .containsExactly(
                        new FieldError(
                                StandardAnalysisRules.FIELD, StandardAnalysisRules.CHECK_OFF));
    }

    @Test
    void anExternalDatabaseHasNoGateToRunThem() {
        assertThat(
                        check(
                                """
                                engine: PostgreSQL
                                version: "16.4"
                                mode: External
                                external:
                                  endpoints: ["db.example.com:5432"]
                                  credentialsSecretName: monitoring
                                healthGate:
                                  prometheusUrl: http://prometheus:9090
                                  standardAnalyses: [ErrorRate]
                                """))
                .containsExactly(
                        new FieldError(
                                StandardAnalysisRules.FIELD, StandardAnalysisRules.EXTERNAL));
    }
}
