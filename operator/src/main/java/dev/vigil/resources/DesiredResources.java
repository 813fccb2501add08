package dev.vigil.resources;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything Vigil wants to exist for one database, built without touching the cluster.
 *
 * @param createOnlySecrets Secrets whose values are generated: created when missing and never
 *     updated afterwards, so a password is never regenerated
 * @param resources every other object, kept converged to exactly this desired state
 */
public record DesiredResources(List<Secret> createOnlySecrets, List<HasMetadata> resources) {

    public DesiredResources {
        createOnlySecrets = List.copyOf(createOnlySecrets);
        resources = List.copyOf(resources);
    }

    /** All objects, create-only Secrets first, in the order they should be applied. */
    public List<HasMetadata> all() {
        List<HasMetadata> all = new ArrayList<>(createOnlySecrets);
        all.addAll(resources);
        return all;
    }
}
