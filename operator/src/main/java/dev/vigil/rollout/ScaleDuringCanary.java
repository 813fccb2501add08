package dev.vigil.rollout;

import dev.vigil.api.v1alpha1.CanaryStatus;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.api.v1alpha1.RolloutStatus;
import dev.vigil.validation.FieldError;
import dev.vigil.validation.RefusedChange;
import java.util.Optional;

/**
 * Refuses a change of {@code spec.replicas} while a canary of an earlier generation holds members
 * back: the partition counts from the member count the canary started with, and a new member or a
 * removed one would land on either side of it. Nothing is applied; the canary stays where it is
 * until {@code spec.replicas} is what it was, and then goes on.
 */
public final class ScaleDuringCanary {

    /** Condition reason of the refusal. */
    public static final String REASON = "ScaleDuringCanary";

    private ScaleDuringCanary() {}

    /**
     * The refusal, if {@code database} (defaulted) changes the member count of the StatefulSet
     * while the canary in {@code previous} is under way.
     *
     * @param liveReplicas the live StatefulSet's {@code spec.replicas}, if it exists
     */
    public static Optional<RefusedChange> check(
            MonitoredDatabase database,
            Optional<MonitoredDatabaseStatus> previous,
            Optional<Integer> liveReplicas) {
        Optional<RolloutStatus> rollout = previous.map(MonitoredDatabaseStatus::getRollout);
        Optional<CanaryStatus> canary = rollout.map(RolloutStatus::getCanary);
        Integer replicas = database.getSpec().getReplicas();
        if (canary.isEmpty()
                || liveReplicas.isEmpty()
                || replicas == null
                || replicas.equals(liveReplicas.get())
                || RolloutState.of(rollout.get().getState())
                        .filter(s -> s == RolloutState.Verifying || s == RolloutState.Blocked)
                        .isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new RefusedChange(
                        REASON,
                        new FieldError(
                                "spec.replicas",
                                "cannot change from "
                                        + liveReplicas.get()
                                        + " to "
                                        + replicas
                                        + " while the canary of generation "
                                        + rollout.get().getGeneration()
                                        + " is at step "
                                        + canary.get().getPosition()
                                        + "; set it back to "
                                        + liveReplicas.get()
                                        + " and the canary goes on, then scale once it has"
                                        + " passed or rolled back")));
    }
}
