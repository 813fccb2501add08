package dev.vigil.monitoring;

import dev.vigil.api.v1alpha1.Priority;
import java.util.Map;

/** The labels each priority carries when no AlertPolicy maps it otherwise. */
public final class PriorityLabels {

    /** P1 critical, P2 and P3 warning, P4 info: the severities Alertmanager setups route on. */
    public static final Map<Priority, Map<String, String>> DEFAULT =
            Map.of(
                    Priority.P1, Map.of("severity", "critical"),
                    Priority.P2, Map.of("severity", "warning"),
                    Priority.P3, Map.of("severity", "warning"),
                    Priority.P4, Map.of("severity", "info"));

    private PriorityLabels() {}
}
