package dev.vigil.e2e.controllers;

import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The status the real Deployment controller reports ({@code calculateStatus} and {@code
 * syncRolloutStatus}): replica counts summed over its ReplicaSets, {@code updatedReplicas} those of
 * the new one; condition {@code Available} ({@code MinimumReplicasAvailable} while at least {@code
 * replicas - maxUnavailable} pods are available, else {@code MinimumReplicasUnavailable});
 * condition {@code Progressing}: {@code NewReplicaSetCreated} or {@code FoundNewReplicaSet} when
 * the rollout starts, {@code ReplicaSetUpdated} whenever it makes progress, {@code
 * NewReplicaSetAvailable} once every replica is updated and available, and {@code False} with
 * {@code ProgressDeadlineExceeded} when it made no progress for {@code progressDeadlineSeconds}.
 */
public final class DeploymentStatusCalculator {

    public static final String AVAILABLE = "Available";
    public static final String PROGRESSING = "Progressing";
    public static final String MINIMUM_REPLICAS_AVAILABLE = "MinimumReplicasAvailable";
    public static final String MINIMUM_REPLICAS_UNAVAILABLE = "MinimumReplicasUnavailable";
    public static final String NEW_REPLICA_SET_CREATED = "NewReplicaSetCreated";
    public static final String FOUND_NEW_REPLICA_SET = "FoundNewReplicaSet";
    public static final String REPLICA_SET_UPDATED = "ReplicaSetUpdated";
    public static final String NEW_REPLICA_SET_AVAILABLE = "NewReplicaSetAvailable";
    public static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

    private DeploymentStatusCalculator() {}

    /**
     * The status after a pass.
     *
     * @param previous the status the Deployment has, or null
     * @param newReplicaSet the ReplicaSet of the current template, or null
     * @param all every ReplicaSet the Deployment owns, the new one included
     * @param createdNewReplicaSet whether this pass created the new ReplicaSet
     */
    public static DeploymentStatus compute(
            DeploymentSettings settings,
            long generation,
            DeploymentStatus previous,
            ReplicaSet newReplicaSet,
            List<ReplicaSet> all,
            boolean createdNewReplicaSet,
            Instant now) {
        int specReplicas = 0;
        int replicas = 0;
        int ready = 0;
        int available = 0;
        for (ReplicaSet rs : all) {
            specReplicas += ReplicaSetPods.replicas(rs);
            if (rs.getStatus() != null) {
                replicas += orZero(rs.getStatus().getReplicas());
                ready += orZero(rs.getStatus().getReadyReplicas());
                available += orZero(rs.getStatus().getAvailableReplicas());
            }
        }
        int updated =
                newReplicaSet == null || newReplicaSet.getStatus() == null
                        ? 0
                        : orZero(newReplicaSet.getStatus().getReplicas());
        DeploymentStatus status =
                new DeploymentStatusBuilder()
                        .withObservedGeneration(generation)
                        .withReplicas(replicas)
                        .withUpdatedReplicas(updated)
                        .withReadyReplicas(ready)
                        .withAvailableReplicas(available)
                        .withUnavailableReplicas(Math.max(specReplicas - available, 0))
                        .withCollisionCount(previous == null ? null : previous.getCollisionCount())
                        .build();
        List<DeploymentCondition> conditions = new ArrayList<>();
        if (previous != null && previous.getConditions() != null) {
            conditions.addAll(previous.getConditions());
        }
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        String newName = newReplicaSet == null ? null : newReplicaSet.getMetadata().getName();

        if (newName != null && createdNewReplicaSet) {
            set(
                    conditions,
                    condition(
                            PROGRESSING,
                            "True",
                            NEW_REPLICA_SET_CREATED,
                            "Created new replica set \"%s\"".formatted(newName),
                            time),
                    false);
        } else if (newName != null && find(conditions, PROGRESSING) == null) {
            set(
                    conditions,
                    condition(
                            PROGRESSING,
                            "True",
                            FOUND_NEW_REPLICA_SET,
                            "Found new replica set \"%s\"".formatted(newName),
                            time),
                    false);
        }

        if (available >= settings.replicas() - settings.allowedUnavailable()) {
            set(
                    conditions,
                    condition(
                            AVAILABLE,
                            "True",
                            MINIMUM_REPLICAS_AVAILABLE,
                            "Deployment has minimum availability.",
                            time),
                    false);
        } else {
            set(
                    conditions,
                    condition(
                            AVAILABLE,
                            "False",
                            MINIMUM_REPLICAS_UNAVAILABLE,
                            "Deployment does not have minimum availability.",
                            time),
                    false);
        }

        DeploymentCondition progressing = find(conditions, PROGRESSING);
        boolean alreadyComplete =
                replicas == updated
                        && progressing != null
                        && NEW_REPLICA_SET_AVAILABLE.equals(progressing.getReason());
        String subject = newName == null ? "Deployment" : "ReplicaSet \"%s\"".formatted(newName);
        if (!alreadyComplete) {
            if (updated == settings.replicas()
                    && replicas == settings.replicas()
                    && available == settings.replicas()) {
                set(
                        conditions,
                        condition(
                                PROGRESSING,
                                "True",
                                NEW_REPLICA_SET_AVAILABLE,
                                subject + " has successfully progressed.",
                                time),
                        false);
            } else if (madeProgress(previous, status)) {
                set(
                        conditions,
                        condition(
                                PROGRESSING,
                                "True",
                                REPLICA_SET_UPDATED,
                                subject + " is progressing.",
                                time),
                        true);
            } else if (timedOut(progressing, settings, now)) {
                set(
                        conditions,
                        condition(
                                PROGRESSING,
                                "False",
                                PROGRESS_DEADLINE_EXCEEDED,
                                subject + " has timed out progressing.",
                                time),
                        false);
            }
        }
        status.setConditions(conditions);
        return status;
    }

    /** Whether {@code previous} already says all {@code computed} says, so no write is needed. */
    public static boolean sameStatus(DeploymentStatus previous, DeploymentStatus computed) {
        return Objects.equals(previous, computed);
    }

    /** {@code DeploymentProgressing}: more updated, ready or available pods, or fewer old ones. */
    private static boolean madeProgress(DeploymentStatus previous, DeploymentStatus now) {
        if (previous == null) {
            return now.getUpdatedReplicas() > 0;
        }
        int oldBefore = orZero(previous.getReplicas()) - orZero(previous.getUpdatedReplicas());
        int oldNow = now.getReplicas() - now.getUpdatedReplicas();
        return now.getUpdatedReplicas() > orZero(previous.getUpdatedReplicas())
                || oldNow < oldBefore
                || now.getReadyReplicas() > orZero(previous.getReadyReplicas())
                || now.getAvailableReplicas() > orZero(previous.getAvailableReplicas());
    }

    /** {@code DeploymentTimedOut}: no progress since the Progressing condition's last update. */
    private static boolean timedOut(
            DeploymentCondition progressing, DeploymentSettings settings, Instant now) {
        if (progressing == null || NEW_REPLICA_SET_AVAILABLE.equals(progressing.getReason())) {
            return false;
        }
        if (PROGRESS_DEADLINE_EXCEEDED.equals(progressing.getReason())) {
            return true;
        }
        try {
            Instant since = Instant.parse(progressing.getLastUpdateTime());
            return since.plus(Duration.ofSeconds(settings.progressDeadlineSeconds())).isBefore(now);
        } catch (NullPointerException | DateTimeParseException e) {
            return false;
        }
    }

    private static DeploymentCondition condition(
            String type, String status, String reason, String message, String time) {
        return new DeploymentConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .withLastUpdateTime(time)
                .withLastTransitionTime(time)
                .build();
    }

    /**
     * {@code SetDeploymentCondition}: nothing changes when status and reason are the same (unless
     * {@code refresh}, as for ReplicaSetUpdated); the transition time is kept while the status does
     * not change.
     */
    private static void set(
            List<DeploymentCondition> conditions, DeploymentCondition condition, boolean refresh) {
        DeploymentCondition current = find(conditions, condition.getType());
        if (current != null
                && !refresh
                && current.getStatus().equals(condition.getStatus())
                && Objects.equals(current.getReason(), condition.getReason())) {
            return;
        }
        if (current != null && current.getStatus().equals(condition.getStatus())) {
            condition.setLastTransitionTime(current.getLastTransitionTime());
        }
        conditions.remove(current);
        conditions.add(condition);
    }

    private static DeploymentCondition find(List<DeploymentCondition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
