package dev.vigil.engine.postgres;

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
 * The ConfigMap {@code <name>-primary}: one key, {@value #POD_KEY}, naming the designated primary
 * pod. The {@code bootstrap} init container mounts it at {@link PostgresPaths#PRIMARY_DIR} and
 * reads it when the pod starts, to choose between initdb, a clone and a rewind.
 *
 * <p>It is kept out of the pod template and of the {@link dev.vigil.resources.ConfigHash}, so that
 * moving the primary (a failover, a switchover during a canary rollout) restarts no pod: only pods
 * that start afterwards read the new name.
 */
public final class PostgresPrimaryConfigMap {

    /** The key, and so the file name, holding the designated primary pod's name. */
    public static final String POD_KEY = "pod";

    /** The pod volume through which the bootstrap mounts it. */
    static final String VOLUME = "primary";

    private PostgresPrimaryConfigMap() {}

    /** The ConfigMap naming member {@code primaryOrdinal} of {@code database} as the primary. */
    public static ConfigMap build(MonitoredDatabase database, int primaryOrdinal) {
        return new ConfigMapBuilder()
                .withMetadata(
                        OwnedMetadata.of(
                                database,
                                ResourceNames.primaryConfig(database),
                                StandardLabels.COMPONENT_DATABASE))
                .withData(Map.of(POD_KEY, ResourceNames.memberPod(database, primaryOrdinal)))
                .build();
    }

    /** The pod volume holding the ConfigMap's file. */
    static Volume volume(MonitoredDatabase database) {
        return new VolumeBuilder()
                .withName(VOLUME)
                .withNewConfigMap()
                .withName(ResourceNames.primaryConfig(database))
                .endConfigMap()
                .build();
    }
}
