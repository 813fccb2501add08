package dev.vigil.e2e.node;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole simulated node in one piece: the {@link ClusterNetwork} (cluster DNS and Service proxy)
 * and a {@link Kubelet} that runs PostgreSQL images ({@link PostgresContainerRuntime}),
 * postgres_exporter images ({@link PostgresExporterRuntime}) and whatever the given runtimes run.
 * Start it against an API server, create pods (or let controllers create them), and use {@link
 * #dns()} wherever Vigil needs a {@code DatabaseAddressResolver}.
 */
public final class SimulatedNode implements AutoCloseable {

    /** The longest any container gets to stop gracefully (a pod's default is 30 s). */
    public static final Duration MAX_GRACE_PERIOD = Duration.ofSeconds(10);

    private final ClusterNetwork network;
    private final Kubelet kubelet;

    private SimulatedNode(ClusterNetwork network, Kubelet kubelet) {
        this.network = network;
        this.kubelet = kubelet;
    }

    /**
     * Starts the network and the kubelet.
     *
     * @param moreRuntimes runtimes for other images (such as MongoDB's), asked after the built-in
     *     ones
     * @throws IllegalStateException when this machine has no PostgreSQL, or the work directory is
     *     out of the containers' reach, saying what to do
     */
    public static SimulatedNode start(
            KubernetesClient client, NodeOptions options, List<ContainerRuntime> moreRuntimes) {
        PodUser user = PodUser.detect();
        List<ContainerRuntime> runtimes = new ArrayList<>();
        runtimes.add(PostgresContainerRuntime.withNewestInstalled(user, MAX_GRACE_PERIOD));
        runtimes.add(new PostgresExporterRuntime(user, MAX_GRACE_PERIOD));
        runtimes.addAll(moreRuntimes);
        ClusterNetwork network = ClusterNetwork.start(client, options.clusterDomain());
        try {
            Kubelet kubelet = new Kubelet(client, options, network.dns(), user, runtimes);
            kubelet.start();
            return new SimulatedNode(network, kubelet);
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /** The cluster DNS: the operator's {@code DatabaseAddressResolver} in this cluster. */
    public ClusterDns dns() {
        return network.dns();
    }

    public ClusterNetwork network() {
        return network;
    }

    public Kubelet kubelet() {
        return kubelet;
    }

    /** Stops every container, then the network. */
    @Override
    public void close() {
        try {
            kubelet.close();
        } finally {
            network.close();
        }
    }
}
