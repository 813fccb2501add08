package dev.vigil.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.util.HashMap;

/**
 * The store of an informer that keeps each object without {@code metadata.managedFields}: the API
 * server's record of which manager set which field, often as large as the object itself, which
 * nothing in Vigil reads (its writes are server-side applies and merge patches that never send it,
 * so the server keeps the record it has). Half of a cached StatefulSet, by the fleet benchmark's
 * heap figures (docs/benchmarks.md).
 */
public final class LeanCache {

    private LeanCache() {}

    /** A store for an informer of {@code R}. */
    public static <R extends HasMetadata> ItemStore<R> store() {
        return new TransformingItemStore<>(LeanCache::withoutManagedFields);
    }

    /**
     * A store for an informer of CRDs, which keeps their metadata only (without managed fields and
     * annotations, where {@code kubectl apply} puts a copy of the whole CRD): whether a CRD exists
     * is all Vigil asks, and a cluster's CRDs, with their schemas, can weigh tens of megabytes.
     */
    public static ItemStore<CustomResourceDefinition> crdNames() {
        return new TransformingItemStore<>(
                crd -> {
                    withoutManagedFields(crd);
                    // Empty, not null: JOSDK reads an annotation of every object it is handed.
                    crd.getMetadata().setAnnotations(new HashMap<>());
                    crd.setSpec(null);
                    crd.setStatus(null);
                    return crd;
                });
    }

    private static <R extends HasMetadata> R withoutManagedFields(R object) {
        if (object.getMetadata() != null) {
            object.getMetadata().setManagedFields(null);
        }
        return object;
    }
}
