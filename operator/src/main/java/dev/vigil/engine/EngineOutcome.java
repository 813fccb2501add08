package dev.vigil.engine;

import dev.vigil.api.v1alpha1.FailoverRecord;
import dev.vigil.api.v1alpha1.RestoreRecord;
import dev.vigil.status.DatabaseHealth;
import dev.vigil.status.StatusEvent;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What an engine's step found, and what it asks of the objects applied after it.
 *
 * @param health how the database is doing
 * @param holdStatefulSetAt keep the StatefulSet at this size (members leave before their pods)
 * @param primaryOrdinal the member the read-write Service must select (PostgreSQL)
 * @param failover a promotion made in this pass
 * @param events what deserves an Event
 * @param restored the backup restored by {@code spec.bootstrap} in this pass (MongoDB)
 */
public record EngineOutcome(
        DatabaseHealth health,
        OptionalInt holdStatefulSetAt,
        OptionalInt primaryOrdinal,
        Optional<FailoverRecord> failover,
        List<StatusEvent> events,
        Optional<RestoreRecord> restored) {

    public EngineOutcome {
        events = List.copyOf(events);
    }

    /** What a step found, with nothing restored. */
    public EngineOutcome(
            DatabaseHealth health,
            OptionalInt holdStatefulSetAt,
            OptionalInt primaryOrdinal,
            Optional<FailoverRecord> failover,
            List<StatusEvent> events) {
        this(health, holdStatefulSetAt, primaryOrdinal, failover, events, Optional.empty());
    }

    /** Only how the database is doing: nothing asked of the objects, nothing to tell. */
    public static EngineOutcome health(DatabaseHealth health) {
        return new EngineOutcome(
                health, OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), List.of());
    }
}
