package dev.vigil.monitoring.slo;

import java.util.Map;

/**
 * One recording rule of a database's SLO group.
 *
 * @param record the name of the recorded series
 * @param expr its expression, scoped to the database
 * @param labels labels the rule adds to (or sets on) every series it records
 */
public record RecordingRule(String record, String expr, Map<String, String> labels) {

    public RecordingRule {
        labels = Map.copyOf(labels);
    }
}
