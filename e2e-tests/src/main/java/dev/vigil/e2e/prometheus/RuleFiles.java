package dev.vigil.e2e.prometheus;

import dev.vigil.testing.network.LabelSelectors;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Prometheus rule files prometheus-operator writes from PrometheusRules: one file per object,
 * named {@code <namespace>-<name>.yaml}, holding its {@code spec.groups} in Prometheus's rule-file
 * format. Pure.
 */
final class RuleFiles {

    /** One rule file: where it comes from, its file name and its content as a YAML tree. */
    record RuleFile(ObjectRef source, String fileName, Map<String, Object> content) {}

    private RuleFiles() {}

    /** The rule files of every PrometheusRule {@code options} selects, ordered by file name. */
    static List<RuleFile> of(List<PrometheusRule> rules, PrometheusOptions options) {
        return rules.stream()
                .filter(
                        rule ->
                                LabelSelectors.matches(
                                        options.selector(),
                                        rule.getMetadata().getLabels() == null
                                                ? Map.of()
                                                : rule.getMetadata().getLabels()))
                .map(RuleFiles::of)
                .sorted(Comparator.comparing(RuleFile::fileName))
                .toList();
    }

    static RuleFile of(PrometheusRule rule) {
        List<Map<String, Object>> groups = new ArrayList<>();
        if (rule.getSpec() != null && rule.getSpec().getGroups() != null) {
            for (RuleGroup group : rule.getSpec().getGroups()) {
                groups.add(group(group));
            }
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("groups", groups);
        return new RuleFile(
                ObjectRef.of(rule),
                rule.getMetadata().getNamespace() + "-" + rule.getMetadata().getName() + ".yaml",
                content);
    }

    private static Map<String, Object> group(RuleGroup group) {
        Map<String, Object> rendered = new LinkedHashMap<>();
        rendered.put("name", group.getName());
        putIfSet(rendered, "interval", group.getInterval());
        List<Map<String, Object>> rules = new ArrayList<>();
        if (group.getRules() != null) {
            for (Rule rule : group.getRules()) {
                rules.add(rule(rule));
            }
        }
        rendered.put("rules", rules);
        return rendered;
    }

    private static Map<String, Object> rule(Rule rule) {
        Map<String, Object> rendered = new LinkedHashMap<>();
        putIfSet(rendered, "record", rule.getRecord());
        putIfSet(rendered, "alert", rule.getAlert());
        rendered.put("expr", expr(rule.getExpr()));
        putIfSet(rendered, "for", rule.getFor());
        putIfSet(rendered, "keep_firing_for", rule.getKeepFiringFor());
        if (rule.getLabels() != null && !rule.getLabels().isEmpty()) {
            rendered.put("labels", new TreeMap<>(rule.getLabels()));
        }
        if (rule.getAnnotations() != null && !rule.getAnnotations().isEmpty()) {
            rendered.put("annotations", new TreeMap<>(rule.getAnnotations()));
        }
        return rendered;
    }

    /** The CRD types {@code expr} as int-or-string; Prometheus wants the text. */
    private static String expr(IntOrString expr) {
        if (expr == null) {
            return "";
        }
        return expr.getStrVal() != null ? expr.getStrVal() : String.valueOf(expr.getIntVal());
    }

    private static void putIfSet(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }
}
