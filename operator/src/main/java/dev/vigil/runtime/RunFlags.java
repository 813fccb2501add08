package dev.vigil.runtime;

/**
 * The options of {@code vigil run} exactly as typed on the command line, before validation.
 *
 * <p>Each value is {@code null} when the flag was not given, so that {@link
 * OperatorSettingsResolver} can fall back to the environment variable and then to the default.
 * Values stay text here so that a bad flag and a bad environment variable are reported the same
 * way, by name.
 *
 * @param namespaces {@code --namespaces}: comma-separated namespaces, empty for all
 * @param serverSideApply {@code --server-side-apply}: {@code true} or {@code false}
 * @param reconcileConcurrency {@code --reconcile-concurrency}: an integer, at least 1
 * @param leaderElection {@code --leader-election}: {@code true} or {@code false}
 * @param leaseName {@code --lease-name}
 * @param leaseNamespace {@code --lease-namespace}
 * @param httpPort {@code --http-port}: 0 to 65535
 * @param logFormat {@code --log-format}: {@code plain} or {@code json}
 * @param clusterDomain {@code --cluster-domain}: the cluster's DNS domain
 */
public record RunFlags(
        String namespaces,
        String serverSideApply,
        String reconcileConcurrency,
        String leaderElection,
        String leaseName,
        String leaseNamespace,
        String httpPort,
        String logFormat,
        String clusterDomain) {

    /** No flag given: every setting comes from the environment or its default. */
    public static RunFlags none() {
        return new RunFlags(null, null, null, null, null, null, null, null, null);
    }
}
