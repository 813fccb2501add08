package dev.vigil.engine;

import dev.vigil.api.v1alpha1.CanaryStatus;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.RolloutStatus;
import dev.vigil.names.ResourceNames;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A canary rollout's request that the primary move before the StatefulSet's partition reaches it
 * ({@code status.rollout.canary.handOverTo}): the members it may move to, by ordinal. Each engine
 * moves it its own way: PostgreSQL switches over, MongoDB's primary steps down.
 */
public final class PrimaryHandOver {

    private PrimaryHandOver() {}

    /** The ordinals the primary must move to; empty when no hand-over is asked. */
    public static Set<Integer> targets(MonitoredDatabase database) {
        List<String> pods =
                Optional.ofNullable(database.getStatus())
                        .map(s -> s.getRollout())
                        .map(RolloutStatus::getCanary)
                        .map(CanaryStatus::getHandOverTo)
                        .orElse(List.of());
        Set<Integer> ordinals = new TreeSet<>();
        for (String pod : pods) {
            ResourceNames.memberOrdinal(database, pod).ifPresent(ordinals::add);
        }
        return ordinals;
    }

    /** Whether a canary rollout is under way, which replaces members through the partition. */
    public static boolean canaryRunning(MonitoredDatabase database) {
        return Optional.ofNullable(database.getStatus())
                .map(s -> s.getRollout())
                .map(RolloutStatus::getCanary)
                .isPresent();
    }
}
