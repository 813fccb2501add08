package dev.vigil.e2e.cluster;

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
 * @param crdDirectory the CRDs to register at start: the repository's {@code crds/}
 * @param prometheusOperatorCrds whether prometheus-operator's CRDs are installed (ServiceMonitor,
 *     PodMonitor, PrometheusRule, AlertmanagerConfig), as on a cluster with kube-prometheus-stack
 * @param crashLoopingImages images whose containers crash at every start
 * @param intervals how soon the operator looks at a database again without a watch event
 */
public record LocalClusterOptions(
        Path workDirectory,
        int apiPort,
        Path crdDirectory,
        boolean prometheusOperatorCrds,
        Set<String> crashLoopingImages,
        ReconcileIntervals intervals) {

    /** Short intervals: a cluster on one machine answers fast, and tests should not wait. */
    public static final ReconcileIntervals FAST =
            new ReconcileIntervals(
                    Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(3));

    public LocalClusterOptions {
        crashLoopingImages = Set.copyOf(crashLoopingImages);
    }

    /**
     * A free port, the CRDs under {@code repositoryRoot/crds}, prometheus-operator installed, no
     * crash-looping image, {@link #FAST} intervals.
     */
    public static LocalClusterOptions defaults(Path workDirectory, Path repositoryRoot) {
        return new LocalClusterOptions(
                workDirectory, 0, repositoryRoot.resolve("crds"), true, Set.of(), FAST);
    }

    public LocalClusterOptions withApiPort(int port) {
        return new LocalClusterOptions(
                workDirectory,
                port,
                crdDirectory,
                prometheusOperatorCrds,
                crashLoopingImages,
                intervals);
    }

    public LocalClusterOptions withPrometheusOperatorCrds(boolean install) {
        return new LocalClusterOptions(
                workDirectory, apiPort, crdDirectory, install, crashLoopingImages, intervals);
    }

    public LocalClusterOptions withCrashLoopingImages(Set<String> images) {
        return new LocalClusterOptions(
                workDirectory, apiPort, crdDirectory, prometheusOperatorCrds, images, intervals);
    }
}
