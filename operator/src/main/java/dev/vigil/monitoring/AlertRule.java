package dev.vigil.monitoring;

import dev.vigil.api.v1alpha1.Priority;
import java.util.Map;

/**
 * One alerting rule as it goes into a database's PrometheusRule: a default rule of the engine
 * (possibly retuned by an AlertPolicy) or a policy's custom rule.
 *
 * @param alert the alert name, unique within the database's rules
 * @param expr the PromQL expression, already scoped to the database
 * @param forDuration how long it must hold ({@code for}), or null to fire at once
 * @param priority P1..P4; the {@code priority} label
 * @param labels every label the alert carries, {@code severity} and {@code priority} included
 * @param annotations {@code summary}, {@code description}, {@code runbook_url} and any other
 */
public record AlertRule(
        String alert,
        String expr,
        String forDuration,
        Priority priority,
        Map<String, String> labels,
        Map<String, String> annotations) {

    public AlertRule {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }
}
