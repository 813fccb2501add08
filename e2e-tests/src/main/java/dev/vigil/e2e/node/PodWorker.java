package dev.vigil.e2e.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pod on the node, on a thread of its own, as the kubelet's pod worker does: binds it to
 * the node, gives it an address, sets up its volumes, runs its init containers one after the other
 * to completion, then starts its containers, restarts them by the pod's restart policy with
 * back-off, follows their readiness, and writes the pod's status whenever it changes. When the pod
 * is deleted it stops the containers, gives the address back and, if the pod object still exists
 * (graceful deletion), removes it. A pod re-created with the same name waits until its
 * predecessor's containers have stopped: they share the persistent volumes.
 */
final class PodWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(PodWorker.class);

    /** How often ConfigMap and Secret volumes are compared with their objects. */
    private static final Duration VOLUME_REFRESH = Duration.ofSeconds(2);

    private final Kubelet node;
    private final String namespace;
    private final String name;
    private final String uid;
    private final CompletableFuture<Void> predecessor;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final List<ContainerRecord> init = new ArrayList<>();
    private final List<ContainerRecord> main = new ArrayList<>();
    private final PodStatusComposer composer = new PodStatusComposer();
    private volatile boolean deleted;
    private volatile boolean shutdown;
    private Pod pod;
    private boolean scheduled;
    private String podIp;
    private Instant startTime;
    private PodVolumes volumes;
    private boolean volumesReady;
    private Instant lastRefresh = Instant.EPOCH;
    private boolean initFailed;
    private PodStatus written;

    PodWorker(Kubelet node, Pod pod, CompletableFuture<Void> predecessor) {
        this.node = node;
        this.pod = pod;
        this.namespace = pod.getMetadata().getNamespace();
        this.name = pod.getMetadata().getName();
        this.uid = pod.getMetadata().getUid();
        this.predecessor = predecessor;
        List<Container> initContainers = pod.getSpec().getInitContainers();
        if (initContainers != null) {
            initContainers.forEach(c -> init.add(new ContainerRecord(c, true, "PodInitializing")));
        }
        String mainWaiting = init.isEmpty() ? "ContainerCreating" : "PodInitializing";
        pod.getSpec()
                .getContainers()
                .forEach(c -> main.add(new ContainerRecord(c, false, mainWaiting)));
    }

    String uid() {
        return uid;
    }

    String key() {
        return namespace + "/" + name;
    }

    /** Completes once the pod's containers have stopped and its address is free. */
    CompletableFuture<Void> terminated() {
        return terminated;
    }

    /** The pod object is gone from the API server. */
    void deleted() {
        deleted = true;
    }

    /** The node shuts down: stop the containers, write nothing more. */
    void shutdown() {
        shutdown = true;
    }

    @Override
    public void run() {
        try {
            while (!predecessor.isDone()) {
                if (gone()) {
                    return;
                }
                Thread.sleep(node.options().syncInterval().toMillis());
            }
            if (!gone()) {
                setUp();
                while (!gone()) {
                    syncOnce();
                    Thread.sleep(node.options().syncInterval().toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            tearDown();
            terminated.complete(null);
            node.forget(this);
        }
    }

    /** Whether the pod is deleted, being deleted, or replaced by another of the same name. */
    private boolean gone() {
        if (deleted || shutdown) {
            return true;
        }
        Optional<Pod> current = node.cachedPod(namespace, name);
        if (current.isEmpty() || !uid.equals(current.get().getMetadata().getUid())) {
            return true;
        }
        pod = current.get();
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    private void setUp() {
        startTime = Instant.now();
        podIp = node.addresses().allocate();
        Path volumeRoot = node.podDirectory(namespace, name).resolve("volumes");
        PodVolumes.deleteRecursively(volumeRoot);
        PodVolumes.createDirectories(volumeRoot);
        volumes =
                new PodVolumes(
                        pod,
                        volumeRoot,
                        node.persistentRoot(),
                        node.user(),
                        node.objects(),
                        facts());
        LOG.info("Pod {} (uid {}) gets address {}", key(), uid, podIp);
    }

    private void syncOnce() {
        Instant now = Instant.now();
        try {
            sync(now);
        } catch (RuntimeException e) {
            LOG.warn("Syncing pod {} failed; retrying", key(), e);
        }
        try {
            publish(now);
        } catch (RuntimeException e) {
            LOG.warn("Writing the status of pod {} failed; retrying", key(), e);
        }
    }

    private void sync(Instant now) {
        if (!scheduled) {
            scheduled = node.bind(pod);
            if (!scheduled) {
                return;
            }
        }
        if (!volumesReady) {
            try {
                volumes.setUp();
                volumesReady = true;
                lastRefresh = now;
            } catch (VolumeSetupException e) {
                String message = "MountVolume.SetUp failed: " + e.getMessage();
                init.forEach(c -> c.waitFor("PodInitializing", message));
                main.forEach(
                        c ->
                                c.waitFor(
                                        init.isEmpty() ? "ContainerCreating" : "PodInitializing",
                                        message));
                return;
            }
        } else if (Duration.between(lastRefresh, now).compareTo(VOLUME_REFRESH) >= 0) {
            volumes.refresh();
            lastRefresh = now;
        }
        if (!init.stream().allMatch(ContainerRecord::completed)) {
            runInitContainers(now);
            if (!init.stream().allMatch(ContainerRecord::completed)) {
                main.forEach(c -> c.waitFor("PodInitializing", null));
                return;
            }
        }
        main.forEach(c -> supervise(c, now));
    }

    /** Runs the first init container that has not completed; the rest wait for it. */
    private void runInitContainers(Instant now) {
        for (ContainerRecord container : init) {
            if (container.completed()) {
                continue;
            }
            if (container.isRunning()) {
                OptionalInt exit = container.running().exitCode();
                if (exit.isEmpty()) {
                    return;
                }
                container.exited(
                        exit.getAsInt(), TerminationMessages.read(terminationFile(container)), now);
                if (container.completed()) {
                    continue;
                }
                if ("Never".equals(restartPolicy())) {
                    initFailed = true;
                } else {
                    container.restartAfterBackOff(node.backOff(), now, describe());
                }
                return;
            }
            if (!initFailed) {
                startOrWait(container, now);
            }
            return;
        }
    }

    private void supervise(ContainerRecord container, Instant now) {
        if (container.isRunning()) {
            OptionalInt exit = container.running().exitCode();
            if (exit.isPresent()) {
                container.exited(
                        exit.getAsInt(), TerminationMessages.read(terminationFile(container)), now);
                if (restarts(exit.getAsInt())) {
                    container.restartAfterBackOff(node.backOff(), now, describe());
                }
                return;
            }
            boolean readinessProbe = container.spec.getReadinessProbe() != null;
            boolean probed = readinessProbe || container.spec.getStartupProbe() != null;
            container.probed(
                    probed && container.running().ready(),
                    readinessProbe,
                    now,
                    node.backOff().resetAfter());
            return;
        }
        if (!container.finished()) {
            startOrWait(container, now);
        }
    }

    private void startOrWait(ContainerRecord container, Instant now) {
        if (container.mayStart(now)) {
            start(container, now);
        } else {
            container.showPullBackOff(now);
        }
    }

    private void start(ContainerRecord container, Instant now) {
        String image = container.image();
        Path log = node.containerLog(namespace, name, container.name());
        if (node.crashLoops(image)) {
            ContainerLogs.append(
                    log,
                    node.options().nodeName()
                            + ": image "
                            + image
                            + " is set to crash-loop: exit code 1");
            container.started(new CrashingContainer(), now, false);
            return;
        }
        Optional<ContainerRuntime> runtime = node.runtimeFor(image);
        if (runtime.isEmpty()) {
            container.pullFailed(node.backOff(), now);
            return;
        }
        Map<String, String> env;
        try {
            env = ContainerEnvironment.resolve(pod, container.spec, facts(), node.objects());
        } catch (ContainerConfigException e) {
            container.configFailed(e.getMessage(), now, node.options().initialBackOff());
            return;
        }
        ContainerLaunch launch =
                new ContainerLaunch(
                        pod,
                        ContainerEnvironment.expanded(container.spec, env),
                        container.init,
                        podIp,
                        env,
                        volumes.mounts(container.spec)
                                .withFile(
                                        TerminationMessages.path(container.spec),
                                        TerminationMessages.create(
                                                terminationFile(container), node.user())),
                        log,
                        node.dns().forPod(namespace, podIp));
        ContainerLogs.append(
                log,
                node.options().nodeName()
                        + ": starting container "
                        + container.name()
                        + " of pod "
                        + key()
                        + " (uid "
                        + uid
                        + "), restart "
                        + container.restartCount());
        try {
            container.started(
                    node.processes().track(runtime.get().start(launch)),
                    now,
                    container.spec.getStartupProbe() != null);
        } catch (IOException | RuntimeException e) {
            LOG.info(
                    "Container {} of pod {} did not start: {}",
                    container.name(),
                    key(),
                    e.getMessage());
            ContainerLogs.append(
                    log, node.options().nodeName() + ": start failed: " + e.getMessage());
            container.startFailed(e.getMessage(), now);
            if (!"Never".equals(restartPolicy())) {
                container.restartAfterBackOff(node.backOff(), now, describe());
            }
        }
    }

    /** The file the kubelet mounts at the container's terminationMessagePath. */
    private Path terminationFile(ContainerRecord container) {
        return node.containerLog(namespace, name, container.name())
                .resolveSibling(container.name() + ".termination-log");
    }

    private boolean restarts(int exitCode) {
        return switch (restartPolicy()) {
            case "Never" -> false;
            case "OnFailure" -> exitCode != 0;
            default -> true;
        };
    }

    private String restartPolicy() {
        String policy = pod.getSpec().getRestartPolicy();
        return policy == null ? "Always" : policy;
    }

    private void publish(Instant now) {
        if (!scheduled) {
            return;
        }
        PodStatus status =
                composer.build(
                        new PodStatusComposer.Snapshot(
                                scheduled,
                                Kubelet.HOST_IP,
                                podIp,
                                startTime,
                                initFailed,
                                init,
                                main),
                        now);
        if (!status.equals(written) && node.writeStatus(pod, status)) {
            written = status;
        }
    }

    private void tearDown() {
        Instant now = Instant.now();
        for (int i = main.size() - 1; i >= 0; i--) {
            stopQuietly(main.get(i), now);
        }
        init.forEach(c -> stopQuietly(c, now));
        if (podIp != null) {
            node.addresses().release(podIp);
            PodVolumes.deleteRecursively(node.podDirectory(namespace, name).resolve("volumes"));
            LOG.info("Pod {} (uid {}) stopped; address {} released", key(), uid, podIp);
        }
        if (!shutdown && !deleted && startTime != null) {
            try {
                publish(now);
                node.finishDeletion(namespace, name, uid);
            } catch (RuntimeException e) {
                LOG.debug("Cannot finish deleting pod {}: {}", key(), e.getMessage());
            }
        }
    }

    private void stopQuietly(ContainerRecord container, Instant now) {
        try {
            container.stop(now);
        } catch (RuntimeException e) {
            LOG.warn("Stopping container {} of pod {} failed", container.name(), key(), e);
        }
    }

    private ContainerEnvironment.PodFacts facts() {
        return new ContainerEnvironment.PodFacts(podIp, Kubelet.HOST_IP, node.options().nodeName());
    }

    /** As the kubelet names a pod in messages: {@code name_namespace(uid)}. */
    private String describe() {
        return name + "_" + namespace + "(" + uid + ")";
    }
}
