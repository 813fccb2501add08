package dev.vigil.testing.kube;

import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import java.util.List;

/**
 * fabric8's mock API server in CRUD mode, knowing Vigil's custom resources: a store of objects
 * without validation, versions or server-side apply, for tests of code that only reads and writes
 * objects (the e2e harness's node). The operator's own tests run on a real API server ({@link
 * SharedApiServer}).
 */
public final class MockApiServer implements AutoCloseable {

    private final KubernetesMockServer server =
            new KubernetesMockServer(
                    new Context(),
                    new MockWebServer(),
                    new HashMap<>(),
                    new KubernetesCrudDispatcher(),
                    false);
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

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
