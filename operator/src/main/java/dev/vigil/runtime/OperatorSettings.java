package dev.vigil.runtime;

import dev.vigil.monitoring.MonitoringContext;
import dev.vigil.resources.NetworkContext;
import java.util.Objects;
import java.util.Set;

/**
 * How the operator runs, from flags and environment variables of {@code vigil run}.
 *
 * @param watchedNamespaces namespaces to watch; empty means all namespaces
 * @param reconcileConcurrency how many resources are reconciled at once
 * @param leaderElection take a Lease before reconciling, so only one replica acts
 * @param leaseName name of the Lease
 * @param leaseNamespace namespace of the Lease; the operator's own namespace when null
 * @param httpPort port of /metrics, /healthz and /readyz; 0 picks a free port
 * @param httpAddress the IP address that port is bound on; null for every interface
 * @param logFormat plain text or one JSON object per line
 * @param clusterDomain the cluster's DNS domain, for members' stable addresses
 * @param network who the databases' NetworkPolicies let in and let out to: the operator's pods (in
 *     the namespace the operator runs in), the default Prometheus and the cluster DNS
 * @param runbookBaseUrl where the runbooks of the default alerts are published, ending with {@code
 *     /}
 */
public record OperatorSettings(
        Set<String> watchedNamespaces,
        int reconcileConcurrency,
        boolean leaderElection,
        String leaseName,
        String leaseNamespace,
        int httpPort,
        String httpAddress,
        LogFormat logFormat,
        String clusterDomain,
        NetworkContext network,
        String runbookBaseUrl) {

    /** Log output format. */
    public enum LogFormat {
        PLAIN,
        JSON
    }

    public OperatorSettings {
        watchedNamespaces = Set.copyOf(watchedNamespaces);
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(runbookBaseUrl, "runbookBaseUrl");
        if (reconcileConcurrency < 1) {
            throw new IllegalArgumentException(
                    "reconcile concurrency must be at least 1, got " + reconcileConcurrency);
        }
    }

    /** Settings with the default runbooks ({@link MonitoringContext#DEFAULT_RUNBOOK_BASE_URL}). */
    public OperatorSettings(
            Set<String> watchedNamespaces,
            int reconcileConcurrency,
            boolean leaderElection,
            String leaseName,
            String leaseNamespace,
            int httpPort,
            String httpAddress,
            LogFormat logFormat,
            String clusterDomain,
            NetworkContext network) {
        this(
                watchedNamespaces,
                reconcileConcurrency,
                leaderElection,
                leaseName,
                leaseNamespace,
                httpPort,
                httpAddress,
                logFormat,
                clusterDomain,
                network,
                MonitoringContext.DEFAULT_RUNBOOK_BASE_URL);
    }

    /** Settings whose HTTP endpoints listen on every interface. */
    public OperatorSettings(
            Set<String> watchedNamespaces,
            int reconcileConcurrency,
            boolean leaderElection,
            String leaseName,
            String leaseNamespace,
            int httpPort,
            LogFormat logFormat,
            String clusterDomain,
            NetworkContext network) {
        this(
                watchedNamespaces,
                reconcileConcurrency,
                leaderElection,
                leaseName,
                leaseNamespace,
                httpPort,
                null,
                logFormat,
                clusterDomain,
                network);
    }

    /** Settings with {@link NetworkContext#DEFAULT}, as outside a cluster without network flags. */
    public OperatorSettings(
            Set<String> watchedNamespaces,
            int reconcileConcurrency,
            boolean leaderElection,
            String leaseName,
            String leaseNamespace,
            int httpPort,
            LogFormat logFormat,
            String clusterDomain) {
        this(
                watchedNamespaces,
                reconcileConcurrency,
                leaderElection,
                leaseName,
                leaseNamespace,
                httpPort,
                logFormat,
                clusterDomain,
                NetworkContext.DEFAULT);
    }

    /** Whether every namespace is watched. */
    public boolean watchesAllNamespaces() {
        return watchedNamespaces.isEmpty();
    }

    /** Settings for tests: all namespaces, no election, an HTTP port picked free. */
    public static OperatorSettings forTests() {
        return new OperatorSettings(
                Set.of(),
                2,
                false,
                "vigil-operator-lock",
                null,
                0,
                LogFormat.PLAIN,
                "cluster.local");
    }
}
