package dev.vigil.e2e.node;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@link EndpointSlices EndpointSlice} per Service with a selector, as the control
 * plane's endpoint-slice controller does, so {@code kubectl describe svc} and {@code kubectl get
 * endpointslices} show which pods serve a Service. Checks every sync interval and writes only what
 * changed; removes the slices of Services that are gone.
 */
final class EndpointSliceController implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointSliceController.class);

    private final KubernetesClient client;
    private final ClusterView view;
    private final ScheduledExecutorService syncer =
            Executors.newSingleThreadScheduledExecutor(NodeThreads.named("endpoint-slices"));
    private final Map<String, EndpointSlice> written = new HashMap<>();

    private EndpointSliceController(KubernetesClient client, ClusterView view) {
        this.client = client;
        this.view = view;
    }

    static EndpointSliceController start(KubernetesClient client, ClusterView view, Duration sync) {
        EndpointSliceController controller = new EndpointSliceController(client, view);
        controller.syncer.scheduleWithFixedDelay(
                controller::syncQuietly, 0, sync.toMillis(), TimeUnit.MILLISECONDS);
        return controller;
    }

    /** Brings every slice in line with its Service and pods. */
    synchronized void sync() {
        Set<String> wanted = new HashSet<>();
        for (Service service : view.services()) {
            if (service.getSpec().getSelector() == null
                    || service.getSpec().getSelector().isEmpty()) {
                continue;
            }
            EndpointSlice desired =
                    EndpointSlices.desired(
                            service, view.pods(service.getMetadata().getNamespace()));
            String key = key(desired);
            wanted.add(key);
            EndpointSlice previous = written.get(key);
            if (previous == null || !EndpointSlices.same(previous, desired)) {
                write(desired);
                written.put(key, desired);
            }
        }
        for (String key : List.copyOf(written.keySet())) {
            if (!wanted.contains(key)) {
                EndpointSlice gone = written.remove(key);
                client.resource(gone).delete();
            }
        }
    }

    private void write(EndpointSlice desired) {
        String namespace = desired.getMetadata().getNamespace();
        EndpointSlice live =
                client.discovery()
                        .v1()
                        .endpointSlices()
                        .inNamespace(namespace)
                        .withName(desired.getMetadata().getName())
                        .get();
        if (live == null) {
            client.discovery()
                    .v1()
                    .endpointSlices()
                    .inNamespace(namespace)
                    .resource(desired)
                    .create();
        } else if (!EndpointSlices.same(live, desired)) {
            desired.getMetadata().setResourceVersion(live.getMetadata().getResourceVersion());
            client.discovery()
                    .v1()
                    .endpointSlices()
                    .inNamespace(namespace)
                    .resource(desired)
                    .update();
            desired.getMetadata().setResourceVersion(null);
        }
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (KubernetesClientException | IllegalStateException e) {
            LOG.debug("EndpointSlice sync failed, retrying: {}", e.getMessage());
        }
    }

    private static String key(EndpointSlice slice) {
        return slice.getMetadata().getNamespace() + "/" + slice.getMetadata().getName();
    }

    @Override
    public void close() {
        syncer.shutdownNow();
    }
}
