package dev.vigil.resources;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategyBuilder;
import java.util.OptionalInt;

/**
 * Puts a canary rollout's partition on a database's StatefulSet: the controller moves only the
 * members with this ordinal or higher to a new template, and the others stay where they are.
 */
public final class CanaryPartition {

    private CanaryPartition() {}

    /** Sets {@code partition} on {@code statefulSet}'s rolling update, or none when empty. */
    public static void apply(StatefulSet statefulSet, OptionalInt partition) {
        StatefulSetUpdateStrategyBuilder strategy =
                new StatefulSetUpdateStrategyBuilder().withType("RollingUpdate");
        if (partition.isPresent()) {
            strategy.withNewRollingUpdate().withPartition(partition.getAsInt()).endRollingUpdate();
        }
        statefulSet.getSpec().setUpdateStrategy(strategy.build());
    }
}
