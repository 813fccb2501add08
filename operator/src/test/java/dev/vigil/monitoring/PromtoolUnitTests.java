package dev.vigil.monitoring;

import dev.vigil.monitoring.AlertScenario.Firing;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes a promtool unit-test file ({@code promtool test rules}) from {@link AlertScenario}s, with
 * each firing alert's full labels and annotations computed from the rule Vigil rendered.
 */
final class PromtoolUnitTests {

    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{ *([^}]*?) *}}");
    private static final Pattern LABEL = Pattern.compile("\\$labels\\.([a-zA-Z_][a-zA-Z0-9_]*)");

    private PromtoolUnitTests() {}

    /**
     * Writes the test file {@code <dir>/<name>} for the rule file {@code ruleFile} (in the same
     * directory) holding {@code rules}.
     */
    static Path write(
            Path dir,
            String name,
            String ruleFile,
            List<AlertRule> rules,
            List<AlertScenario> scenarios)
            throws IOException {
        Map<String, AlertRule> byName =
                rules.stream().collect(Collectors.toMap(AlertRule::alert, Function.identity()));
        List<Map<String, Object>> tests = new ArrayList<>();
        for (AlertScenario scenario : scenarios) {
            AlertRule rule = byName.get(scenario.alert());
            if (rule == null) {
                throw new IllegalArgumentException("no rendered rule " + scenario.alert());
            }
            tests.add(test(scenario, rule));
        }
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("rule_files", List.of(ruleFile));
        file.put("evaluation_interval", "1m");
        file.put("tests", tests);
        return Files.writeString(dir.resolve(name), Serialization.asYaml(file));
    }

    private static Map<String, Object> test(AlertScenario scenario, AlertRule rule) {
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("name", scenario.alert() + ": " + scenario.description());
        test.put("interval", "1m");
        test.put(
                "input_series",
                scenario.series().stream()
                        .map(s -> Map.of("series", s.selector(), "values", s.values()))
                        .toList());
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("eval_time", scenario.evalTime());
        check.put("alertname", scenario.alert());
        check.put(
                "exp_alerts",
                scenario.expected().stream().map(firing -> expected(firing, rule)).toList());
        test.put("alert_rule_test", List.of(check));
        return test;
    }

    private static Map<String, Object> expected(Firing firing, AlertRule rule) {
        Map<String, String> labels = new LinkedHashMap<>(firing.seriesLabels());
        labels.putAll(rule.labels());
        Map<String, String> annotations = new LinkedHashMap<>();
        rule.annotations()
                .forEach((key, template) -> annotations.put(key, expand(template, firing, rule)));
        return Map.of("exp_labels", labels, "exp_annotations", annotations);
    }

    /**
     * Expands the templating Vigil's annotations use: {@code $labels.<name>} (the result's labels,
     * as Prometheus passes them) and {@code $value} through humanize or humanizeDuration, which the
     * case states already rendered. Anything else fails, so a new kind of template gets a
     * deliberate test.
     */
    static String expand(String template, Firing firing, AlertRule rule) {
        Matcher matcher = TEMPLATE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String action = matcher.group(1);
            Matcher label = LABEL.matcher(action);
            String value;
            if (label.matches()) {
                value = firing.seriesLabels().get(label.group(1));
                if (value == null) {
                    throw new IllegalArgumentException(
                            rule.alert()
                                    + " shows label "
                                    + label.group(1)
                                    + " that its expression's result does not have");
                }
            } else if (action.matches("\\$value \\| humanize(Duration)?")) {
                if (firing.renderedValue() == null) {
                    throw new IllegalArgumentException(
                            rule.alert() + " shows $value: the case must state how it renders");
                }
                value = firing.renderedValue();
            } else {
                throw new IllegalArgumentException(
                        rule.alert() + ": no test expansion for {{ " + action + " }}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
