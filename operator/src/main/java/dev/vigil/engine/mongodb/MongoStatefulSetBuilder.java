package dev.vigil.engine.mongodb;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.ResourceNames;
import dev.vigil.resources.ConfigHash;
import dev.vigil.resources.DatabaseConfigMap;
import dev.vigil.resources.DatabaseStatefulSets;
import dev.vigil.resources.ExporterContainers;
import dev.vigil.resources.RestrictedPodSecurity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the StatefulSet running the members of a MongoDB replica set: one pod per member with
 * mongod (and the exporter sidecar when enabled), a persistent volume per member, started one after
 * another so that each member can find the previous ones.
 */
public final class MongoStatefulSetBuilder {

    /** User, group and volume group of the official image's mongodb user. */
    static final long MONGODB_UID = 999;

    // The Secret volume lets the group read the key (0440), so the init container, running in
    // the volume's fsGroup, can copy it; mongod reads only the copy.
    private static final int KEYFILE_SECRET_MODE = 0440;

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
        List<Container> containers = new ArrayList<>();
        containers.add(MongodContainers.mongod(database));
        if (ExporterContainers.enabled(database)) {
            containers.add(MongoExporterSidecar.container(database));
        }
        return new PodSpecBuilder()
                // The database talks to nobody's API: its own account, without rights, and no
                // token in the pod to steal.
                .withServiceAccountName(ResourceNames.serviceAccount(database))
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(
                        RestrictedPodSecurity.pod(MONGODB_UID, MONGODB_UID, MONGODB_UID))
                .withInitContainers(MongodContainers.keyfileInit(database))
                .withContainers(containers)
                .withVolumes(volumes(database))
                .build();
    }

    private static List<Volume> volumes(MonitoredDatabase database) {
        List<Volume> volumes = new ArrayList<>(fixedVolumes(database));
        volumes.addAll(MongoTls.volumes(database));
        return volumes;
    }

    private static List<Volume> fixedVolumes(MonitoredDatabase database) {
        return List.of(
                DatabaseConfigMap.volume(database, MongodContainers.CONFIG_VOLUME),
                new VolumeBuilder()
                        .withName(MongodContainers.KEYFILE_SECRET_VOLUME)
                        .withNewSecret()
                        .withSecretName(ResourceNames.keyfileSecret(database))
                        .withDefaultMode(KEYFILE_SECRET_MODE)
                        .endSecret()
                        .build(),
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
