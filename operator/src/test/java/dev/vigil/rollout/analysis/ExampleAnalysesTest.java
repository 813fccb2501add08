package dev.vigil.rollout.analysis;

import static dev.vigil.rollout.analysis.PromQlEvaluation.series;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.AnalysisSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.DatabaseEngines;
import dev.vigil.monitoring.MonitoringResources;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis examples switch on the four ready-made triggers, which Vigil accepts with their
 * written analyses; the written one of {@code examples/postgres-analysis.yaml} computes what its
 * comment says when Prometheus itself ({@code promtool test rules}) evaluates it, its tokens
 * replaced as the gate replaces them.
 */
class ExampleAnalysesTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    private static MonitoredDatabase read(String example) throws IOException {
        MonitoredDatabase database =
                Serialization.unmarshal(
                        Files.readString(EXAMPLES.resolve(example)), MonitoredDatabase.class);
        database.getMetadata().setNamespace("shop");
        return database;
    }

    private static List<AnalysisSpec> gate(MonitoredDatabase database) {
        MonitoredDatabase defaulted = SchemaDefaults.withDefaults(database);
        return StandardAnalyses.effective(
                defaulted.getSpec().getHealthGate(),
                DatabaseSeries.of(defaulted),
                DatabaseEngines.of(defaulted.getSpec()).analyses());
    }

    @Test
    void bothExamplesRunTheFourTriggersAndVigilAcceptsThem() throws IOException {
        for (String example : List.of("postgres-analysis.yaml", "mongodb-analysis.yaml")) {
            MonitoredDatabase database = read(example);
            assertThat(gate(database))
                    .extracting(AnalysisSpec::getName)
                    .as(example)
                    .contains(
                            "health-check-failures",
                            "error-rate",
                            "p95-latency",
                            "connection-failures");
            assertThat(
                            AnalysisRules.check(
                                    database,
                                    DatabaseEngines.of(
                                                    SchemaDefaults.withDefaults(database).getSpec())
                                            .analyses(),
                                    MonitoringResources.SYNTAX_CHECK))
                    .as(example)
                    .isEmpty();
        }
    }

    /**
     * checkout-1, under test, lags 12 s at its worst over 2 minutes (then 3 s); checkout-0 never; a
     * database of the same name in another namespace lags 60 s. Then checkout-1 lags 3 s all along.
     */
    @Test
    void prometheusEvaluatesTheWrittenAnalysisAsDescribed(@TempDir Path directory)
            throws Exception {
        MonitoredDatabase database = read("postgres-analysis.yaml");
        AnalysisSpec replayLag =
                gate(database).stream()
                        .filter(a -> a.getName().equals("replay-lag"))
                        .findFirst()
                        .orElseThrow();
        String query =
                ScopedQuery.of(
                        replayLag.getQuery(),
                        DatabaseSeries.of(database),
                        List.of("checkout-0", "checkout-1"));
        String shop = "namespace=\"shop\",vigil_database=\"checkout\",pod=";

        new PromQlEvaluation()
                .scenario(
                        series(
                                "pg_replication_lag_seconds{" + shop + "\"checkout-0\"}", "0+0x60",
                                "pg_replication_lag_seconds{" + shop + "\"checkout-1\"}",
                                        "3+0x33 12 3+0x25",
                                "pg_replication_lag_seconds{namespace=\"other\","
                                                + "vigil_database=\"checkout\",pod=\"checkout-1\"}",
                                        "60+0x60"),
                        Map.of(query, 12.0))
                .scenario(
                        series(
                                "pg_replication_lag_seconds{" + shop + "\"checkout-0\"}", "0+0x60",
                                "pg_replication_lag_seconds{" + shop + "\"checkout-1\"}", "3+0x60"),
                        Map.of(query, 3.0))
                .assertPrometheusAgrees(directory);

        SuccessCondition condition = SuccessCondition.parse(replayLag.getSuccessCondition());
        assertThat(condition.test(12)).isFalse();
        assertThat(condition.test(3)).isTrue();
    }
}
