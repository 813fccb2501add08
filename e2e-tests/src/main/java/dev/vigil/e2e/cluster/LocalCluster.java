package dev.vigil.e2e.cluster;

import dev.vigil.e2e.apiserver.ApiCallLog;
import dev.vigil.e2e.apiserver.ApiServerOptions;
import dev.vigil.e2e.apiserver.EmbeddedApiServer;
import dev.vigil.e2e.controllers.ControllerManager;
import dev.vigil.e2e.kubectl.Kubectl;
import dev.vigil.e2e.node.Kubelet;
import dev.vigil.e2e.node.MongoContainerRuntime;
import dev.vigil.e2e.node.MongodbExporterRuntime;
import dev.vigil.e2e.node.NodeOptions;
import dev.vigil.e2e.node.SimulatedNode;
import dev.vigil.e2e.prometheus.PrometheusOptions;
import dev.vigil.e2e.prometheus.PrometheusServer;
import dev.vigil.engine.DatabaseAddressResolver;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A Kubernetes cluster on this machine, as faithful as it can be without a real API server or
 * container engine: the embedded API server (discovery, so the real {@code kubectl} works; garbage
 * collection; admission of Vigil's CRs), the simulated controller manager (StatefulSets,
 * Deployments, ReplicaSets), one simulated node (a kubelet running PostgreSQL and its exporter as
 * real processes, MongoDB as the wire double, each pod on its own loopback IP, with cluster DNS and
 * a kube-proxy), Vigil's operator in this JVM, and on request a real Prometheus that follows the
 * ServiceMonitors and PrometheusRules.
 *
 * <p>Everything stops with {@link #close()}, the last started first; data volumes are directories
 * under the work directory and stay there.
 */
public final class LocalCluster implements AutoCloseable {

    private final LocalClusterOptions options;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private EmbeddedApiServer api;
    private SimulatedNode node;
    private HarnessOperator operator;
    private OperatorLog operatorLog;
    private PrometheusServer prometheus;
    private Path kubeconfig;

    private LocalCluster(LocalClusterOptions options) {
        this.options = options;
    }

    /** Starts the whole cluster and the operator; returns once the operator's informers synced. */
    public static LocalCluster start(LocalClusterOptions options) {
        LocalCluster cluster = new LocalCluster(options);
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
        api =
                remember(
                        EmbeddedApiServer.start(
                                ApiServerOptions.defaults()
                                        .withPort(options.apiPort())
                                        .withCrds(options.crdDirectory())
                                        .withPrometheusOperatorCrds(
                                                options.prometheusOperatorCrds())
                                        .withServiceClusterIpRange(options.serviceNetwork())));
        kubeconfig = api.writeKubeconfig(work.resolve("kubeconfig"));
        remember(ControllerManager.start(api.client()));
        node =
                remember(
                        SimulatedNode.start(
                                api.client(),
                                NodeOptions.defaults(work.resolve("node"))
                                        .withCrashLoopingImages(options.crashLoopingImages())
                                        .withPodNetwork(options.podNetwork()),
                                List.of(
                                        new MongoContainerRuntime(),
                                        new MongodbExporterRuntime())));
        operator = remember(new HarnessOperator(api.url(), node.dns(), options.intervals()));
        operator.start();
    }

    /**
     * Starts a real Prometheus that scrapes what the ServiceMonitors and PodMonitors select and
     * evaluates every PrometheusRule; idempotent.
     */
    public synchronized PrometheusServer prometheus() {
        if (prometheus == null) {
            prometheus =
                    remember(
                            PrometheusServer.start(
                                    options.workDirectory().resolve("prometheus"),
                                    api.client(),
                                    PrometheusOptions.defaults()));
        }
        return prometheus;
    }

    /** An admin client of the API server. */
    public KubernetesClient client() {
        return api.client();
    }

    public EmbeddedApiServer apiServer() {
        return api;
    }

    /** Every call the API server answered, by whom. */
    public ApiCallLog calls() {
        return api.calls();
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
    public DatabaseAddressResolver dns() {
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
