package dev.vigil.names;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/**
 * Metadata every object Vigil creates for a database carries: the database's namespace, the
 * standard labels and a controller reference, so deleting the database deletes the object.
 */
public final class OwnedMetadata {

    private OwnedMetadata() {}

    /** Metadata of the object {@code name}, part of {@code component} of {@code database}. */
    public static ObjectMeta of(MonitoredDatabase database, String name, String component) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(database.getMetadata().getNamespace())
                .withLabels(StandardLabels.forObject(database, component))
                .withOwnerReferences(OwnerReferences.controllerOf(database))
                .build();
    }
}
