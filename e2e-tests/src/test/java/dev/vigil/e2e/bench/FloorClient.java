package dev.vigil.e2e.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The floor: the same objects created by a bare client, with as many requests in flight as the
 * operator's reconcile threads may have, and without owner references (their owners do not exist in
 * the floor's namespace).
 */
final class FloorClient {

    private final KubernetesClient admin;
    private final int inFlight;

    FloorClient(KubernetesClient admin, int inFlight) {
        this.admin = admin;
        this.inFlight = inFlight;
    }

    /** Creates every object ({@code POST}). */
    void createAll(List<HasMetadata> objects) throws Exception {
        each(objects, object -> admin.resource(object).create());
    }

    /**
     * Applies every object with server-side apply, as the operator writes (but for the Secrets it
     * generates, which it creates): what the same objects cost the API server the operator's way.
     */
    void applyAll(List<HasMetadata> objects) throws Exception {
        each(
                objects,
                object ->
                        admin.resource(object)
                                .fieldManager("vigil-floor")
                                .forceConflicts()
                                .serverSideApply());
    }

    private void each(List<HasMetadata> objects, java.util.function.Consumer<HasMetadata> write)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(inFlight);
        try {
            List<Future<?>> created =
                    objects.stream()
                            .map(
                                    object -> {
                                        object.getMetadata().setOwnerReferences(null);
                                        return pool.submit(() -> write.accept(object));
                                    })
                            .<Future<?>>map(f -> f)
                            .toList();
            for (Future<?> future : created) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
