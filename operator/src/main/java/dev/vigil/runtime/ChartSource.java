package dev.vigil.runtime;

import java.util.Objects;

/**
 * How the Helm chart in {@code helm/vigil-operator} sets a setting's environment variable in the
 * operator's container: from one of its values, from something else it knows, or not at all. {@code
 * ChartSettingsTest} holds the chart to it.
 *
 * @param valuePath the chart value the variable comes from, as a dotted path such as {@code
 *     leaderElection.enabled}; null when it comes from no value of its own
 * @param note what else to know, in words; empty when nothing
 * @param setsVariable whether the chart sets the variable at all
 */
public record ChartSource(String valuePath, String note, boolean setsVariable) {

    public ChartSource {
        Objects.requireNonNull(note, "note");
        if (valuePath != null && !setsVariable) {
            throw new IllegalArgumentException("a chart value always sets its variable");
        }
    }

    /** The variable is the chart value at {@code path}. */
    public static ChartSource value(String path) {
        return new ChartSource(path, "", true);
    }

    /** The variable is the chart value at {@code path}, with something more to know. */
    public static ChartSource value(String path, String note) {
        return new ChartSource(path, note, true);
    }

    /** The chart sets the variable from what it knows itself, described in {@code how}. */
    public static ChartSource derived(String how) {
        return new ChartSource(null, how, true);
    }

    /** The chart leaves the variable unset, for the reason {@code why}. */
    public static ChartSource notSet(String why) {
        return new ChartSource(null, why, false);
    }
}
