package dev.vigil.monitoring;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.Priority;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A default alert of an engine (or of Vigil itself) before any AlertPolicy retunes it: a PromQL
 * template and its tunable parts.
 *
 * <p>The template uses placeholders that {@link #instantiate} replaces: {@code {{exporter}}},
 * {@code {{pods}}}, {@code {{volumes}}} and {@code {{operator}}} by the label matchers of {@link
 * MetricSelectors}, and {@code {{threshold}}} by the threshold.
 *
 * @param alert the alert name; its runbook is {@code docs/runbooks/<alert>.md}
 * @param exprTemplate the expression with placeholders
 * @param threshold the default threshold, or null when the rule has none to tune
 * @param forDuration the default {@code for}, or null
 * @param priority the default priority
 * @param summary the {@code summary} annotation; may use Prometheus templating ({@code $labels})
 * @param description the {@code description} annotation
 * @param needsStandbys true for replication rules, which a single-member database does not get
 */
public record DefaultAlert(
        String alert,
        String exprTemplate,
        String threshold,
        String forDuration,
        Priority priority,
        String summary,
        String description,
        boolean needsStandbys) {

    /**
     * The rule for {@code database}.
     *
     * @param threshold the threshold to use (the default, or a policy's)
     * @param forDuration the {@code for} to use
     * @param priority the priority to use
     * @param priorityLabels the labels each priority carries (e.g. {@code severity})
     * @param runbookBaseUrl where runbooks are published; the alert's is {@code <base><alert>.md}
     */
    public AlertRule instantiate(
            MonitoredDatabase database,
            String threshold,
            String forDuration,
            Priority priority,
            Map<Priority, Map<String, String>> priorityLabels,
            String runbookBaseUrl) {
        String expr =
                exprTemplate
                        .replace("{{exporter}}", MetricSelectors.exporter(database))
                        .replace("{{pods}}", MetricSelectors.pods(database))
                        .replace("{{volumes}}", MetricSelectors.volumes(database))
                        .replace("{{operator}}", MetricSelectors.operator(database));
        if (threshold != null) {
            expr = expr.replace("{{threshold}}", threshold);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.putAll(priorityLabels.getOrDefault(priority, Map.of()));
        labels.put("priority", priority.name());
        labels.put(MetricSelectors.DATABASE_LABEL, database.getMetadata().getName());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary);
        annotations.put("description", description);
        annotations.put("runbook_url", runbookBaseUrl + alert + ".md");
        return new AlertRule(alert, expr, forDuration, priority, labels, annotations);
    }
}
