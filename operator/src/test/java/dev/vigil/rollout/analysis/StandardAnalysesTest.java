package dev.vigil.rollout.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.AnalysisSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import dev.vigil.engine.postgres.PostgresAnalyses;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which analyses the gate runs when ready-made ones are switched on, and in which order. */
class StandardAnalysesTest {

    private static MonitoredDatabase database(String healthGate) {
        return SchemaDefaults.withDefaults(
                Serialization.unmarshal(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: ledger, namespace: payments}
                        spec:
                          engine: PostgreSQL
                          version: "16.4"
                          replicas: 3
                          healthGate:
                            prometheusUrl: http://prometheus:9090
                        """
                                + healthGate,
                        MonitoredDatabase.class));
    }

    private static List<AnalysisSpec> effective(MonitoredDatabase database) {
        return StandardAnalyses.effective(
                database.getSpec().getHealthGate(),
                DatabaseSeries.of(database),
                Optional.of(PostgresAnalyses.INSTANCE));
    }

    @Test
    void theWrittenAnalysesComeFirstThenTheReadyMadeOnesInTheirOrder() {
        MonitoredDatabase database =
                database(
                        """
                            standardAnalyses: [ConnectionFailures, HealthCheckFailures]
                            analysis:
                              - {name: replication-lag, query: 'vector(0)', successCondition: 'result < 1'}
                        """);

        assertThat(effective(database))
                .extracting(AnalysisSpec::getName)
                .containsExactly("replication-lag", "connection-failures", "health-check-failures");
    }

    @Test
    void aWrittenAnalysisOfTheSameNameReplacesTheReadyMadeOne() {
        MonitoredDatabase database =
                database(
                        """
                            standardAnalyses: [ErrorRate, P95Latency]
                            analysis:
                              - {name: error-rate, query: 'vector(0.01)', successCondition: 'result <= 0.02'}
                        """);

        List<AnalysisSpec> analyses = effective(database);

        assertThat(analyses)
                .extracting(AnalysisSpec::getName)
                .containsExactly("error-rate", "p95-latency");
        assertThat(analyses.get(0).getQuery()).isEqualTo("vector(0.01)");
        assertThat(analyses.get(0).getSuccessCondition()).isEqualTo("result <= 0.02");
    }

    @Test
    void eachReadyMadeAnalysisHasItsTriggersSettings() {
        List<AnalysisSpec> analyses =
                effective(
                        database(
                                """
                                    standardAnalyses: [HealthCheckFailures, ErrorRate, P95Latency, ConnectionFailures]
                                """));

        assertThat(analyses)
                .extracting(
                        AnalysisSpec::getName,
                        AnalysisSpec::getSuccessCondition,
                        AnalysisSpec::getFailureLimit,
                        AnalysisSpec::getWindow)
                .containsExactly(
                        tuple("health-check-failures", "result <= 0.5", 2, "2m"),
                        tuple("error-rate", "isNaN(result) || result <= 0.05", 0, "2m"),
                        tuple("p95-latency", "isNaN(result) || result <= 0.05", 0, "2m"),
                        tuple("connection-failures", "result <= 0.1", 1, "1m"));
        assertThat(analyses.get(0).getQuery()).contains("[2m:15s]");
        assertThat(analyses.get(1).getQuery()).contains("[5m]");
        assertThat(analyses.get(2).getQuery()).contains("[3m]", "> 2)");
        assertThat(analyses.get(3).getQuery()).contains("[1m:15s]");
    }

    @Test
    void withoutAnEngineGateOnlyTheWrittenOnesRun() {
        MonitoredDatabase database =
                database(
                        """
                            standardAnalyses: [ErrorRate]
                            analysis:
                              - {name: mine, query: 'vector(0)', successCondition: 'result < 1'}
                        """);

        assertThat(
                        StandardAnalyses.effective(
                                database.getSpec().getHealthGate(),
                                DatabaseSeries.of(database),
                                Optional.empty()))
                .extracting(AnalysisSpec::getName)
                .containsExactly("mine");
    }

    @Test
    void theSpecForTheGateIsACopyWithTheAnalysesWrittenOut() {
        MonitoredDatabase database = database("    standardAnalyses: [ErrorRate]\n");
        MonitoredDatabaseSpec spec = database.getSpec();

        MonitoredDatabaseSpec applied =
                StandardAnalyses.applied(
                        spec, DatabaseSeries.of(database), Optional.of(PostgresAnalyses.INSTANCE));

        assertThat(applied.getHealthGate().getAnalysis())
                .extracting(AnalysisSpec::getName)
                .containsExactly("error-rate");
        assertThat(spec.getHealthGate().getAnalysis()).isNull();
        MonitoredDatabaseSpec plain = database("").getSpec();
        assertThat(
                        StandardAnalyses.applied(
                                plain,
                                DatabaseSeries.of(database),
                                Optional.of(PostgresAnalyses.INSTANCE)))
                .isSameAs(plain);
    }

    @Test
    void aResourceWithoutNamespaceIsScopedToDefaultAsKubectlWouldPlaceIt() {
        MonitoredDatabase database = database("    standardAnalyses: [ErrorRate]\n");
        database.getMetadata().setNamespace(null);

        assertThat(effective(database).get(0).getQuery()).contains("namespace=\"default\"");
    }
}
