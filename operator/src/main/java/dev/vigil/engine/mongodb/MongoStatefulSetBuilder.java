package dev.vigil.engine.mongodb;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.ResourceNames;
import dev.vigil.resources.ConfigHash;
import dev.vigil.resources.DatabaseConfigMap;
import dev.vigil.resources.DatabaseStatefulSets;
import dev.vigil.resources.MemberPodSpec;
import dev.vigil.resources.RestrictedPodSecurity;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the StatefulSet running the members of a MongoDB replica set: one pod per member with
 * mongod (and the exporter sidecar when enabled), a persistent volume per member, started one after
 * another so that each member can find the previous ones. {@link DatabaseStatefulSets} and {@link
 * MemberPodSpec} have what it shares with PostgreSQL; here are mongod's user and volumes.
 */
public final class MongoStatefulSetBuilder {

    /** User, group and volume group of the official image's mongodb user. */
    static final long MONGODB_UID = 999;

    private MongoStatefulSetBuilder() {}

    /**
     * The StatefulSet of {@code database} (already defaulted).
     *
     * @param replicas the members to run, normally {@code spec.replicas}
     * @param configHash {@link ConfigHash} of the configuration, so that a change rolls the pods
     * @param credentialsRevision the monitoring-password rotation token, so that a new one restarts
     *     the exporter ({@link dev.vigil.credentials.MonitoringPasswordRotation})
     */
    public static StatefulSet build(
            MonitoredDatabase database,
            int replicas,
            String configHash,
            Optional<String> credentialsRevision) {
        return DatabaseStatefulSets.build(
                database,
                replicas,
                podSpec(database),
                configHash,
                MongodContainers.DATA_VOLUME,
                credentialsRevision);
    }

    private static PodSpec podSpec(MonitoredDatabase database) {
        return MemberPodSpec.build(
                database,
                MONGODB_UID,
                MongodContainers.keyfileInit(database),
                MongodContainers.mongod(database),
                () -> MongoExporterSidecar.container(database),
                volumes(database));
    }

    private static List<Volume> volumes(MonitoredDatabase database) {
        List<Volume> volumes = new ArrayList<>(fixedVolumes(database));
        volumes.addAll(MongoTls.volumes(database));
        return volumes;
    }

    private static List<Volume> fixedVolumes(MonitoredDatabase database) {
        return List.of(
                DatabaseConfigMap.volume(database, MongodContainers.CONFIG_VOLUME),
                // The group may read the key, so the init container, running in the volume's
                // fsGroup, can copy it; mongod reads only the copy.
                MemberPodSpec.groupReadableSecret(
                        MongodContainers.KEYFILE_SECRET_VOLUME,
                        ResourceNames.keyfileSecret(database)),
                // In memory: the copied key never lands on the node's disk.
                new VolumeBuilder()
                        .withName(MongodContainers.KEYFILE_VOLUME)
                        .withNewEmptyDir()
                        .withMedium("Memory")
                        .endEmptyDir()
                        .build(),
                RestrictedPodSecurity.scratchVolume(MongodContainers.TMP_VOLUME));
    }
}
