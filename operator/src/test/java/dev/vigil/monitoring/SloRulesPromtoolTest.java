package dev.vigil.monitoring;

import static dev.vigil.monitoring.AlertScenario.fires;
import static dev.vigil.monitoring.AlertScenario.labels;
import static dev.vigil.monitoring.AlertScenario.silent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.postgres.PostgresAlerts;
import dev.vigil.monitoring.AlertScenario.Firing;
import dev.vigil.monitoring.AlertScenario.Series;
import dev.vigil.monitoring.Promtool.Result;
import dev.vigil.monitoring.slo.SloRules;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SLO rules of a PostgreSQL database with an availability objective of 99.9 % and a latency
 * objective (200 ms, 99 %) over 30 days, run by promtool 2 and 3: each burn-rate alert fires at the
 * workbook's burn rates and stays silent below them, and the recorded error budget left is what the
 * error ratio implies.
 */
class SloRulesPromtoolTest {

    private static final String RUNBOOKS = "https://runbooks.example/";

    private static final MonitoredDatabase DATABASE = RuleTestDatabases.postgresWithObjectives();

    private static final Map<String, String> OBJECTIVE =
            Map.of("namespace", "shop", "vigil_database", "orders");

    @TempDir Path dir;

    static List<Promtool> promtools() {
        return Promtool.both();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("promtools")
    void promtoolAcceptsTheRules(Promtool promtool) throws Exception {
        writeRules();

        Result result = promtool.run(dir, "check", "rules", "rules.yaml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("promtools")
    void burnRateAlertsFireAtTheirBurnRatesAndOnlyThen(Promtool promtool) throws Exception {
        SloRules slo = writeRules();
        List<AlertScenario> scenarios = new ArrayList<>();
        Map<String, String> availability = labels(OBJECTIVE, "slo", "availability");
        scenarios.add(
                fires(
                        SloRules.FAST_BURN,
                        "every member down after the first minute: burn rate 909",
                        "10m",
                        new Firing(availability, "909.1"),
                        members("1 0x20")));
        scenarios.add(
                fires(
                        SloRules.FAST_BURN,
                        "no exporter can be scraped after the first minute, so no pg_up at all",
                        "10m",
                        new Firing(availability, "909.1"),
                        pgUp(0, "1 stale"),
                        pgUp(1, "1 stale"),
                        new Series("up", member(0), "1 0x20"),
                        new Series("up", member(1), "1 0x20")));
        scenarios.add(
                silent(
                        SloRules.FAST_BURN,
                        "a new database whose members take 5 minutes to start: no outage yet",
                        "7m",
                        members("0x5 1x20")));
        scenarios.add(
                silent(
                        SloRules.FAST_BURN,
                        "one member of three down for 2 minutes after 6 healthy hours",
                        "404m",
                        pgUp(0, "1x400 0 0 1x10"),
                        pgUp(1, "1x412"),
                        pgUp(2, "1x412")));
        scenarios.add(
                silent(
                        SloRules.FAST_BURN,
                        "burn rate 5: too slow to page",
                        "30m",
                        members("0.995x60")));
        scenarios.add(
                fires(
                        SloRules.SLOW_BURN,
                        "burn rate 5 for 15 minutes",
                        "30m",
                        new Firing(availability, "5"),
                        members("0.995x60")));
        scenarios.add(
                silent(
                        SloRules.SLOW_BURN,
                        "burn rate 0.5: the budget lasts the period",
                        "30m",
                        members("0.9995x60")));
        Map<String, String> latency = labels(OBJECTIVE, "slo", "latency");
        scenarios.add(
                fires(
                        SloRules.FAST_BURN,
                        "statements take 500ms on average: every minute is bad, burn rate 100",
                        "15m",
                        new Firing(latency, "100"),
                        with(members("1x30"), statements("0+30x30", "0+60x30"))));
        scenarios.add(
                silent(
                        SloRules.FAST_BURN,
                        "statements take 100ms on average",
                        "15m",
                        with(members("1x30"), statements("0+6x30", "0+60x30"))));
        PromtoolUnitTests.write(dir, "tests.yaml", "rules.yaml", slo.alerts(), scenarios);

        Result result = promtool.run(dir, "test", "rules", "tests.yaml");

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("promtools")
    void theErrorBudgetLeftIsRecorded(Promtool promtool) throws Exception {
        writeRules();
        Map<String, Object> test =
                Map.of(
                        "interval",
                        "1m",
                        "input_series",
                        List.of(
                                Map.of(
                                        "series",
                                        selector("pg_up", member(0)),
                                        "values",
                                        "0.9995x120"),
                                Map.of(
                                        "series",
                                        selector("pg_up", member(1)),
                                        "values",
                                        "0.9995x120")),
                        "promql_expr_test",
                        List.of(
                                Map.of(
                                        "expr",
                                        "round("
                                                + SloRules.BUDGET_REMAINING
                                                + "{slo=\"availability\"}, 0.001)",
                                        "eval_time",
                                        "100m",
                                        "exp_samples",
                                        List.of(
                                                Map.of(
                                                        "labels",
                                                        selector(
                                                                "",
                                                                labels(
                                                                        OBJECTIVE,
                                                                        "slo",
                                                                        "availability")),
                                                        "value",
                                                        0.5)))));
        Files.writeString(
                dir.resolve("budget.yaml"),
                Serialization.asYaml(
                        Map.of(
                                "rule_files",
                                List.of("rules.yaml"),
                                "evaluation_interval",
                                "1m",
                                "tests",
                                List.of(test))));

        Result result = promtool.run(dir, "test", "rules", "budget.yaml");

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private SloRules writeRules() throws Exception {
        SloRules slo =
                SloRules.of(DATABASE, PostgresAlerts.INDICATORS, PriorityLabels.DEFAULT, RUNBOOKS)
                        .orElseThrow();
        RuleFiles.write(
                PrometheusRuleBuilder.build(DATABASE, List.of(), Optional.of(slo)),
                dir.resolve("rules.yaml"));
        return slo;
    }

    private static Series[] members(String values) {
        return new Series[] {pgUp(0, values), pgUp(1, values), pgUp(2, values)};
    }

    private static Series pgUp(int ordinal, String values) {
        return new Series("pg_up", member(ordinal), values);
    }

    private static Map<String, String> member(int ordinal) {
        return Map.of(
                "namespace", "shop",
                "vigil_database", "orders",
                "pod", "orders-" + ordinal,
                "instance", "10.1.0." + (20 + ordinal) + ":9187",
                "job", "orders-metrics");
    }

    /** One statement's time and calls on the primary. */
    private static Series[] statements(String seconds, String calls) {
        Map<String, String> statement =
                labels(member(0), "datname", "orders", "user", "app", "queryid", "1");
        return new Series[] {
            new Series("pg_stat_statements_seconds_total", statement, seconds),
            new Series("pg_stat_statements_calls_total", statement, calls)
        };
    }

    private static Series[] with(Series[] first, Series[] second) {
        List<Series> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(second));
        return all.toArray(Series[]::new);
    }

    private static String selector(String name, Map<String, String> labels) {
        return new Series(name, labels, "").selector();
    }
}
