package dev.vigil.reconciler;

import dev.vigil.status.DatabaseHealth;
import dev.vigil.status.DatabaseObservation;
import java.time.Duration;

/** How soon a settled database is looked at again. */
final class NextPass {

    private NextPass() {}

    /** Rarely while it is Ready and healthy, often while it is not there yet. */
    static Duration after(DatabaseObservation observation, ReconcileIntervals intervals) {
        boolean ready =
                observation.podsReady()
                        && observation.health().state() == DatabaseHealth.State.HEALTHY;
        return ready ? intervals.whileReady() : intervals.whileProgressing();
    }
}
