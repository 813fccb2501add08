package dev.vigil.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import org.junit.jupiter.api.Test;

class LeanCacheTest {

    @Test
    void objectsAreKeptWithoutManagedFields() {
        ItemStore<Pod> store = LeanCache.store();
        Pod pod =
                new PodBuilder()
                        .withNewMetadata()
                        .withName("catalog-0")
                        .withNamespace("shop")
                        .addToLabels("app", "catalog")
                        .withManagedFields(new ManagedFieldsEntry())
                        .endMetadata()
                        .build();
        String key = Cache.metaNamespaceKeyFunc(pod);

        store.put(key, pod);

        Pod kept = store.get(key);
        assertThat(kept.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(kept.getMetadata().getLabels()).containsEntry("app", "catalog");
    }

    @Test
    void crdsAreKeptAsNamesWithAnEmptyAnnotationMapThatJosdkCanRead() {
        ItemStore<CustomResourceDefinition> store = LeanCache.crdNames();
        CustomResourceDefinition crd =
                new CustomResourceDefinitionBuilder()
                        .withNewMetadata()
                        .withName("servicemonitors.monitoring.coreos.com")
                        .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{}")
                        .endMetadata()
                        .withNewSpec()
                        .withGroup("monitoring.coreos.com")
                        .endSpec()
                        .build();
        String key = Cache.metaNamespaceKeyFunc(crd);

        store.put(key, crd);

        CustomResourceDefinition kept = store.get(key);
        assertThat(kept.getMetadata().getName()).isEqualTo("servicemonitors.monitoring.coreos.com");
        assertThat(kept.getSpec()).isNull();
        // Not null: JOSDK looks up an annotation on every object its informers hand it.
        assertThat(kept.getMetadata().getAnnotations()).isNotNull().isEmpty();
    }
}
