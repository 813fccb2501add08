package dev.vigil.e2e.apiserver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start an {@link EmbeddedApiServer}.
 *
 * @param port the port on 127.0.0.1; 0 picks a free one
 * @param crdFiles CRD YAML files, or directories of them, registered at start (e.g. the
 *     repository's {@code crds/})
 * @param prometheusOperatorCrds whether to register the prometheus-operator CRDs (ServiceMonitor,
 *     PodMonitor, PrometheusRule, AlertmanagerConfig) at start
 * @param serviceClusterIpRange where Service cluster IPs come from; loopback by default so a
 *     simulated kube-proxy can listen on them
 * @param requireNamespaces whether a namespaced object can be created only in an existing
 *     namespace, as on a real API server (true by default)
 * @param aggregatedDiscovery whether to answer aggregated discovery when a client asks for it (true
 *     by default, as Kubernetes 1.30+); off, clients fall back to the legacy documents
 * @param garbageCollectionInterval how often the garbage collector sweeps
 */
public record ApiServerOptions(
        int port,
        List<Path> crdFiles,
        boolean prometheusOperatorCrds,
        String serviceClusterIpRange,
        boolean requireNamespaces,
        boolean aggregatedDiscovery,
        Duration garbageCollectionInterval) {

    /** The default Service cluster IP range: loopback addresses. */
    public static final String DEFAULT_SERVICE_CLUSTER_IP_RANGE = "127.20.0.0/16";

    public ApiServerOptions {
        crdFiles = List.copyOf(crdFiles);
    }

    /** A free port, no CRDs, the default range, namespaces required, sweeps every 500 ms. */
    public static ApiServerOptions defaults() {
        return new ApiServerOptions(
                0,
                List.of(),
                false,
                DEFAULT_SERVICE_CLUSTER_IP_RANGE,
                true,
                true,
                Duration.ofMillis(500));
    }

    public ApiServerOptions withPort(int newPort) {
        return new ApiServerOptions(
                newPort,
                crdFiles,
                prometheusOperatorCrds,
                serviceClusterIpRange,
                requireNamespaces,
                aggregatedDiscovery,
                garbageCollectionInterval);
    }

    /** These options plus CRD files or directories to register at start. */
    public ApiServerOptions withCrds(Path... files) {
        List<Path> all = new ArrayList<>(crdFiles);
        all.addAll(List.of(files));
        return new ApiServerOptions(
                port,
                all,
                prometheusOperatorCrds,
                serviceClusterIpRange,
                requireNamespaces,
                aggregatedDiscovery,
                garbageCollectionInterval);
    }

    public ApiServerOptions withPrometheusOperatorCrds(boolean install) {
        return new ApiServerOptions(
                port,
                crdFiles,
                install,
                serviceClusterIpRange,
                requireNamespaces,
                aggregatedDiscovery,
                garbageCollectionInterval);
    }

    public ApiServerOptions withServiceClusterIpRange(String cidr) {
        return new ApiServerOptions(
                port,
                crdFiles,
                prometheusOperatorCrds,
                cidr,
                requireNamespaces,
                aggregatedDiscovery,
                garbageCollectionInterval);
    }

    public ApiServerOptions withRequireNamespaces(boolean require) {
        return new ApiServerOptions(
                port,
                crdFiles,
                prometheusOperatorCrds,
                serviceClusterIpRange,
                require,
                aggregatedDiscovery,
                garbageCollectionInterval);
    }

    public ApiServerOptions withAggregatedDiscovery(boolean aggregated) {
        return new ApiServerOptions(
                port,
                crdFiles,
                prometheusOperatorCrds,
                serviceClusterIpRange,
                requireNamespaces,
                aggregated,
                garbageCollectionInterval);
    }

    public ApiServerOptions withGarbageCollectionInterval(Duration interval) {
        return new ApiServerOptions(
                port,
                crdFiles,
                prometheusOperatorCrds,
                serviceClusterIpRange,
                requireNamespaces,
                aggregatedDiscovery,
                interval);
    }
}
