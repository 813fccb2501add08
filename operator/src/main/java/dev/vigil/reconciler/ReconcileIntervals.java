package dev.vigil.reconciler;

import java.time.Duration;

/**
 * How soon a database is looked at again when no watch event comes.
 *
 * @param whileProgressing while it is being created, scaled or updated
 * @param whileReady health check of a Ready database (a read of the database, no API write)
 * @param whileReferenceMissing while a Secret named in the spec does not exist (such Secrets are
 *     not watched: they carry no Vigil label)
 */
public record ReconcileIntervals(
        Duration whileProgressing, Duration whileReady, Duration whileReferenceMissing) {

    /** The intervals the operator runs with. */
    public static final ReconcileIntervals DEFAULT =
            new ReconcileIntervals(
                    Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofSeconds(30));
}
