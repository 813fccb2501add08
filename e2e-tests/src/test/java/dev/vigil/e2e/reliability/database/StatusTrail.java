package dev.vigil.e2e.reliability.database;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a database's status said while a fault played out, as {@code kubectl get mdb -w} would have
 * shown it: every distinct phase, ready count and condition (type, status, reason, message) seen,
 * in order.
 */
public final class StatusTrail {

    private final Set<String> lines = new LinkedHashSet<>();

    /** Notes what {@code database}'s status says now. */
    public synchronized void look(MonitoredDatabase database) {
        MonitoredDatabaseStatus status = database == null ? null : database.getStatus();
        if (status == null) {
            return;
        }
        lines.add("phase=" + status.getPhase() + " readyReplicas=" + status.getReadyReplicas());
        if (status.getConditions() != null) {
            for (Condition condition : status.getConditions()) {
                lines.add(
                        condition.getType()
                                + "="
                                + condition.getStatus()
                                + " "
                                + condition.getReason()
                                + ": "
                                + condition.getMessage());
            }
        }
    }

    /** The lines seen, first seen first. */
    public synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    /** Whether some line seen contains every one of {@code parts}. */
    public synchronized boolean saw(String... parts) {
        return lines.stream().anyMatch(line -> List.of(parts).stream().allMatch(line::contains));
    }
}
