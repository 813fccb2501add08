package dev.vigil.engine.postgres;

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
 * PostgreSQL's ready-made analyses: scoped to the database from its metadata, accepted by Vigil and
 * by promtool, and, evaluated by Prometheus over series shaped as postgres_exporter and
 * kube-state-metrics write them, each below its threshold on healthy series and above it on failing
 * ones.
 */
class PostgresAnalysesTest {

    private static final MonitoredDatabase LEDGER =
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
                        standardAnalyses: [HealthCheckFailures, ErrorRate, P95Latency, ConnectionFailures]
                    """,
                    MonitoredDatabase.class);

    /** The pods under test; ledger-2, not among them, fails everything in the healthy scenario. */
    private static final List<String> UNDER_TEST = List.of("ledger-0", "ledger-1");

    private static final String EXPORTER = "namespace=\"payments\",vigil_database=\"ledger\"";

    private static final Map<String, AnalysisSpec> ANALYSES =
            StandardAnalyses.effective(
                            LEDGER.getSpec().getHealthGate(),
                            DatabaseSeries.of(LEDGER),
                            Optional.of(PostgresAnalyses.INSTANCE))
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
                        analysis -> {
                            assertThat(analysis.getQuery())
                                    .contains("namespace=\"payments\"", "pod=~\"$(pods)\"")
                                    .doesNotContain("shop");
                            assertThat(analysis.getInterval()).isEqualTo("30s");
                        });
        assertThat(ANALYSES.get("error-rate").getQuery())
                .contains("vigil_database=\"ledger\"", "pg_stat_database_xact_rollback");
        assertThat(ANALYSES.get("p95-latency").getQuery())
                .contains("pg_stat_statements_seconds_total", "pg_stat_statements_calls_total");
        assertThat(ANALYSES.get("connection-failures").getQuery()).contains("pg_up{");
    }

    @Test
    void vigilsCheckerAndPromtoolAcceptEveryQuery(@TempDir Path directory) throws Exception {
        assertThat(
                        AnalysisRules.check(
                                LEDGER,
                                Optional.of(PostgresAnalyses.INSTANCE),
                                MonitoringResources.SYNTAX_CHECK))
                .isEmpty();
        PromQlEvaluation.assertPrometheusParses(
                directory, ANALYSES.values().stream().map(a -> scoped(a.getName())).toList());
    }

    @Test
    void prometheusFindsEachTriggerBelowAndAboveItsThreshold(@TempDir Path directory)
            throws Exception {
        new PromQlEvaluation()
                .scenario(
                        series(
                                ready("payments", "ledger-0"), "1+0x60",
                                ready("payments", "ledger-1"), "0+0x60",
                                ready("payments", "ledger-2"), "0+0x60",
                                // Another namespace's pod of the same name is not this database's.
                                ready("shop", "ledger-0"), "0+0x60",
                                xact("commit", "ledger-0", "ledger"), "0+96x60",
                                xact("rollback", "ledger-0", "ledger"), "0+4x60",
                                xact("commit", "ledger-0", "template1"), "0+0x60",
                                xact("rollback", "ledger-0", "template1"), "0+1000x60",
                                xact("rollback", "ledger-2", "ledger"), "0+1000x60",
                                statement("calls_total", "ledger-0", "1"), "0+100x60",
                                statement("seconds_total", "ledger-0", "1"), "0+10x60",
                                statement("calls_total", "ledger-0", "2"), "0+4x60",
                                statement("seconds_total", "ledger-0", "2"), "0+12x60",
                                statement("calls_total", "ledger-2", "3"), "0+100x60",
                                statement("seconds_total", "ledger-2", "3"), "0+500x60",
                                up("ledger-0"), "1+0x60",
                                // Restarted: unreachable for 30s within the last minute only.
                                up("ledger-1"), "1+0x36 0 0 1+0x21",
                                up("ledger-2"), "0+0x60"),
                        Map.of(
                                scoped("health-check-failures"), 0.5,
                                scoped("error-rate"), 0.04,
                                scoped("p95-latency"), 0.038,
                                scoped("connection-failures"), 0.0))
                .scenario(
                        series(
                                ready("payments", "ledger-0"), "0+0x60",
                                ready("payments", "ledger-1"), "0+0x60",
                                xact("commit", "ledger-0", "ledger"), "0+90x60",
                                xact("rollback", "ledger-0", "ledger"), "0+10x60",
                                statement("calls_total", "ledger-0", "1"), "0+100x60",
                                statement("seconds_total", "ledger-0", "1"), "0+10x60",
                                statement("calls_total", "ledger-1", "2"), "0+10x60",
                                statement("seconds_total", "ledger-1", "2"), "0+30x60",
                                up("ledger-0"), "1+0x60",
                                up("ledger-1"), "0+0x60"),
                        Map.of(
                                scoped("health-check-failures"), 1.0,
                                scoped("error-rate"), 0.1,
                                scoped("p95-latency"), 0.091,
                                scoped("connection-failures"), 0.5))
                .assertPrometheusAgrees(directory);

        assertHolds("health-check-failures", 0.5, true);
        assertHolds("health-check-failures", 1.0, false);
        assertHolds("error-rate", 0.04, true);
        assertHolds("error-rate", 0.1, false);
        assertHolds("p95-latency", 0.038, true);
        assertHolds("p95-latency", 0.091, false);
        assertHolds("connection-failures", 0.0, true);
        assertHolds("connection-failures", 0.5, false);
    }

    @Test
    void noWorkAtAllIsNoErrorAndNoSlowCall() {
        assertHolds("error-rate", Double.NaN, true);
        assertHolds("p95-latency", Double.NaN, true);
        assertHolds("connection-failures", Double.NaN, false);
    }

    static void assertHolds(
            Map<String, AnalysisSpec> analyses, String name, double result, boolean holds) {
        assertThat(SuccessCondition.parse(analyses.get(name).getSuccessCondition()).test(result))
                .as(name + " with result " + result)
                .isEqualTo(holds);
    }

    private static void assertHolds(String name, double result, boolean holds) {
        assertHolds(ANALYSES, name, result, holds);
    }

    private static String scoped(String name) {
        return ScopedQuery.of(ANALYSES.get(name).getQuery(), UNDER_TEST);
    }

    private static String ready(String namespace, String pod) {
        return "kube_pod_status_ready{namespace=\""
                + namespace
                + "\",pod=\""
                + pod
                + "\",uid=\"u-"
                + pod
                + "\",condition=\"true\"}";
    }

    private static String xact(String kind, String pod, String datname) {
        return "pg_stat_database_xact_"
                + kind
                + "{"
                + EXPORTER
                + ",pod=\""
                + pod
                + "\",datname=\""
                + datname
                + "\"}";
    }

    private static String statement(String metric, String pod, String queryid) {
        return "pg_stat_statements_"
                + metric
                + "{"
                + EXPORTER
                + ",pod=\""
                + pod
                + "\",datname=\"ledger\",user=\"app\",queryid=\""
                + queryid
                + "\"}";
    }

    private static String up(String pod) {
        return "pg_up{" + EXPORTER + ",pod=\"" + pod + "\"}";
    }
}
