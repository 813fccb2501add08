package dev.vigil.e2e.node;

import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Composes a pod's {@code status} the way the kubelet's status manager does, from what the node
 * knows of it: phase, the conditions {@code PodScheduled}, {@code Initialized}, {@code
 * ContainersReady} and {@code Ready} (each keeping its {@code lastTransitionTime} until its status
 * changes), addresses, start time and the container statuses. Pure apart from remembering the
 * conditions' transition times.
 */
final class PodStatusComposer {

    /**
     * What the node knows of a pod now.
     *
     * @param podIp null until the pod's sandbox (its address) exists
     * @param initFailed an init container failed and the restart policy is Never
     */
    record Snapshot(
            boolean scheduled,
            String hostIp,
            String podIp,
            Instant startTime,
            boolean initFailed,
            List<ContainerRecord> init,
            List<ContainerRecord> main) {}

    private final Map<String, PodCondition> conditions = new LinkedHashMap<>();

    PodStatus build(Snapshot pod, Instant now) {
        boolean initialized = pod.init().stream().allMatch(ContainerRecord::completed);
        List<String> unready =
                pod.main().stream().filter(c -> !c.ready()).map(ContainerRecord::name).toList();
        List<String> incomplete =
                pod.init().stream().filter(c -> !c.completed()).map(ContainerRecord::name).toList();
        condition("PodScheduled", pod.scheduled(), null, null, now);
        condition(
                "Initialized",
                initialized,
                "ContainersNotInitialized",
                "containers with incomplete status: " + incomplete,
                now);
        condition(
                "ContainersReady",
                unready.isEmpty(),
                "ContainersNotReady",
                "containers with unready status: " + unready,
                now);
        condition(
                "Ready",
                unready.isEmpty(),
                "ContainersNotReady",
                "containers with unready status: " + unready,
                now);
        PodStatusBuilder status =
                new PodStatusBuilder()
                        .withPhase(phase(pod, initialized))
                        .withConditions(new ArrayList<>(conditions.values()))
                        .withHostIP(pod.hostIp())
                        .withHostIPs(new HostIP(pod.hostIp()))
                        .withStartTime(ContainerRecord.timestamp(pod.startTime()))
                        .withInitContainerStatuses(
                                pod.init().stream().map(ContainerRecord::status).toList())
                        .withContainerStatuses(
                                pod.main().stream().map(ContainerRecord::status).toList());
        if (pod.podIp() != null) {
            status.withPodIP(pod.podIp()).withPodIPs(new PodIP(pod.podIp()));
        }
        return status.build();
    }

    /**
     * Pending until every init container completed and a container started; Running once one has
     * (also while it restarts); Succeeded or Failed once every container stopped for good.
     */
    static String phase(Snapshot pod, boolean initialized) {
        if (pod.initFailed()) {
            return "Failed";
        }
        if (!initialized) {
            return "Pending";
        }
        if (!pod.main().isEmpty() && pod.main().stream().allMatch(ContainerRecord::finished)) {
            boolean allSucceeded =
                    pod.main().stream().allMatch(c -> c.state().getTerminated().getExitCode() == 0);
            return allSucceeded ? "Succeeded" : "Failed";
        }
        return pod.main().stream().anyMatch(ContainerRecord::everStarted) ? "Running" : "Pending";
    }

    private void condition(String type, boolean met, String reason, String message, Instant now) {
        String status = met ? "True" : "False";
        PodCondition previous = conditions.get(type);
        String since =
                previous != null && Objects.equals(previous.getStatus(), status)
                        ? previous.getLastTransitionTime()
                        : ContainerRecord.timestamp(now);
        conditions.put(
                type,
                new PodConditionBuilder()
                        .withType(type)
                        .withStatus(status)
                        .withReason(met ? null : reason)
                        .withMessage(met ? null : message)
                        .withLastProbeTime(null)
                        .withLastTransitionTime(since)
                        .build());
    }
}
