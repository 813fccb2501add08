package dev.vigil.e2e.node;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;

/**
 * The pod network's cluster services on loopback: the {@link ClusterDns cluster DNS} and the {@link
 * ServiceProxy Service proxy}, both following the API server through one {@link
 * InformerClusterView}. Pod addresses themselves are handed out by the {@link Kubelet}.
 *
 * <p>Both read a Service's endpoints from its pods ({@link ServiceEndpoints}), not from
 * EndpointSlices: pods here have loopback addresses, which the API server refuses in EndpointSlices
 * and Endpoints, so no EndpointSlice controller runs.
 */
public final class ClusterNetwork implements AutoCloseable {

    /** How often the proxy looks for Services that came, changed or went. */
    static final Duration PROXY_SYNC = Duration.ofMillis(200);

    private final InformerClusterView view;
    private final ClusterDns dns;
    private final ServiceProxy proxy;

    private ClusterNetwork(InformerClusterView view, ClusterDns dns, ServiceProxy proxy) {
        this.view = view;
        this.dns = dns;
        this.proxy = proxy;
    }

    /**
     * Starts watching the API server and forwarding Service ports.
     *
     * @param clusterDomain usually {@link ClusterDns#DEFAULT_DOMAIN}
     */
    public static ClusterNetwork start(KubernetesClient client, String clusterDomain) {
        InformerClusterView view = InformerClusterView.start(client);
        try {
            return new ClusterNetwork(
                    view,
                    new ClusterDns(view, clusterDomain),
                    ServiceProxy.start(view, PROXY_SYNC));
        } catch (RuntimeException e) {
            view.close();
            throw e;
        }
    }

    /** Resolves cluster names; also the operator's {@code DatabaseAddressResolver}. */
    public ClusterDns dns() {
        return dns;
    }

    public ServiceProxy proxy() {
        return proxy;
    }

    @Override
    public void close() {
        proxy.close();
        view.close();
    }
}
