package dev.vigil.e2e.node;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node agent of the simulated cluster: one node, {@link NodeOptions#nodeName}, that runs every
 * pod no other node has (there is no scheduler: it binds them itself, through the {@code binding}
 * subresource). It watches pods in every namespace and runs each on a {@link PodWorker}: an address
 * from the pod network, volumes under the work directory, the environment resolved from Secrets,
 * ConfigMaps and the downward API, init containers then containers started through the first {@link
 * ContainerRuntime} that can run their image, restarts with back-off, readiness, and the pod's
 * status written as a real kubelet writes it.
 *
 * <p>An image no runtime can run cannot be pulled ({@code ErrImagePull}, then {@code
 * ImagePullBackOff}); an image listed as crash-looping exits with code 1 on every start ({@code
 * CrashLoopBackOff}). Container output goes to {@link #containerLog}, one file per container, kept
 * after the pod is gone so a harness can show it.
 *
 * <p>Not modelled: liveness probes, resource limits, evictions, image pull secrets and policies,
 * ephemeral and sidecar (restartable init) containers, Events. The node's registration and lease
 * are {@link NodeHeartbeat}'s.
 */
public final class Kubelet implements AutoCloseable {

    /** The node's address, and every pod's {@code status.hostIP}. */
    public static final String HOST_IP = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(Kubelet.class);
    private static final long SHUTDOWN_SECONDS = 60;

    private final KubernetesClient client;
    private final NodeOptions options;
    private final ClusterDns dns;
    private final PodUser user;
    private final List<ContainerRuntime> runtimes;
    private final Set<String> crashLoopingImages = ConcurrentHashMap.newKeySet();
    private final LoopbackAddressPool addresses;
    private final PodObjects objects;
    private final RestartBackOff backOff;
    private final Map<String, PodWorker> workersByUid = new ConcurrentHashMap<>();
    private final Map<String, PodWorker> latestByName = new ConcurrentHashMap<>();
    private SharedIndexInformer<Pod> informer;
    private HostProcessLedger processes;
    private volatile boolean closed;

    /**
     * @param dns the cluster DNS the containers resolve names through
     * @param user the account containers run as, which must be able to reach the work directory
     * @param runtimes asked in order which one runs an image
     */
    public Kubelet(
            KubernetesClient client,
            NodeOptions options,
            ClusterDns dns,
            PodUser user,
            List<ContainerRuntime> runtimes) {
        this.client = Objects.requireNonNull(client, "client");
        this.options = Objects.requireNonNull(options, "options");
        this.dns = Objects.requireNonNull(dns, "dns");
        this.user = Objects.requireNonNull(user, "user");
        this.runtimes = List.copyOf(runtimes);
        this.crashLoopingImages.addAll(options.crashLoopingImages());
        this.addresses = new LoopbackAddressPool(options.podNetwork());
        this.objects = new PodObjects(client);
        this.backOff = new RestartBackOff(options.initialBackOff(), options.maxBackOff());
    }

    /**
     * Prepares the work directory and starts running pods.
     *
     * @throws IllegalStateException when the work directory is out of reach of the containers'
     *     account, naming the directory to open up
     */
    public synchronized void start() {
        if (informer != null) {
            throw new IllegalStateException("the kubelet is already started");
        }
        prepareWorkDirectory();
        // What a node killed with kill -9 on this directory left running, and its lock files.
        processes = HostProcessLedger.open(options.workDirectory().resolve("host-processes"));
        StalePostgresLocks.remove(options.workDirectory());
        informer = client.pods().inAnyNamespace().inform(new PodEvents());
        LOG.info(
                "Node {} runs pods; work directory {}",
                options.nodeName(),
                options.workDirectory());
    }

    /** From now on, containers of {@code image} exit with code 1 as soon as they start. */
    public void crashLoop(String image) {
        crashLoopingImages.add(image);
    }

    /** Containers of {@code image} start normally again (on their next restart). */
    public void stopCrashLooping(String image) {
        crashLoopingImages.remove(image);
    }

    /**
     * The log file of a container (init containers included) of a pod: everything it wrote to
     * standard output and error, across restarts and re-creations of the pod, each run introduced
     * by a line of the node's. The file may not exist yet.
     */
    public Path containerLog(String namespace, String pod, String container) {
        return logDirectory().resolve(namespace).resolve(pod).resolve(container + ".log");
    }

    /** Where every container log lives: {@code <namespace>/<pod>/<container>.log}. */
    public Path logDirectory() {
        return options.workDirectory().resolve("logs");
    }

    public NodeOptions options() {
        return options;
    }

    /** Stops every container (gracefully) and stops watching; writes no more status. */
    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (informer != null) {
                informer.close();
            }
        }
        List<PodWorker> workers = List.copyOf(workersByUid.values());
        workers.forEach(PodWorker::shutdown);
        try {
            for (PodWorker worker : workers) {
                try {
                    worker.terminated().get(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    LOG.warn("Pod {} did not stop within {} s", worker.key(), SHUTDOWN_SECONDS);
                }
            }
        } finally {
            synchronized (this) {
                if (processes != null) {
                    processes.close();
                }
            }
        }
    }

    // What pod workers use.

    /** Records the host processes containers run, for the next node if this one is killed. */
    synchronized HostProcessLedger processes() {
        return processes;
    }

    ClusterDns dns() {
        return dns;
    }

    PodUser user() {
        return user;
    }

    LoopbackAddressPool addresses() {
        return addresses;
    }

    PodObjects objects() {
        return objects;
    }

    RestartBackOff backOff() {
        return backOff;
    }

    Path podDirectory(String namespace, String pod) {
        return options.workDirectory().resolve("pods").resolve(namespace).resolve(pod);
    }

    Path persistentRoot() {
        return options.workDirectory().resolve("volumes");
    }

    boolean crashLoops(String image) {
        return crashLoopingImages.contains(image);
    }

    Optional<ContainerRuntime> runtimeFor(String image) {
        return runtimes.stream().filter(runtime -> runtime.canRun(image)).findFirst();
    }

    Optional<Pod> cachedPod(String namespace, String name) {
        return Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name));
    }

    /**
     * Binds the pod to this node through its {@code binding} subresource, as the scheduler does
     * (the API server refuses any other change of {@code spec.nodeName}).
     */
    boolean bind(Pod pod) {
        if (options.nodeName().equals(pod.getSpec().getNodeName())) {
            return true;
        }
        try {
            client.bindings()
                    .inNamespace(pod.getMetadata().getNamespace())
                    .resource(
                            new BindingBuilder()
                                    .withNewMetadata()
                                    .withName(pod.getMetadata().getName())
                                    .withNamespace(pod.getMetadata().getNamespace())
                                    .withUid(pod.getMetadata().getUid())
                                    .endMetadata()
                                    .withNewTarget()
                                    .withApiVersion("v1")
                                    .withKind("Node")
                                    .withName(options.nodeName())
                                    .endTarget()
                                    .build())
                    .create();
            return true;
        } catch (KubernetesClientException e) {
            LOG.debug("Cannot bind pod {}: {}", pod.getMetadata().getName(), e.getMessage());
            return false;
        }
    }

    /**
     * Replaces the status of the pod with this uid, keeping what the API server set ({@code
     * qosClass}). False when the write did not happen (conflict, pod gone): the worker tries again.
     */
    boolean writeStatus(Pod pod, PodStatus status) {
        String namespace = pod.getMetadata().getNamespace();
        try {
            Pod live =
                    client.pods()
                            .inNamespace(namespace)
                            .withName(pod.getMetadata().getName())
                            .get();
            if (live == null || !pod.getMetadata().getUid().equals(live.getMetadata().getUid())) {
                return false;
            }
            if (live.getStatus() != null) {
                status.setQosClass(live.getStatus().getQosClass());
            }
            live.setStatus(status);
            client.pods().inNamespace(namespace).resource(live).updateStatus();
            return true;
        } catch (KubernetesClientException e) {
            LOG.debug(
                    "Cannot write the status of pod {}: {}",
                    pod.getMetadata().getName(),
                    e.getMessage());
            return false;
        }
    }

    /** Removes a pod being deleted gracefully, once its containers stopped, as the kubelet does. */
    void finishDeletion(String namespace, String name, String uid) {
        Pod live = client.pods().inNamespace(namespace).withName(name).get();
        if (live != null
                && uid.equals(live.getMetadata().getUid())
                && live.getMetadata().getDeletionTimestamp() != null) {
            client.pods().inNamespace(namespace).resource(live).withGracePeriod(0).delete();
        }
    }

    void forget(PodWorker worker) {
        workersByUid.remove(worker.uid(), worker);
        latestByName.remove(worker.key(), worker);
    }

    private void prepareWorkDirectory() {
        Path work = options.workDirectory().toAbsolutePath();
        try {
            Files.createDirectories(work);
            PodVolumes.setMode(work, 0755);
            Files.createDirectories(logDirectory());
            Files.createDirectories(persistentRoot());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + work, e);
        }
        if (!user.switches()) {
            return;
        }
        for (Path dir = work.getParent(); dir != null; dir = dir.getParent()) {
            try {
                if (!Files.getPosixFilePermissions(dir)
                        .contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new IllegalStateException(
                            "containers run as "
                                    + user.name()
                                    + ", who cannot reach the work directory "
                                    + work
                                    + " through "
                                    + dir
                                    + ": make it searchable (chmod o+x "
                                    + dir
                                    + ") or choose another work directory");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the permissions of " + dir, e);
            }
        }
    }

    private synchronized void consider(Pod pod) {
        if (closed) {
            return;
        }
        String nodeName = pod.getSpec().getNodeName();
        if (nodeName != null && !nodeName.equals(options.nodeName())) {
            return;
        }
        String uid = pod.getMetadata().getUid();
        if (workersByUid.containsKey(uid) || pod.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        if (pod.getStatus() != null
                && ("Succeeded".equals(pod.getStatus().getPhase())
                        || "Failed".equals(pod.getStatus().getPhase()))) {
            return;
        }
        String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        PodWorker previous = latestByName.get(key);
        PodWorker worker =
                new PodWorker(
                        this,
                        pod,
                        previous == null
                                ? CompletableFuture.completedFuture(null)
                                : previous.terminated());
        workersByUid.put(uid, worker);
        latestByName.put(key, worker);
        Thread thread = new Thread(worker, "kubelet-" + key);
        thread.setDaemon(true);
        thread.start();
    }

    private final class PodEvents implements ResourceEventHandler<Pod> {
        @Override
        public void onAdd(Pod pod) {
            consider(pod);
        }

        @Override
        public void onUpdate(Pod before, Pod pod) {
            consider(pod);
        }

        @Override
        public void onDelete(Pod pod, boolean finalStateUnknown) {
            PodWorker worker = workersByUid.get(pod.getMetadata().getUid());
            if (worker != null) {
                worker.deleted();
            }
        }
    }
}
