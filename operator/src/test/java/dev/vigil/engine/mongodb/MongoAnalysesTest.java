package dev.vigil.engine.mongodb;

import static dev.vigil.rollout.analysis.PromQlEvaluation.series;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.AnalysisSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.monitoring.MonitoringResources;
import dev.vigil.rollout.analysis.AnalysisRules;
import dev.vigil.rollout.analysis.DatabaseSeries;
import dev.vigil.rollout.analysis.PromQlEvaluation;
import dev.vigil.rollout.analysis.ScopedQuery;
import dev.vigil.rollout.analysis.StandardAnalyses;
import dev.vigil.rollout.analysis.SuccessCondition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MongoDB's ready-made analyses: scoped to the database from its metadata, accepted by Vigil and by
 * promtool, and, evaluated by Prometheus over series shaped as percona's mongodb_exporter and
 * kube-state-metrics write them, each below its threshold on healthy series and above it on failing
 * ones.
 */
class MongoAnalysesTest {

    private static final MonitoredDatabase CATALOG =
            Serialization.unmarshal(
                    """
                    apiVersion: vigil.dev/v1alpha1
                    kind: MonitoredDatabase
                    metadata: {name: catalog, namespace: retail}
                    spec:
                      engine: MongoDB
                      version: "7.0.14"
                      replicas: 3
                      healthGate:
                        prometheusUrl: http://prometheus:9090
                        standardAnalyses: [HealthCheckFailures, ErrorRate, P95Latency, ConnectionFailures]
                    """,
                    MonitoredDatabase.class);

    /** The pods under test; catalog-2, not among them, fails everything in the healthy scenario. */
    private static final List<String> UNDER_TEST = List.of("catalog-0", "catalog-1");

    private static final String EXPORTER = "namespace=\"retail\",vigil_database=\"catalog\"";

    private static final Map<String, AnalysisSpec> ANALYSES =
            StandardAnalyses.effective(
                            CATALOG.getSpec().getHealthGate(),
                            DatabaseSeries.of(CATALOG),
                            Optional.of(MongoAnalyses.INSTANCE))
                    .stream()
                    .collect(Collectors.toMap(AnalysisSpec::getName, a -> a));

    @Test
    void theFourAnalysesAreScopedToTheDatabaseFromItsMetadata() {
        assertThat(ANALYSES)
                .containsOnlyKeys(
                        "health-check-failures",
                        "error-rate",
                        "p95-latency",
                        "connection-failures");
        assertThat(ANALYSES.values())
                .allSatisfy(
                        analysis ->
                                assertThat(analysis.getQuery())
                                        .contains("namespace=\"retail\"", "pod=~\"$(pods)\"")
                                        .doesNotContain("shop"));
        assertThat(ANALYSES.get("error-rate").getQuery())
                .contains("vigil_database=\"catalog\"", "mongodb_ss_metrics_commands_");
        assertThat(ANALYSES.get("p95-latency").getQuery())
                .contains("mongodb_ss_opLatencies_latency", "2000000");
        assertThat(ANALYSES.get("connection-failures").getQuery()).contains("mongodb_up{");
    }

    @Test
    void vigilsCheckerAndPromtoolAcceptEveryQuery(@TempDir Path directory) throws Exception {
        assertThat(
                        AnalysisRules.check(
                                CATALOG,
                                Optional.of(MongoAnalyses.INSTANCE),
                                MonitoringResources.SYNTAX_CHECK))
                .isEmpty();
        PromQlEvaluation.assertPrometheusParses(
                directory, ANALYSES.values().stream().map(a -> scoped(a.getName())).toList());
    }

    /**
     * Healthy: 4 of 200 data commands failed (2%), whatever the replica set's own commands do; 4 of
     * 104 reads and writes in an operation type whose mean is 3 s, the rest at 1 ms; the awaitable
     * hello's long commands are not counted. Failing: 21 of 200 commands failed; 10 of 110
     * operations in the slow type.
     */
    @Test
    void prometheusFindsEachTriggerBelowAndAboveItsThreshold(@TempDir Path directory)
            throws Exception {
        new PromQlEvaluation()
                .scenario(
                        series(
                                ready("catalog-0"), "1+0x60",
                                ready("catalog-1"), "0+0x60",
                                ready("catalog-2"), "0+0x60",
                                commands("find_total", "catalog-0"), "0+100x60",
                                commands("find_failed", "catalog-0"), "0+3x60",
                                // Two commands of one member: their series differ by name only.
                                commands("insert_total", "catalog-0"), "0+0x60",
                                commands("insert_failed", "catalog-0"), "0+0x60",
                                commands("insert_total", "catalog-1"), "0+100x60",
                                commands("insert_failed", "catalog-1"), "0+1x60",
                                commands("find_failed", "catalog-2"), "0+100x60",
                                // Refused before the set is initiated: no application's error.
                                commands("replSetGetStatus_total", "catalog-0"), "0+50x60",
                                commands("replSetGetStatus_failed", "catalog-0"), "0+50x60",
                                latency("ops", "catalog-0", "reads"), "0+100x60",
                                latency("latency", "catalog-0", "reads"), "0+100000x60",
                                latency("ops", "catalog-0", "writes"), "0+4x60",
                                latency("latency", "catalog-0", "writes"), "0+12000000x60",
                                latency("ops", "catalog-0", "commands"), "0+50x60",
                                latency("latency", "catalog-0", "commands"), "0+500000000x60",
                                up("catalog-0"), "1+0x60",
                                up("catalog-1"), "1+0x60",
                                up("catalog-2"), "0+0x60"),
                        Map.of(
                                scoped("health-check-failures"), 0.5,
                                scoped("error-rate"), 0.02,
                                scoped("p95-latency"), 0.038,
                                scoped("connection-failures"), 0.0))
                .scenario(
                        series(
                                ready("catalog-0"), "0+0x60",
                                ready("catalog-1"), "0+0x60",
                                commands("find_total", "catalog-0"), "0+100x60",
                                commands("find_failed", "catalog-0"), "0+20x60",
                                commands("insert_total", "catalog-1"), "0+100x60",
                                commands("insert_failed", "catalog-1"), "0+1x60",
                                latency("ops", "catalog-0", "reads"), "0+100x60",
                                latency("latency", "catalog-0", "reads"), "0+100000x60",
                                latency("ops", "catalog-1", "writes"), "0+10x60",
                                latency("latency", "catalog-1", "writes"), "0+30000000x60",
                                up("catalog-0"), "0+0x60",
                                up("catalog-1"), "1+0x60"),
                        Map.of(
                                scoped("health-check-failures"), 1.0,
                                scoped("error-rate"), 0.105,
                                scoped("p95-latency"), 0.091,
                                scoped("connection-failures"), 0.5))
                .assertPrometheusAgrees(directory);

        assertHolds("health-check-failures", 0.5, true);
        assertHolds("health-check-failures", 1.0, false);
        assertHolds("error-rate", 0.02, true);
        assertHolds("error-rate", 0.105, false);
        assertHolds("p95-latency", 0.038, true);
        assertHolds("p95-latency", 0.091, false);
        assertHolds("connection-failures", 0.0, true);
        assertHolds("connection-failures", 0.5, false);
    }

    @Test
    void noOperationsAtAllIsNoErrorAndNoSlowCall() {
        assertHolds("error-rate", Double.NaN, true);
        assertHolds("p95-latency", Double.NaN, true);
    }

    private static void assertHolds(String name, double result, boolean holds) {
        assertThat(SuccessCondition.parse(ANALYSES.get(name).getSuccessCondition()).test(result))
                .as(name + " with result " + result)
                .isEqualTo(holds);
    }

    private static String scoped(String name) {
        return ScopedQuery.of(ANALYSES.get(name).getQuery(), UNDER_TEST);
    }

    private static String ready(String pod) {
        return "kube_pod_status_ready{namespace=\"retail\",pod=\""
                + pod
                + "\",uid=\"u-"
                + pod
                + "\",condition=\"true\"}";
    }

    private static String commands(String suffix, String pod) {
        return "mongodb_ss_metrics_commands_" + suffix + "{" + EXPORTER + ",pod=\"" + pod + "\"}";
    }

    private static String latency(String metric, String pod, String opType) {
        return "mongodb_ss_opLatencies_"
                + metric
                + "{"
                + EXPORTER
                + ",pod=\""
                + pod
                + "\",op_type=\""
                + opType
                + "\"}";
    }

    private static String up(String pod) {
        return "mongodb_up{" + EXPORTER + ",pod=\"" + pod + "\"}";
    }
}
