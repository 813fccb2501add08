package dev.vigil.rollout.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.AnalysisSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.monitoring.MonitoringResources;
import dev.vigil.monitoring.Promtool;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four analyses of {@code examples/postgres-analysis.yaml} compute what their comments say:
 * Prometheus itself ({@code promtool test rules}) evaluates each query over series shaped as
 * postgres_exporter and kube-state-metrics write them, and each result meets or breaks its success
 * condition as the trigger it stands for demands.
 */
class ExampleAnalysesTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "postgres-analysis.yaml");
    private static final String EXPORTER = "namespace=\"shop\",vigil_database=\"checkout\"";

    private static Map<String, AnalysisSpec> analyses;

    @BeforeAll
    static void read() throws IOException {
        MonitoredDatabase database =
                SchemaDefaults.withDefaults(
                        Serialization.unmarshal(
                                Files.readString(EXAMPLE), MonitoredDatabase.class));
        analyses =
                database.getSpec().getHealthGate().getAnalysis().stream()
                        .collect(Collectors.toMap(AnalysisSpec::getName, a -> a));
    }

    @Test
    void theExampleHasTheFourTriggersAndVigilAcceptsThem() throws IOException {
        assertThat(analyses)
                .containsOnlyKeys(
                        "health-check-failures",
                        "error-rate",
                        "p95-latency",
                        "connection-failures");
        MonitoredDatabase database =
                Serialization.unmarshal(Files.readString(EXAMPLE), MonitoredDatabase.class);
        assertThat(
                        AnalysisRules.check(
                                database, Optional.empty(), MonitoringResources.SYNTAX_CHECK))
                .isEmpty();
    }

    /**
     * At 10 minutes: one of two members failing its readiness probe all along (a failure share of
     * 0.5, which is not above 50%); one transaction in ten rolled back (10%); the longest active
     * transaction 3 s old (p95 3 s); one of two exporters unable to connect (50%).
     */
    @Test
    void prometheusEvaluatesEachQueryAsDescribed(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("rules.yml"), "groups: []\n");
        String pod0 = ",pod=\"checkout-0\"";
        String pod1 = ",pod=\"checkout-1\"";
        List<String> series =
                List.of(
                        series(
                                "kube_pod_status_ready{namespace=\"shop\""
                                        + pod0
                                        + ",condition=\"true\"}",
                                "0+0x60"),
                        series(
                                "kube_pod_status_ready{namespace=\"shop\""
                                        + pod1
                                        + ",condition=\"true\"}",
                                "1+0x60"),
                        series(
                                "pg_stat_database_xact_commit{"
                                        + EXPORTER
                                        + pod0
                                        + ",datname=\"orders\"}",
                                "0+90x60"),
                        series(
                                "pg_stat_database_xact_rollback{"
                                        + EXPORTER
                                        + pod0
                                        + ",datname=\"orders\"}",
                                "0+10x60"),
                        series(
                                "pg_stat_database_xact_commit{"
                                        + EXPORTER
                                        + pod0
                                        + ",datname=\"template1\"}",
                                "0+1000x60"),
                        series(
                                "pg_stat_database_xact_rollback{"
                                        + EXPORTER
                                        + pod0
                                        + ",datname=\"template1\"}",
                                "0+0x60"),
                        series(
                                "pg_stat_activity_max_tx_duration{"
                                        + EXPORTER
                                        + pod0
                                        + ",datname=\"orders\",state=\"active\"}",
                                "3+0x60"),
                        series(
                                "pg_stat_activity_max_tx_duration{"
                                        + EXPORTER
                                        + pod1
                                        + ",datname=\"orders\",state=\"active\"}",
                                "1+0x60"),
                        series(
                                "pg_stat_activity_max_tx_duration{"
                                        + EXPORTER
                                        + pod0
                                        + ",datname=\"orders\",state=\"idle in transaction\"}",
                                "60+0x60"),
                        series("pg_up{" + EXPORTER + pod0 + "}", "1+0x60"),
                        series("pg_up{" + EXPORTER + pod1 + "}", "0+0x60"));
        Map<String, Double> expected =
                Map.of(
                        "health-check-failures", 0.5,
                        "error-rate", 0.1,
                        "p95-latency", 3.0,
                        "connection-failures", 0.5);
        StringBuilder tests = new StringBuilder();
        expected.forEach(
                (name, value) ->
                        tests.append("      - expr: ")
                                .append(
                                        quoted(
                                                "round("
                                                        + analyses.get(name).getQuery()
                                                        + ", 0.001)"))
                                .append("\n        eval_time: 10m\n        exp_samples:\n")
                                .append("          - labels: '{}'\n            value: ")
                                .append(value)
                                .append('\n'));
        Files.writeString(
                directory.resolve("test.yml"),
                "rule_files: [rules.yml]\nevaluation_interval: 15s\ntests:\n  - interval: 15s\n"
                        + "    input_series:\n"
                        + String.join("", series)
                        + "    promql_expr_test:\n"
                        + tests);

        Promtool.Result result = Promtool.run(directory, "test", "rules", "test.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(holds("health-check-failures", 0.5)).isTrue();
        assertThat(holds("error-rate", 0.1)).isFalse();
        assertThat(holds("p95-latency", 3.0)).isFalse();
        assertThat(holds("connection-failures", 0.5)).isFalse();
    }

    @Test
    void aDatabaseWithoutTransactionsHasNoErrorRate() {
        assertThat(holds("error-rate", Double.NaN)).isTrue();
        assertThat(holds("error-rate", 0.05)).isTrue();
        assertThat(holds("error-rate", 0.051)).isFalse();
    }

    private static boolean holds(String analysis, double result) {
        return SuccessCondition.parse(analyses.get(analysis).getSuccessCondition()).test(result);
    }

    private static String series(String selector, String values) {
        return "      - series: " + quoted(selector) + "\n        values: '" + values + "'\n";
    }

    /** A YAML single-quoted scalar. */
    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
