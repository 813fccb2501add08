package dev.vigil.e2e.controllers;

import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import java.util.List;
import java.util.Objects;

/**
 * The status the real StatefulSet controller reports, from the pods it observed at the start of a
 * pass: {@code replicas} counts the pods that exist, {@code readyReplicas} those running and ready,
 * {@code availableReplicas} those ready for {@code minReadySeconds}, {@code currentReplicas} and
 * {@code updatedReplicas} those (not terminating) at the current and at the update revision. A
 * RollingUpdate is complete, and {@code currentRevision} becomes the update revision, once every
 * existing pod is at the update revision and ready ({@code completeRollingUpdate}); an OnDelete set
 * never moves its current revision.
 */
public final class StatefulSetStatusCalculator {

    private StatefulSetStatusCalculator() {}

    /** The status for a set at {@code generation} with {@code members}. */
    public static StatefulSetStatus compute(
            StatefulSetSettings settings,
            long generation,
            String currentRevision,
            String updateRevision,
            List<StatefulSetMember> members) {
        int replicas = 0;
        int ready = 0;
        int available = 0;
        int current = 0;
        int updated = 0;
        for (StatefulSetMember member : members) {
            if (member.ordinal() < 0) {
                continue;
            }
            replicas++;
            if (member.runningAndReady()) {
                ready++;
                if (member.available()) {
                    available++;
                }
            }
            if (!member.terminating()) {
                if (Objects.equals(member.revision(), currentRevision)) {
                    current++;
                }
                if (Objects.equals(member.revision(), updateRevision)) {
                    updated++;
                }
            }
        }
        String reportedCurrentRevision = currentRevision;
        if (!settings.onDelete() && updated == replicas && ready == replicas) {
            current = updated;
            reportedCurrentRevision = updateRevision;
        }
        return new StatefulSetStatusBuilder()
                .withObservedGeneration(generation)
                .withReplicas(replicas)
                .withReadyReplicas(ready)
                .withAvailableReplicas(available)
                .withCurrentReplicas(current)
                .withUpdatedReplicas(updated)
                .withCurrentRevision(reportedCurrentRevision)
                .withUpdateRevision(updateRevision)
                .withCollisionCount(0)
                .build();
    }

    /**
     * Whether {@code previous} already says what {@code computed} says, so no write is needed; the
     * conditions, which this controller does not manage, are not compared.
     */
    public static boolean sameStatus(StatefulSetStatus previous, StatefulSetStatus computed) {
        return previous != null
                && Objects.equals(
                        previous.getObservedGeneration(), computed.getObservedGeneration())
                && Objects.equals(previous.getReplicas(), computed.getReplicas())
                && Objects.equals(previous.getReadyReplicas(), computed.getReadyReplicas())
                && Objects.equals(previous.getAvailableReplicas(), computed.getAvailableReplicas())
                && Objects.equals(previous.getCurrentReplicas(), computed.getCurrentReplicas())
                && Objects.equals(previous.getUpdatedReplicas(), computed.getUpdatedReplicas())
                && Objects.equals(previous.getCurrentRevision(), computed.getCurrentRevision())
                && Objects.equals(previous.getUpdateRevision(), computed.getUpdateRevision())
                && Objects.equals(previous.getCollisionCount(), computed.getCollisionCount());
    }
}
