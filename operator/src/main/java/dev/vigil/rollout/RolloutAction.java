package dev.vigil.rollout;

import dev.vigil.status.StatusEvent;
import java.time.Duration;
import java.util.List;

/**
 * Something the reconciler does because of a {@link RolloutDecision}. Which spec the objects are
 * built from is not an action but {@link RolloutDecision#target()}.
 */
public sealed interface RolloutAction {

    /**
     * Delete these pods of a failed revision, stuck not ready: a StatefulSet does not replace them
     * by itself (with OrderedReady it waits for them forever).
     *
     * @param pods pod names
     * @param revision the failed revision they run
     */
    record DeletePods(List<String> pods, String revision) implements RolloutAction {

        public DeletePods {
            pods = List.copyOf(pods);
        }
    }

    /**
     * Raise MongoDB's featureCompatibilityVersion to {@code version} ({@code
     * setFeatureCompatibilityVersion}).
     *
     * @param from the version it has now
     */
    record RaiseFeatureCompatibilityVersion(String from, String version) implements RolloutAction {}

    /** Record this Event about the database. */
    record RecordEvent(StatusEvent event) implements RolloutAction {}

    /** Count one completed rollback ({@code vigil_database_rollbacks_total}). */
    record CountRollback() implements RolloutAction {}

    /** Record how long a rollout took to fail its gate ({@code outcome="failed"}). */
    record RecordGateFailure(Duration took) implements RolloutAction {}
}
