package dev.vigil.engine.mongodb;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.StorageSpec;
import dev.vigil.model.ConfigHash;
import dev.vigil.model.OwnedMetadata;
import dev.vigil.model.PodTemplatePassthrough;
import dev.vigil.model.ResourceNames;
import dev.vigil.model.RestrictedPodSecurity;
import dev.vigil.model.StandardLabels;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
     */
    public static StatefulSet build(MonitoredDatabase database, int replicas, String configHash) {
        Map<String, String> selector =
                StandardLabels.selector(database, StandardLabels.COMPONENT_DATABASE);
        return new StatefulSetBuilder()
                .withMetadata(
                        OwnedMetadata.of(
                                database,
                                ResourceNames.statefulSet(database),
                                StandardLabels.COMPONENT_DATABASE))
                .withNewSpec()
                .withServiceName(ResourceNames.membersService(database))
                .withReplicas(replicas)
                .withNewSelector()
                .withMatchLabels(selector)
                .endSelector()
                // Member n starts once n-1 is ready, so the set grows and restarts one at a time.
                .withPodManagementPolicy("OrderedReady")
                .withNewUpdateStrategy()
                .withType("RollingUpdate")
                .endUpdateStrategy()
                .withTemplate(
                        PodTemplatePassthrough.apply(
                                podTemplate(database, configHash),
                                database.getSpec().getPodTemplate(),
                                selector))
                .withVolumeClaimTemplates(dataClaim(database))
                .withNewPersistentVolumeClaimRetentionPolicy()
                .withWhenDeleted(retention(database.getSpec().getStorage().getRetainOnDelete()))
                .withWhenScaled(retention(database.getSpec().getStorage().getRetainOnScaleDown()))
                .endPersistentVolumeClaimRetentionPolicy()
                .endSpec()
                .build();
    }

    private static PodTemplateSpec podTemplate(MonitoredDatabase database, String configHash) {
        List<Container> containers = new ArrayList<>();
        containers.add(MongodContainers.mongod(database));
        if (MongoExporterSidecar.enabled(database)) {
            containers.add(MongoExporterSidecar.container(database));
        }
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                .withLabels(StandardLabels.forPod(database, StandardLabels.COMPONENT_DATABASE))
                .addToAnnotations(ConfigHash.ANNOTATION, configHash)
                .endMetadata()
                .withNewSpec()
                // The database talks to nobody's API; no token in the pod to steal.
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(
                        RestrictedPodSecurity.pod(MONGODB_UID, MONGODB_UID, MONGODB_UID))
                .withInitContainers(MongodContainers.keyfileInit(database))
                .withContainers(containers)
                .withVolumes(volumes(database))
                .endSpec()
                .build();
    }

    private static List<Volume> volumes(MonitoredDatabase database) {
        return List.of(
                new VolumeBuilder()
                        .withName(MongodContainers.CONFIG_VOLUME)
                        .withNewConfigMap()
                        .withName(ResourceNames.config(database))
                        .endConfigMap()
                        .build(),
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

    private static PersistentVolumeClaim dataClaim(MonitoredDatabase database) {
        StorageSpec storage = database.getSpec().getStorage();
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(MongodContainers.DATA_VOLUME)
                .withLabels(StandardLabels.forObject(database, StandardLabels.COMPONENT_DATABASE))
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(storage.getStorageClassName())
                .withNewResources()
                .addToRequests("storage", new Quantity(storage.getSize()))
                .endResources()
                .endSpec()
                .build();
    }

    private static String retention(Boolean retain) {
        return Boolean.FALSE.equals(retain) ? "Delete" : "Retain";
    }
}
