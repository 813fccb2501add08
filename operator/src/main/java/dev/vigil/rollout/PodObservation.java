package dev.vigil.rollout;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A database pod as the gate sees it.
 *
 * @param name the pod's name
 * @param revision its {@code controller-revision-hash} label: the StatefulSet revision it runs
 * @param ready its Ready condition is True
 * @param terminating it is being deleted already
 * @param containers its containers and init containers
 */
public record PodObservation(
        String name,
        Optional<String> revision,
        boolean ready,
        boolean terminating,
        List<ContainerObservation> containers) {

    /** The label the StatefulSet controller puts on each pod with its revision. */
    public static final String REVISION_LABEL = "controller-revision-hash";

    public PodObservation {
        containers = List.copyOf(containers);
    }

    /**
     * One container of the pod.
     *
     * @param name the container's name
     * @param waitingReason why it is waiting ({@code ErrImagePull}, {@code CrashLoopBackOff}, ...),
     *     if it is
     * @param restartCount how often it restarted
     */
    public record ContainerObservation(
            String name, Optional<String> waitingReason, int restartCount) {

        static ContainerObservation of(ContainerStatus status) {
            Optional<String> waiting =
                    Optional.ofNullable(status.getState())
                            .map(s -> s.getWaiting())
                            .map(w -> w.getReason());
            return new ContainerObservation(
                    status.getName(),
                    waiting,
                    status.getRestartCount() == null ? 0 : status.getRestartCount());
        }
    }

    /** What {@code pod} says. */
    public static PodObservation of(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        boolean ready =
                pod.getStatus() != null
                        && pod.getStatus().getConditions() != null
                        && pod.getStatus().getConditions().stream()
                                .anyMatch(
                                        c ->
                                                "Ready".equals(c.getType())
                                                        && "True".equals(c.getStatus()));
        List<ContainerObservation> containers = new ArrayList<>();
        if (pod.getStatus() != null) {
            for (List<ContainerStatus> statuses :
                    List.of(
                            nonNull(pod.getStatus().getInitContainerStatuses()),
                            nonNull(pod.getStatus().getContainerStatuses()))) {
                statuses.forEach(s -> containers.add(ContainerObservation.of(s)));
            }
        }
        return new PodObservation(
                pod.getMetadata().getName(),
                Optional.ofNullable(labels == null ? null : labels.get(REVISION_LABEL)),
                ready,
                pod.getMetadata().getDeletionTimestamp() != null,
                containers);
    }

    private static List<ContainerStatus> nonNull(List<ContainerStatus> statuses) {
        return statuses == null ? List.of() : statuses;
    }
}
