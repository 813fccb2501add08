package dev.vigil.resources;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.OwnedMetadata;
import dev.vigil.names.ResourceNames;
import dev.vigil.names.StandardLabels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.Map;

/**
 * The ConfigMap {@code <name>-config} of a Managed database, for either engine, and the pod volume
 * through which every member mounts it. The engine writes the files; their content is also what the
 * {@link ConfigHash} on the pod template is taken of.
 */
public final class DatabaseConfigMap {

    private DatabaseConfigMap() {}

    /**
     * The ConfigMap of {@code database} (already defaulted).
     *
     * @param files file name to file text, the engine's configuration
     */
    public static ConfigMap build(MonitoredDatabase database, Map<String, String> files) {
        return new ConfigMapBuilder()
                .withMetadata(
                        OwnedMetadata.of(
                                database,
                                ResourceNames.config(database),
                                StandardLabels.COMPONENT_DATABASE))
                .withData(files)
                .build();
    }

    /** The pod volume {@code name} holding the ConfigMap's files. */
    public static Volume volume(MonitoredDatabase database, String name) {
        return new VolumeBuilder()
                .withName(name)
                .withNewConfigMap()
                .withName(ResourceNames.config(database))
                .endConfigMap()
                .build();
    }
}
