package dev.vigil.e2e.cluster;

import dev.vigil.e2e.node.NodeOptions;
import dev.vigil.reconciler.ReconcileIntervals;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * How to start a {@link LocalCluster}.
 *
 * @param workDirectory where the node keeps volumes and logs, the kubeconfig is written and
 *     Prometheus keeps its data; must be reachable by the {@code postgres} user (PostgreSQL pods
 *     run as it)
 * @param apiPort the API server's port on 127.0.0.1; 0 picks a free one
 * @param repositoryRoot the checkout: its {@code crds/} are registered at start, its {@code
 *     helm/vigil-operator} chart gives the operator its RBAC, and its {@code
 *     scripts/go-binaries.sh} builds the control plane
 * @param prometheusOperatorCrds whether prometheus-operator's CRDs are installed (ServiceMonitor,
 *     PodMonitor, PrometheusRule, AlertmanagerConfig), as on a cluster with kube-prometheus-stack
 * @param crashLoopingImages images whose containers crash at every start
 * @param intervals how soon the operator looks at a database again without a watch event
 * @param podNetwork the loopback addresses of pods
 * @param serviceNetwork the loopback addresses of Services (cluster IPs)
 */
public record LocalClusterOptions(
        Path workDirectory,
        int apiPort,
        Path repositoryRoot,
        boolean prometheusOperatorCrds,
        Set<String> crashLoopingImages,
        ReconcileIntervals intervals,
        String podNetwork,
        String serviceNetwork) {

    /** Short intervals: a cluster on one machine answers fast, and tests should not wait. */
    public static final ReconcileIntervals FAST =
            new ReconcileIntervals(
                    Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(3));

    /** Services' cluster IPs unless {@link #withAddressBlock} says otherwise. */
    public static final String DEFAULT_SERVICE_NETWORK = "127.20.0.0/16";

    public LocalClusterOptions {
        crashLoopingImages = Set.copyOf(crashLoopingImages);
    }

    /** The options with the default address blocks: pods on 127.10/16, Services on 127.20/16. */
    public LocalClusterOptions(
            Path workDirectory,
            int apiPort,
            Path repositoryRoot,
            boolean prometheusOperatorCrds,
            Set<String> crashLoopingImages,
            ReconcileIntervals intervals) {
        this(
                workDirectory,
                apiPort,
                repositoryRoot,
                prometheusOperatorCrds,
                crashLoopingImages,
                intervals,
                NodeOptions.DEFAULT_POD_NETWORK,
                DEFAULT_SERVICE_NETWORK);
    }

    /**
     * Pods on {@code 127.<block>.0.0/16} and Services on {@code 127.<block + 1>.0.0/16}: two local
     * clusters on one machine (the playground and a test run) must not hand out the same addresses,
     * or their servers fail to bind.
     */
    public LocalClusterOptions withAddressBlock(int block) {
        if (block < 1 || block > 253) {
            throw new IllegalArgumentException("address block must be 1..253, got " + block);
        }
        return new LocalClusterOptions(
                workDirectory,
                apiPort,
                repositoryRoot,
                prometheusOperatorCrds,
                crashLoopingImages,
                intervals,
                "127." + block + ".0.0/16",
                "127." + (block + 1) + ".0.0/16");
    }

    /**
     * A free port, prometheus-operator installed, no crash-looping image, {@link #FAST} intervals.
     */
    public static LocalClusterOptions defaults(Path workDirectory, Path repositoryRoot) {
        return new LocalClusterOptions(workDirectory, 0, repositoryRoot, true, Set.of(), FAST);
    }

    /** The repository's {@code crds/}. */
    public Path crdDirectory() {
        return repositoryRoot.resolve("crds");
    }

    public LocalClusterOptions withApiPort(int port) {
        return new LocalClusterOptions(
                workDirectory,
                port,
                repositoryRoot,
                prometheusOperatorCrds,
                crashLoopingImages,
                intervals,
                podNetwork,
                serviceNetwork);
    }

    public LocalClusterOptions withPrometheusOperatorCrds(boolean install) {
        return new LocalClusterOptions(
                workDirectory,
                apiPort,
                repositoryRoot,
                install,
                crashLoopingImages,
                intervals,
                podNetwork,
                serviceNetwork);
    }

    public LocalClusterOptions withCrashLoopingImages(Set<String> images) {
        return new LocalClusterOptions(
                workDirectory,
                apiPort,
                repositoryRoot,
                prometheusOperatorCrds,
                images,
                intervals,
                podNetwork,
                serviceNetwork);
    }
}
