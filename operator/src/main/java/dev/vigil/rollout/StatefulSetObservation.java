package dev.vigil.rollout;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * A database's StatefulSet as the gate sees it on one pass.
 *
 * @param templateApplied the cached StatefulSet already matched the one built from the spec this
 *     pass runs (nothing had to be written), so its status can describe that spec
 * @param generation {@code metadata.generation}
 * @param observedGeneration {@code status.observedGeneration}, if reported
 * @param replicas {@code spec.replicas}
 * @param desiredReplicas the members the spec this pass runs asks for
 * @param readyReplicas {@code status.readyReplicas}
 * @param currentRevision {@code status.currentRevision}, if reported
 * @param updateRevision {@code status.updateRevision}, if reported
 */
public record StatefulSetObservation(
        boolean templateApplied,
        long generation,
        Optional<Long> observedGeneration,
        int replicas,
        int desiredReplicas,
        int readyReplicas,
        Optional<String> currentRevision,
        Optional<String> updateRevision) {

    /** What {@code statefulSet} (from the cache) says. */
    public static StatefulSetObservation of(
            StatefulSet statefulSet, boolean templateApplied, int desiredReplicas) {
        StatefulSetStatus status =
                statefulSet.getStatus() == null ? new StatefulSetStatus() : statefulSet.getStatus();
        Long generation = statefulSet.getMetadata().getGeneration();
        return new StatefulSetObservation(
                templateApplied,
                generation == null ? 0 : generation,
                Optional.ofNullable(status.getObservedGeneration()),
                statefulSet.getSpec().getReplicas() == null
                        ? 0
                        : statefulSet.getSpec().getReplicas(),
                desiredReplicas,
                status.getReadyReplicas() == null ? 0 : status.getReadyReplicas(),
                Optional.ofNullable(status.getCurrentRevision()),
                Optional.ofNullable(status.getUpdateRevision()));
    }

    /**
     * The StatefulSet controller has seen the template this pass runs: its {@code updateRevision}
     * is that template's revision.
     */
    public boolean controllerCaughtUp() {
        return templateApplied && observedGeneration.filter(g -> g == generation).isPresent();
    }

    /** Every desired member runs a ready pod at the update revision. */
    public boolean rolledOut() {
        boolean sameRevision =
                updateRevision.isEmpty() || Objects.equals(currentRevision, updateRevision);
        return controllerCaughtUp()
                && sameRevision
                && replicas == desiredReplicas
                && readyReplicas >= desiredReplicas;
    }
}
