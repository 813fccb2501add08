package dev.vigil.reconciler;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.status.DatabaseStatusBuilder;
import java.time.Duration;
import java.util.Optional;

/**
 * How a pass ends: the status it computed, and when to look again.
 *
 * @param status the whole status of the resource
 * @param requeue when to look again without a watch event; empty for never (an invalid or refused
 *     spec: nothing changes until the spec does)
 */
record PassEnd(MonitoredDatabaseStatus status, Optional<Duration> requeue) {

    static PassEnd after(MonitoredDatabaseStatus status, Duration requeue) {
        return new PassEnd(status, Optional.of(requeue));
    }

    /** The status of a pass that {@code stop} ended early, for {@code resource} as read. */
    static PassEnd stopped(
            StepResult.Stop stop,
            MonitoredDatabase resource,
            DatabaseStatusBuilder statusBuilder,
            ReconcileIntervals intervals) {
        MonitoredDatabaseStatus status =
                switch (stop.kind()) {
                    case INVALID -> statusBuilder.invalid(resource, stop.errors());
                    case REFUSED -> statusBuilder.refused(resource, stop.reason(), stop.errors());
                    case WAITING ->
                            statusBuilder.waiting(
                                    resource,
                                    stop.reason(),
                                    stop.errors().get(0).field()
                                            + ": "
                                            + stop.errors().get(0).reason());
                };
        return new PassEnd(
                status,
                stop.retryLater()
                        ? Optional.of(intervals.whileReferenceMissing())
                        : Optional.empty());
    }
}
