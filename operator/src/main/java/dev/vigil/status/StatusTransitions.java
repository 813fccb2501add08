package dev.vigil.status;

import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Events a status change deserves: one per transition, none for a pass that changed nothing, so
 * Events stay a readable history rather than a heartbeat.
 */
public final class StatusTransitions {

    /** Event reason when a database becomes Ready. */
    public static final String EVENT_READY = "Ready";

    /** Event reason when a degraded database recovers. */
    public static final String EVENT_RECOVERED = "Recovered";

    private StatusTransitions() {}

    /** The Events for going from {@code before} (null for a new resource) to {@code after}. */
    public static List<StatusEvent> between(
            MonitoredDatabaseStatus before, MonitoredDatabaseStatus after) {
        List<Condition> old = before != null ? before.getConditions() : null;
        List<Condition> now = after.getConditions();
        List<StatusEvent> events = new ArrayList<>();

        Optional<Condition> readyBefore = ConditionFactory.find(old, ConditionType.READY);
        Optional<Condition> readyNow = ConditionFactory.find(now, ConditionType.READY);
        if (readyNow.isPresent()) {
            Condition ready = readyNow.get();
            boolean wasTrue = readyBefore.map(c -> "True".equals(c.getStatus())).orElse(false);
            if ("True".equals(ready.getStatus()) && !wasTrue) {
                events.add(StatusEvent.normal(EVENT_READY, ready.getMessage()));
            }
            boolean refusedNow = Reason.REFUSALS.contains(ready.getReason());
            boolean sameRefusal =
                    readyBefore
                            .filter(c -> Objects.equals(c.getReason(), ready.getReason()))
                            .filter(c -> Objects.equals(c.getMessage(), ready.getMessage()))
                            .isPresent();
            if (refusedNow && !sameRefusal) {
                events.add(StatusEvent.warning(ready.getReason(), ready.getMessage()));
            }
        }

        boolean degradedBefore = ConditionFactory.isTrue(old, ConditionType.DEGRADED);
        Optional<Condition> degradedNow = ConditionFactory.find(now, ConditionType.DEGRADED);
        if (degradedNow.isPresent()) {
            Condition degraded = degradedNow.get();
            boolean isDegraded = "True".equals(degraded.getStatus());
            String reasonBefore =
                    ConditionFactory.find(old, ConditionType.DEGRADED)
                            .map(Condition::getReason)
                            .orElse(null);
            if (isDegraded && (!degradedBefore || !degraded.getReason().equals(reasonBefore))) {
                events.add(StatusEvent.warning(degraded.getReason(), degraded.getMessage()));
            } else if (!isDegraded && degradedBefore) {
                events.add(StatusEvent.normal(EVENT_RECOVERED, "The database answers again."));
            }
        }
        return events;
    }
}
