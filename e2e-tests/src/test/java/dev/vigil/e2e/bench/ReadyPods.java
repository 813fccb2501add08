package dev.vigil.e2e.bench;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * A status-only kubelet for the pods of a few StatefulSets: it starts no process and writes each
 * pod's status as the kubelet would, Running and Ready, except that a container whose image is on
 * {@link #UNPULLABLE_REGISTRY} waits in {@code ImagePullBackOff} and keeps its pod unready. That is
 * enough for the StatefulSet controller to roll those StatefulSets and for Vigil's health gate to
 * judge them, while the rest of the fleet's pods stay Pending and cost nothing.
 *
 * <p>It remembers when it first reported an image failure for each StatefulSet, where {@link
 * FleetReactions#gateFailures} starts its clock.
 */
final class ReadyPods implements AutoCloseable {

    /** A registry that never resolves (RFC 6761's {@code .invalid}). */
    static final String UNPULLABLE_REGISTRY = "registry.invalid/";

    static final String IMAGE_PULL_BACK_OFF = "ImagePullBackOff";

    private final KubernetesClient admin;
    private final String namespace;
    private final Set<String> statefulSets;
    private final Map<String, Long> imageFailureNanos = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor();
    private final AtomicReference<KubernetesClientException> failure = new AtomicReference<>();
    private final SharedIndexInformer<Pod> pods;

    /** Starts writing the status of the pods of {@code statefulSets} in {@code namespace}. */
    ReadyPods(KubernetesClient admin, String namespace, Set<String> statefulSets) {
        this.admin = admin;
        this.namespace = namespace;
        this.statefulSets = Set.copyOf(statefulSets);
        this.pods =
                admin.pods()
                        .inNamespace(namespace)
                        .inform(
                                new ResourceEventHandler<>() {
                                    @Override
                                    public void onAdd(Pod pod) {
                                        seen(pod);
                                    }

                                    @Override
                                    public void onUpdate(Pod old, Pod pod) {
                                        seen(pod);
                                    }

                                    @Override
                                    public void onDelete(Pod pod, boolean unknownState) {}
                                });
    }

    /** When the first image failure of {@code statefulSet}'s pods was written, if one was. */
    Optional<Long> imageFailureNanos(String statefulSet) {
        return Optional.ofNullable(imageFailureNanos.get(statefulSet));
    }

    /** Throws if a status write failed, which would leave a measurement waiting for nothing. */
    void check() {
        KubernetesClientException e = failure.get();
        if (e != null) {
            throw new IllegalStateException("a pod status write failed", e);
        }
    }

    private void seen(Pod pod) {
        Optional<String> owner = owner(pod);
        if (owner.isEmpty()
                || !statefulSets.contains(owner.get())
                || pod.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        boolean pullable = unpullable(pod).isEmpty();
        if (reported(pod, pullable)) {
            return;
        }
        writer.execute(() -> write(pod, owner.get(), pullable));
    }

    private void write(Pod pod, String owner, boolean pullable) {
        try {
            admin.pods()
                    .inNamespace(namespace)
                    .withName(pod.getMetadata().getName())
                    .editStatus(
                            live -> {
                                live.setStatus(status(live, Instant.now()));
                                return live;
                            });
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) { // 404: deleted meanwhile; its replacement is seen anew
                failure.compareAndSet(null, e);
            }
            return;
        }
        if (!pullable) {
            imageFailureNanos.putIfAbsent(owner, System.nanoTime());
        }
    }

    /** The status the kubelet would report for {@code pod} once its images were pulled or not. */
    static PodStatus status(Pod pod, Instant now) {
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        Set<String> unpullable = unpullable(pod);
        boolean ready = unpullable.isEmpty();
        PodStatus status = new PodStatus();
        status.setPhase(ready ? "Running" : "Pending");
        status.setStartTime(time);
        status.setConditions(
                List.of(
                        condition("Initialized", true, time),
                        condition("ContainersReady", ready, time),
                        condition("Ready", ready, time)));
        status.setInitContainerStatuses(
                pod.getSpec().getInitContainers().stream().map(c -> completed(c, time)).toList());
        status.setContainerStatuses(
                pod.getSpec().getContainers().stream()
                        .map(c -> unpullable.contains(c.getName()) ? waiting(c) : running(c, time))
                        .toList());
        return status;
    }

    /** Whether {@code pod}'s status already says what {@link #status} would. */
    private static boolean reported(Pod pod, boolean ready) {
        PodStatus status = pod.getStatus();
        return status != null
                && status.getContainerStatuses() != null
                && status.getContainerStatuses().size() == pod.getSpec().getContainers().size()
                && Objects.equals(status.getPhase(), ready ? "Running" : "Pending");
    }

    private static Set<String> unpullable(Pod pod) {
        return pod.getSpec().getContainers().stream()
                .filter(c -> c.getImage() != null && c.getImage().startsWith(UNPULLABLE_REGISTRY))
                .map(Container::getName)
                .collect(Collectors.toSet());
    }

    private static Optional<String> owner(Pod pod) {
        List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
        return owners == null
                ? Optional.empty()
                : owners.stream()
                        .filter(o -> "StatefulSet".equals(o.getKind()))
                        .map(OwnerReference::getName)
                        .findFirst();
    }

    private static PodCondition condition(String type, boolean met, String time) {
        return new PodConditionBuilder()
                .withType(type)
                .withStatus(met ? "True" : "False")
                .withReason(met ? null : "ContainersNotReady")
                .withLastTransitionTime(time)
                .build();
    }

    private static ContainerStatus running(Container container, String time) {
        return base(container)
                .withReady(true)
                .withStarted(true)
                .withNewState()
                .withNewRunning(time)
                .endState()
                .build();
    }

    private static ContainerStatus completed(Container container, String time) {
        return base(container)
                .withReady(true)
                .withStarted(false)
                .withNewState()
                .withNewTerminated()
                .withExitCode(0)
                .withReason("Completed")
                .withStartedAt(time)
                .withFinishedAt(time)
                .endTerminated()
                .endState()
                .build();
    }

    private static ContainerStatus waiting(Container container) {
        return base(container)
                .withReady(false)
                .withStarted(false)
                .withNewState()
                .withNewWaiting()
                .withReason(IMAGE_PULL_BACK_OFF)
                .withMessage("Back-off pulling image \"" + container.getImage() + "\"")
                .endWaiting()
                .endState()
                .build();
    }

    private static ContainerStatusBuilder base(Container container) {
        return new ContainerStatusBuilder()
                .withName(container.getName())
                .withImage(container.getImage())
                .withImageID("")
                .withRestartCount(0);
    }

    @Override
    public void close() throws InterruptedException {
        pods.close();
        writer.shutdown();
        writer.awaitTermination(30, TimeUnit.SECONDS);
    }
}
