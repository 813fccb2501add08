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
 * @param reconcileConcurrency {@code --reconcile-concurrency}: an integer, at least 1
 * @param leaderElection {@code --leader-election}: {@code true} or {@code false}
 * @param leaseName {@code --lease-name}
 * @param leaseNamespace {@code --lease-namespace}
 * @param httpPort {@code --http-port}: 0 to 65535
 * @param httpAddress {@code --http-address}: an IP address of this machine (or pod)
 * @param logFormat {@code --log-format}: {@code plain} or {@code json}
 * @param clusterDomain {@code --cluster-domain}: the cluster's DNS domain
 * @param network the flags saying who the databases' NetworkPolicies let in and out
 */
public record RunFlags(
        String namespaces,
        String reconcileConcurrency,
        String leaderElection,
        String leaseName,
        String leaseNamespace,
        String httpPort,
        String httpAddress,
        String logFormat,
        String clusterDomain,
        NetworkFlags network) {

    /**
     * The network flags, each {@code null} when not given. Labels are comma-separated {@code
     * key=value} pairs.
     *
     * @param operatorPodLabels {@code --operator-pod-labels}: labels of the operator's own pods
     * @param prometheusNamespaceLabels {@code --prometheus-namespace-labels}: labels of the
     *     namespace of the Prometheus that scrapes databases whose spec names none
     * @param prometheusPodLabels {@code --prometheus-pod-labels}: labels of its pods
     * @param dnsNamespace {@code --dns-namespace}: the namespace of the cluster DNS
     * @param dnsPodLabels {@code --dns-pod-labels}: labels of the cluster DNS pods
     */
    public record NetworkFlags(
            String operatorPodLabels,
            String prometheusNamespaceLabels,
            String prometheusPodLabels,
            String dnsNamespace,
            String dnsPodLabels) {

        /** No network flag given. */
        public static NetworkFlags none() {
            return new NetworkFlags(null, null, null, null, null);
        }
    }

    /** The flags without {@code --http-address}. */
    public RunFlags(
            String namespaces,
            String reconcileConcurrency,
            String leaderElection,
            String leaseName,
            String leaseNamespace,
            String httpPort,
            String logFormat,
            String clusterDomain,
            NetworkFlags network) {
        this(
                namespaces,
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

    /** The flags without any network flag. */
    public RunFlags(
            String namespaces,
            String reconcileConcurrency,
            String leaderElection,
            String leaseName,
            String leaseNamespace,
            String httpPort,
            String logFormat,
            String clusterDomain) {
        this(
                namespaces,
                reconcileConcurrency,
                leaderElection,
                leaseName,
                leaseNamespace,
                httpPort,
                logFormat,
                clusterDomain,
                NetworkFlags.none());
    }

    /** No flag given: every setting comes from the environment or its default. */
    public static RunFlags none() {
        return new RunFlags(null, null, null, null, null, null, null, null);
    }
}
