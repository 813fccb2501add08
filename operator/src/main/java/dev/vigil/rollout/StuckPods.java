package dev.vigil.rollout;

import java.util.List;
import java.util.Optional;

/**
 * Pods of a failed revision that a StatefulSet will not replace by itself: not ready, while the
 * StatefulSet has moved on to another revision. With {@code OrderedReady} the controller waits for
 * every pod to be running and ready before it updates one, so such a pod blocks the rollback (or
 * the next rollout) forever unless it is deleted; deleted, it comes back at the current revision.
 */
final class StuckPods {

    private StuckPods() {}

    /**
     * The pods to delete: those of {@code failedRevision} that are not ready and not already
     * terminating, once the StatefulSet controller has seen a template of another revision.
     */
    static List<String> of(
            Optional<StatefulSetObservation> statefulSet,
            List<PodObservation> pods,
            String failedRevision) {
        if (failedRevision == null
                || statefulSet.isEmpty()
                || !statefulSet.get().controllerCaughtUp()
                || statefulSet.get().updateRevision().filter(failedRevision::equals).isPresent()
                || statefulSet.get().updateRevision().isEmpty()) {
            return List.of();
        }
        return pods.stream()
                .filter(p -> p.revision().filter(failedRevision::equals).isPresent())
                .filter(p -> !p.ready() && !p.terminating())
                .map(PodObservation::name)
                .sorted()
                .toList();
    }
}
