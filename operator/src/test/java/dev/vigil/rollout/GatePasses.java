package dev.vigil.rollout;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.engine.DatabaseEngines;
import dev.vigil.rollout.analysis.DatabaseSeries;
import dev.vigil.rollout.analysis.StandardAnalyses;
import dev.vigil.status.StatusEvent;
import dev.vigil.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Drives {@link RolloutStateMachine} pass by pass as the reconciler does: each pass decides from
 * the status the last one computed, on a clock the test moves.
 */
final class GatePasses {

    final MutableClock clock;
    final RolloutStateMachine machine;

    /** What the last pass computed, as the reconciler keeps it. */
    MonitoredDatabaseStatus status;

    GatePasses(Instant start) {
        this.clock = new MutableClock(start);
        this.machine = new RolloutStateMachine(clock, DatabaseEngines::dataCompatibility);
    }

    /** One pass over {@code database} that observed {@code observed}; keeps the status it wrote. */
    RolloutDecision pass(MonitoredDatabase database, Observed observed) {
        RolloutDecision decision =
                machine.next(
                        new RolloutInput(
                                database,
                                underTest(database),
                                Optional.ofNullable(status),
                                observed.build()));
        MonitoredDatabaseStatus next = new MonitoredDatabaseStatus();
        next.setObservedGeneration(database.getMetadata().getGeneration());
        next.setRollout(decision.rollout());
        status = next;
        return decision;
    }

    /**
     * {@code database}'s spec as the reconciler hands it to the gate: defaulted, its ready-made
     * analyses written out.
     */
    static MonitoredDatabaseSpec underTest(MonitoredDatabase database) {
        MonitoredDatabaseSpec defaulted = SchemaDefaults.withDefaults(database).getSpec();
        return StandardAnalyses.applied(
                defaulted, DatabaseSeries.of(database), DatabaseEngines.of(defaulted).analyses());
    }

    /** The Events {@code decision} asks for. */
    static List<StatusEvent> events(RolloutDecision decision) {
        return decision.actions(RolloutAction.RecordEvent.class).stream()
                .map(RolloutAction.RecordEvent::event)
                .toList();
    }
}
