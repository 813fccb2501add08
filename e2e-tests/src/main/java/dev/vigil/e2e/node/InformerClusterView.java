package dev.vigil.e2e.node;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.List;
import java.util.Optional;

/**
 * A {@link ClusterView} kept current by informers on Services and pods in every namespace, as
 * CoreDNS and kube-proxy watch the API server.
 */
public final class InformerClusterView implements ClusterView, AutoCloseable {

    private static final String NAMESPACE_INDEX = Cache.NAMESPACE_INDEX;

    private final SharedIndexInformer<Service> services;
    private final SharedIndexInformer<Pod> pods;

    private InformerClusterView(
            SharedIndexInformer<Service> services, SharedIndexInformer<Pod> pods) {
        this.services = services;
        this.pods = pods;
    }

    /** Starts both informers and waits until each has listed what exists. */
    public static InformerClusterView start(KubernetesClient client) {
        SharedIndexInformer<Service> services = client.services().inAnyNamespace().inform();
        SharedIndexInformer<Pod> pods;
        try {
            pods = client.pods().inAnyNamespace().inform();
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
        return new InformerClusterView(services, pods);
    }

    @Override
    public Optional<Service> service(String namespace, String name) {
        return Optional.ofNullable(services.getStore().getByKey(namespace + "/" + name));
    }

    @Override
    public List<Service> services() {
        return services.getStore().list();
    }

    @Override
    public List<Pod> pods(String namespace) {
        return pods.getIndexer().byIndex(NAMESPACE_INDEX, namespace);
    }

    @Override
    public void close() {
        services.close();
        pods.close();
    }
}
