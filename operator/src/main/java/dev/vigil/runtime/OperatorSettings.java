package dev.vigil.runtime;

import java.util.Set;

/**
 * How the operator runs, from flags and environment variables of {@code vigil run}.
 *
 * @param watchedNamespaces namespaces to watch; empty means all namespaces
 * @param serverSideApply apply owned objects with server-side apply (real clusters); off, Vigil
 *     creates and patches them itself (JSON merge patch), which the test API server supports
 * @param reconcileConcurrency how many resources are reconciled at once
 * @param leaderElection take a Lease before reconciling, so only one replica acts
 * @param leaseName name of the Lease
 * @param leaseNamespace namespace of the Lease; the operator's own namespace when null
 * @param httpPort port of /metrics, /healthz and /readyz; 0 picks a free port
 * @param logFormat plain text or one JSON object per line
 * @param clusterDomain the cluster's DNS domain, for members' stable addresses
 */
public record OperatorSettings(
        Set<String> watchedNamespaces,
        boolean serverSideApply,
        int reconcileConcurrency,
        boolean leaderElection,
        String leaseName,
        String leaseNamespace,
        int httpPort,
        LogFormat logFormat,
        String clusterDomain) {

    /** Log output format. */
    public enum LogFormat {
        PLAIN,
        JSON
    }

    public OperatorSettings {
        watchedNamespaces = Set.copyOf(watchedNamespaces);
        if (reconcileConcurrency < 1) {
            throw new IllegalArgumentException(
                    "reconcile concurrency must be at least 1, got " + reconcileConcurrency);
        }
    }

    /** Whether every namespace is watched. */
    public boolean watchesAllNamespaces() {
        return watchedNamespaces.isEmpty();
    }

    /** Settings for tests against the mock API server: all namespaces, no SSA, no election. */
    public static OperatorSettings forTests() {
        return new OperatorSettings(
                Set.of(),
                false,
                2,
                false,
                "vigil-operator-lock",
                null,
                0,
                LogFormat.PLAIN,
                "cluster.local");
    }
}
