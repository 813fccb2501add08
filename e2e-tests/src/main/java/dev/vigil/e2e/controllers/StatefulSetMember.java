package dev.vigil.e2e.controllers;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pod of a StatefulSet as the controller's decisions see it: its ordinal, the revision it was
 * created at, and its health.
 *
 * @param name the pod's name, {@code <set>-<ordinal>}
 * @param ordinal the ordinal parsed from the name
 * @param revision its {@code controller-revision-hash} label
 * @param runningAndReady phase Running and condition Ready
 * @param available running and ready for {@code minReadySeconds}
 * @param terminating its deletion has begun
 * @param finished phase Failed or Succeeded: it must be replaced
 */
public record StatefulSetMember(
        String name,
        int ordinal,
        String revision,
        boolean runningAndReady,
        boolean available,
        boolean terminating,
        boolean finished) {

    /** The label a StatefulSet pod carries its revision in. */
    public static final String REVISION_LABEL = "controller-revision-hash";

    private static final Pattern ORDINAL_NAME = Pattern.compile("(.*)-([0-9]+)$");

    /** The member a pod is, at {@code now}. */
    public static StatefulSetMember of(Pod pod, int minReadySeconds, Instant now) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return new StatefulSetMember(
                pod.getMetadata().getName(),
                ordinalOf(pod.getMetadata().getName()),
                labels == null ? null : labels.get(REVISION_LABEL),
                PodReadiness.isRunningAndReady(pod),
                PodReadiness.isRunningAndReady(pod)
                        && PodReadiness.isAvailable(pod, minReadySeconds, now),
                PodReadiness.isTerminating(pod),
                PodReadiness.hasFinished(pod));
    }

    /** The ordinal at the end of a pod name, or -1 when the name has none. */
    public static int ordinalOf(String podName) {
        Matcher matcher = ORDINAL_NAME.matcher(podName);
        if (!matcher.matches()) {
            return -1;
        }
        try {
            return Integer.parseInt(matcher.group(2));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** What the real controller calls unavailable: not available, or terminating. */
    boolean unavailable() {
        return !available || terminating;
    }

    /** The same pod, now being deleted. */
    StatefulSetMember deleted() {
        return new StatefulSetMember(
                name, ordinal, revision, runningAndReady, available, true, finished);
    }
}
