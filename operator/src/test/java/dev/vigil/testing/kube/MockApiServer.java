package dev.vigil.testing.kube;

import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * fabric8's mock API server in CRUD mode, knowing Vigil's custom resources, that records every
 * request that writes (anything but GET), so tests can assert that an idle operator writes nothing.
 */
public final class MockApiServer implements AutoCloseable {

    private final RecordingDispatcher dispatcher = new RecordingDispatcher();
    private final KubernetesMockServer server =
            new KubernetesMockServer(
                    new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    private final KubernetesClient client;

    public MockApiServer() {
        server.init();
        for (Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>> type :
                List.<Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>>>of(
                        MonitoredDatabase.class, AlertPolicy.class)) {
            server.expectCustomResource(
                    CustomResourceDefinitionContext.fromCustomResourceType(type));
        }
        client = server.createClient();
    }

    /** A client of this server. */
    public KubernetesClient client() {
        return client;
    }

    /** Every write request so far, as {@code METHOD path}. */
    public List<String> writes() {
        return List.copyOf(dispatcher.writes);
    }

    /** Forgets the writes recorded so far. */
    public void clearWrites() {
        dispatcher.writes.clear();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    private static final class RecordingDispatcher extends KubernetesCrudDispatcher {

        private final List<String> writes = new CopyOnWriteArrayList<>();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            if (!"GET".equals(request.getMethod())) {
                writes.add(request.getMethod() + " " + request.getPath());
            }
            return super.dispatch(request);
        }
    }
}
