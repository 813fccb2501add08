package dev.vigil.reconciler;

import dev.vigil.api.v1alpha1.FailoverRecord;
import dev.vigil.status.DatabaseHealth;
import dev.vigil.status.StatusEvent;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What an engine's step found before the objects are applied, and what it asks of them.
 *
 * @param health how the database is doing
 * @param holdStatefulSetAt keep the StatefulSet at this size (members leave before their pods)
 * @param primaryOrdinal the member the read-write Service must select (PostgreSQL)
 * @param failover a promotion made in this pass
 * @param events what deserves an Event
 */
record EngineOutcome(
        DatabaseHealth health,
        OptionalInt holdStatefulSetAt,
        OptionalInt primaryOrdinal,
        Optional<FailoverRecord> failover,
        List<StatusEvent> events) {}
