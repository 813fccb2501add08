package dev.vigil.rollout.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.monitoring.Promtool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Has Prometheus itself ({@code promtool test rules}) evaluate analysis queries over input series,
 * one test group per scenario, and expect each result (rounded to 0.001) at 10 minutes. One
 * promtool run for every scenario, to keep the suite quick.
 */
public final class PromQlEvaluation {

    /** When each query is evaluated: every series starts at 0 and is sampled every 15s. */
    public static final String EVAL_TIME = "10m";

    private final List<String> groups = new ArrayList<>();

    /** One scenario: its series, each {@code selector -> promtool values}, and the results. */
    public PromQlEvaluation scenario(Map<String, String> series, Map<String, Double> expected) {
        StringBuilder group = new StringBuilder("  - interval: 15s\n    input_series:\n");
        series.forEach(
                (selector, values) ->
                        group.append("      - series: ")
                                .append(quoted(selector))
                                .append("\n        values: '")
                                .append(values)
                                .append("'\n"));
        group.append("    promql_expr_test:\n");
        expected.forEach(
                (query, value) ->
                        group.append("      - expr: ")
                                .append(quoted("round(" + query + ", 0.001)"))
                                .append("\n        eval_time: ")
                                .append(EVAL_TIME)
                                .append("\n        exp_samples:\n")
                                .append("          - labels: '{}'\n            value: ")
                                .append(value)
                                .append('\n'));
        groups.add(group.toString());
        return this;
    }

    /** A map that keeps the order it was written in, for readable scenarios. */
    public static Map<String, String> series(String... selectorsAndValues) {
        Map<String, String> series = new LinkedHashMap<>();
        for (int i = 0; i < selectorsAndValues.length; i += 2) {
            series.put(selectorsAndValues[i], selectorsAndValues[i + 1]);
        }
        return series;
    }

    /** Runs promtool 2 and 3 on every scenario; each must find each result as expected. */
    public void assertPrometheusAgrees(Path directory) throws IOException, InterruptedException {
        Files.writeString(directory.resolve("rules.yml"), "groups: []\n");
        Files.writeString(
                directory.resolve("test.yml"),
                "rule_files: [rules.yml]\nevaluation_interval: 15s\ntests:\n"
                        + String.join("", groups));

        for (Promtool promtool : Promtool.both()) {
            Promtool.Result result = promtool.run(directory, "test", "rules", "test.yml");

            assertThat(result.exitCode()).as(promtool + ": " + result.output()).isZero();
        }
    }

    /**
     * Runs {@code promtool check rules} on {@code queries}, each a recording rule's expression, as
     * Prometheus 2 and 3 would load them: each must parse and type-check.
     */
    public static void assertPrometheusParses(Path directory, List<String> queries)
            throws IOException, InterruptedException {
        StringBuilder rules = new StringBuilder("groups:\n  - name: analyses\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            rules.append("      - record: analysis_")
                    .append(i)
                    .append("\n        expr: ")
                    .append(quoted(queries.get(i)))
                    .append('\n');
        }
        Files.writeString(directory.resolve("analyses.yml"), rules.toString());

        for (Promtool promtool : Promtool.both()) {
            Promtool.Result result = promtool.run(directory, "check", "rules", "analyses.yml");

            assertThat(result.exitCode()).as(promtool + ": " + result.output()).isZero();
        }
    }

    /** A YAML single-quoted scalar. */
    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
