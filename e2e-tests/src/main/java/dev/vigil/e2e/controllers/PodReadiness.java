package dev.vigil.e2e.controllers;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How the workload controllers read a pod, as {@code k8s.io/kubernetes/pkg/api/v1/pod} does: ready
 * means the {@code Ready} condition is {@code True} (the StatefulSet controller also wants phase
 * {@code Running}); available means ready for at least {@code minReadySeconds}, counted from the
 * Ready condition's last transition; terminating means a deletion timestamp is set.
 */
public final class PodReadiness {

    private PodReadiness() {}

    /** Condition Ready True. */
    public static boolean isReady(Pod pod) {
        return readyCondition(pod).isPresent();
    }

    /** Phase Running and condition Ready True. */
    public static boolean isRunningAndReady(Pod pod) {
        return "Running".equals(phase(pod)) && isReady(pod);
    }

    /** Ready for at least {@code minReadySeconds} at {@code now}. */
    public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
        if (!isReady(pod)) {
            return false;
        }
        if (minReadySeconds <= 0) {
            return true;
        }
        Instant readySince = readySince(pod);
        return readySince != null
                && !readySince.plus(Duration.ofSeconds(minReadySeconds)).isAfter(now);
    }

    /** The API server has started deleting it: a deletion timestamp is set. */
    public static boolean isTerminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    /** Phase Failed or Succeeded: its containers will not run again. */
    public static boolean hasFinished(Pod pod) {
        return "Failed".equals(phase(pod)) || "Succeeded".equals(phase(pod));
    }

    static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    private static Optional<PodCondition> readyCondition(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst();
    }

    private static Instant readySince(Pod pod) {
        String time = readyCondition(pod).map(PodCondition::getLastTransitionTime).orElse(null);
        if (time == null) {
            return null;
        }
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
