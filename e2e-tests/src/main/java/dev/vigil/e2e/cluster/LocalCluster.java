package dev.vigil.e2e.cluster;

import dev.vigil.e2e.controlplane.AuditLog.AuditedRequest;
import dev.vigil.e2e.controlplane.ControlPlane;
import dev.vigil.e2e.controlplane.ControlPlaneBinaries;
import dev.vigil.e2e.controlplane.KubeStateMetrics;
import dev.vigil.e2e.controlplane.OperatorIdentity;
import dev.vigil.e2e.kubectl.Kubectl;
import dev.vigil.e2e.kubectl.KubectlResult;
import dev.vigil.e2e.node.ClusterDns;
import dev.vigil.e2e.node.ClusterHostsFile;
import dev.vigil.e2e.node.Kubelet;
import dev.vigil.e2e.node.MongoContainerRuntime;
import dev.vigil.e2e.node.MongodbExporterRuntime;
import dev.vigil.e2e.node.NodeHeartbeat;
import dev.vigil.e2e.node.NodeOptions;
import dev.vigil.e2e.node.PodUser;
import dev.vigil.e2e.node.SimulatedNode;
import dev.vigil.e2e.node.VigilImageRuntime;
import dev.vigil.e2e.prometheus.PrometheusOptions;
import dev.vigil.e2e.prometheus.PrometheusServer;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A Kubernetes cluster on this machine: a real control plane ({@link ControlPlane}: etcd,
 * kube-apiserver with RBAC, Pod Security admission and an audit log, kube-controller-manager), one
 * node of the harness's own (a kubelet that runs PostgreSQL and its exporter as real processes and
 * MongoDB as the wire double, each pod on its own loopback IP, with cluster DNS and a Service
 * proxy; it registers its Node and renews its Lease), Vigil's operator in this JVM authenticated as
 * the Helm chart's ServiceAccount with exactly the chart's RBAC and server-side apply on, and on
 * request a real Prometheus that follows the ServiceMonitors and PrometheusRules.
 *
 * <p>Everything stops with {@link #close()}, the last started first, and the control plane's
 * processes also when the JVM is killed; data volumes are directories under the work directory and
 * stay there.
 */
public final class LocalCluster implements AutoCloseable {

    private static final Duration CRD_WAIT = Duration.ofMinutes(2);
    private static final Duration HOSTS_FILE_SYNC = Duration.ofMillis(500);

    /** The cluster's default StorageClass. */
    public static final String STORAGE_CLASS = "standard";

    /** The prometheus-operator kinds Vigil writes, whose real CRDs are installed on request. */
    public static final List<String> PROMETHEUS_OPERATOR_CRDS =
            List.of(
                    "monitoring.coreos.com_servicemonitors.yaml",
                    "monitoring.coreos.com_podmonitors.yaml",
                    "monitoring.coreos.com_prometheusrules.yaml",
                    "monitoring.coreos.com_alertmanagerconfigs.yaml");

    private final LocalClusterOptions options;
    private final boolean harnessOperator;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private ControlPlane controlPlane;
    private SimulatedNode node;
    private HarnessOperator operator;
    private OperatorIdentity operatorIdentity;
    private OperatorLog operatorLog;
    private PrometheusServer prometheus;
    private KubeStateMetrics kubeStateMetrics;
    private ControlPlaneBinaries binaries;
    private Path kubeconfig;

    private LocalCluster(LocalClusterOptions options, boolean harnessOperator) {
        this.options = options;
        this.harnessOperator = harnessOperator;
    }

    /** Starts the whole cluster and the operator; returns once the operator's informers synced. */
    public static LocalCluster start(LocalClusterOptions options) {
        return start(options, true);
    }

    /**
     * Starts the cluster without Vigil: no CRDs of Vigil's, no chart RBAC and no operator in this
     * JVM, for a test that installs the chart itself ({@code helm install}); the node runs the
     * chart's operator pod from the built jar ({@link VigilImageRuntime}). {@link #operator()} and
     * {@link #operatorIdentity()} are null.
     */
    public static LocalCluster startWithoutOperator(LocalClusterOptions options) {
        return start(options, false);
    }

    private static LocalCluster start(LocalClusterOptions options, boolean harnessOperator) {
        LocalCluster cluster = new LocalCluster(options, harnessOperator);
        try {
            cluster.startParts();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void startParts() {
        Path work = options.workDirectory();
        createDirectories(work);
        operatorLog = remember(OperatorLog.captureTo(work.resolve("operator.log")));
        binaries = ControlPlaneBinaries.locate(options.repositoryRoot());
        controlPlane =
                remember(
                        ControlPlane.start(
                                binaries,
                                work.resolve("control-plane"),
                                options.apiPort(),
                                options.serviceNetwork(),
                                NodeOptions.DEFAULT_NODE_NAME));
        kubeconfig = controlPlane.writeKubeconfig(work.resolve("kubeconfig"));
        installCrds(binaries);
        installStorageClass();
        Path hostsFile = work.resolve("node").resolve("cluster-hosts");
        remember(
                NodeHeartbeat.start(
                        remember(
                                new KubernetesClientBuilder()
                                        .withConfig(
                                                controlPlane.clientConfig(
                                                        controlPlane.files().nodeToken(),
                                                        "vigil-node/e2e"))
                                        .build()),
                        NodeOptions.DEFAULT_NODE_NAME));
        node =
                remember(
                        SimulatedNode.start(
                                client(),
                                NodeOptions.defaults(work.resolve("node"))
                                        .withCrashLoopingImages(options.crashLoopingImages())
                                        .withPodNetwork(options.podNetwork()),
                                List.of(
                                        new MongoContainerRuntime(),
                                        new MongodbExporterRuntime(),
                                        VigilImageRuntime.forCheckout(
                                                options.repositoryRoot(),
                                                controlPlane.url(),
                                                hostsFile,
                                                PodUser.detect(),
                                                SimulatedNode.MAX_GRACE_PERIOD))));
        remember(ClusterHostsFile.start(node.dns(), hostsFile, HOSTS_FILE_SYNC));
        if (!harnessOperator) {
            return;
        }
        operatorIdentity = OperatorIdentity.fromChart(client(), options.repositoryRoot());
        operator =
                remember(
                        new HarnessOperator(
                                controlPlane.clientConfig(
                                        operatorIdentity.token(), HarnessOperator.USER_AGENT),
                                node.dns(),
                                options.intervals()));
        operator.start();
    }

    private void installCrds(ControlPlaneBinaries binaries) {
        List<String> files = new ArrayList<>();
        if (harnessOperator) {
            files.add(options.crdDirectory().toString());
        }
        if (options.prometheusOperatorCrds()) {
            PROMETHEUS_OPERATOR_CRDS.forEach(
                    name -> files.add(binaries.prometheusOperatorCrds().resolve(name).toString()));
        }
        if (files.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(List.of("apply", "--server-side"));
        files.forEach(file -> args.addAll(List.of("-f", file)));
        KubectlResult applied = kubectl().withTimeout(CRD_WAIT).run(args.toArray(String[]::new));
        if (!applied.succeeded()) {
            throw new IllegalStateException("cannot install the CRDs: " + applied.stderr());
        }
        long deadline = System.nanoTime() + CRD_WAIT.toNanos();
        while (!allEstablished()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the CRDs were not established within " + CRD_WAIT.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the CRDs were established", e);
            }
        }
    }

    private boolean allEstablished() {
        return client().apiextensions().v1().customResourceDefinitions().list().getItems().stream()
                .allMatch(
                        crd ->
                                crd.getStatus() != null
                                        && crd.getStatus().getConditions() != null
                                        && crd.getStatus().getConditions().stream()
                                                .anyMatch(
                                                        c ->
                                                                "Established".equals(c.getType())
                                                                        && "True"
                                                                                .equals(
                                                                                        c
                                                                                                .getStatus())));
    }

    /**
     * The default StorageClass, {@value #STORAGE_CLASS}: claims that name none get it (the API
     * server's DefaultStorageClass admission), and it allows expansion, so the API server accepts a
     * grown claim as on a cloud's default class. The node binds its claims (see {@code
     * PodVolumes}); nothing watches the provisioner name.
     */
    private void installStorageClass() {
        client().storage()
                .v1()
                .storageClasses()
                .resource(
                        new StorageClassBuilder()
                                .withNewMetadata()
                                .withName(STORAGE_CLASS)
                                .addToAnnotations(
                                        "storageclass.kubernetes.io/is-default-class", "true")
                                .endMetadata()
                                .withProvisioner("vigil.dev/harness-node")
                                .withAllowVolumeExpansion(true)
                                .withVolumeBindingMode("Immediate")
                                .withReclaimPolicy("Retain")
                                .build())
                .serverSideApply();
    }

    /**
     * Starts a real Prometheus that scrapes what the ServiceMonitors and PodMonitors select and
     * evaluates every PrometheusRule; idempotent.
     */
    public PrometheusServer prometheus() {
        return prometheus(PrometheusOptions.defaults());
    }

    /**
     * Starts a real Prometheus with {@code prometheusOptions} (the first call's options win), as
     * {@link #prometheus()} does.
     */
    public synchronized PrometheusServer prometheus(PrometheusOptions prometheusOptions) {
        if (prometheus == null) {
            prometheus =
                    remember(
                            PrometheusServer.start(
                                    options.workDirectory().resolve("prometheus"),
                                    client(),
                                    prometheusOptions));
        }
        return prometheus;
    }

    /** Starts kube-state-metrics, reading this cluster; idempotent. */
    public synchronized KubeStateMetrics kubeStateMetrics() {
        if (kubeStateMetrics == null) {
            kubeStateMetrics =
                    remember(KubeStateMetrics.start(binaries, kubeconfig, options.workDirectory()));
        }
        return kubeStateMetrics;
    }

    /** An administrator's client of the API server. */
    public KubernetesClient client() {
        return controlPlane.client();
    }

    /** The API server's URL. */
    public String url() {
        return controlPlane.url();
    }

    /** Every request the operator made, from the API server's audit log. */
    public List<AuditedRequest> operatorRequests() {
        return controlPlane.auditLog().resourceRequestsBy(operatorIdentity.username());
    }

    /** The operator's service account, as the API server names it. */
    public OperatorIdentity operatorIdentity() {
        return operatorIdentity;
    }

    public ControlPlane controlPlane() {
        return controlPlane;
    }

    /**
     * Writes the kubeconfig again with its context in {@code namespace}, so that {@code kubectl}
     * without {@code -n} works there.
     */
    public void useNamespace(String namespace) {
        controlPlane.writeKubeconfig(kubeconfig, namespace);
    }

    /** The kubeconfig of this cluster, for {@code kubectl --kubeconfig}. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** The real kubectl, pointed at this cluster. */
    public Kubectl kubectl() {
        return Kubectl.withKubeconfig(kubeconfig);
    }

    /** The operator, to stop and start as a pod of it would be. */
    public HarnessOperator operator() {
        return operator;
    }

    /** The file the operator's log goes to. */
    public Path operatorLog() {
        return operatorLog.file();
    }

    public Kubelet kubelet() {
        return node.kubelet();
    }

    /** The cluster's DNS, as the operator resolves database addresses. */
    public ClusterDns dns() {
        return node.dns();
    }

    public LocalClusterOptions options() {
        return options;
    }

    /** Stops everything; safe to call again, and from a shutdown hook. */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("stopping the local cluster failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes {@code part} with the cluster, before the parts started so far. */
    public synchronized <T extends AutoCloseable> T closeWith(T part) {
        return remember(part);
    }

    private <T extends AutoCloseable> T remember(T part) {
        started.push(part);
        return part;
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }
}
