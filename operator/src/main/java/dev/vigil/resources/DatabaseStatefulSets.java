package dev.vigil.resources;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.StorageSpec;
import dev.vigil.credentials.MonitoringPasswordRotation;
import dev.vigil.names.OwnedMetadata;
import dev.vigil.names.ResourceNames;
import dev.vigil.names.StandardLabels;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.Map;
import java.util.Optional;

/**
 * The StatefulSet shape every engine's members share: pods started and rolled one at a time, a
 * persistent volume per member from {@code spec.storage}, the configuration digest on the pod
 * template and {@code spec.podTemplate} applied on top. The engine supplies the pod spec.
 */
public final class DatabaseStatefulSets {

    private DatabaseStatefulSets() {}

    /**
     * The StatefulSet of {@code database} (already defaulted).
     *
     * @param replicas the members to run
     * @param podSpec the engine's pod: containers, volumes, security context
     * @param configHash {@link ConfigHash} of the configuration, so that a change rolls the pods
     * @param dataVolume name of the per-member volume claim the containers mount
     * @param credentialsRevision the monitoring-password rotation token, so that a new one restarts
     *     the exporter sidecar ({@link MonitoringPasswordRotation})
     */
    public static StatefulSet build(
            MonitoredDatabase database,
            int replicas,
            PodSpec podSpec,
            String configHash,
            String dataVolume,
            Optional<String> credentialsRevision) {
        Map<String, String> selector =
                StandardLabels.selector(database, StandardLabels.COMPONENT_DATABASE);
        PodTemplateSpec template =
                new PodTemplateSpecBuilder()
                        .withNewMetadata()
                        .withLabels(
                                StandardLabels.forPod(database, StandardLabels.COMPONENT_DATABASE))
                        .addToAnnotations(ConfigHash.ANNOTATION, configHash)
                        .endMetadata()
                        .withSpec(podSpec)
                        .build();
        PodTemplateSpec pods =
                PodTemplatePassthrough.apply(
                        template, database.getSpec().getPodTemplate(), selector);
        MonitoringPasswordRotation.annotate(database, pods, credentialsRevision);
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
                // Member n starts once n-1 is ready, so the members start and restart one at a
                // time, and each finds the ones before it.
                .withPodManagementPolicy("OrderedReady")
                .withNewUpdateStrategy()
                .withType("RollingUpdate")
                .endUpdateStrategy()
                .withTemplate(pods)
                .withVolumeClaimTemplates(dataClaim(database, dataVolume))
                .withNewPersistentVolumeClaimRetentionPolicy()
                .withWhenDeleted(retention(database.getSpec().getStorage().getRetainOnDelete()))
                .withWhenScaled(retention(database.getSpec().getStorage().getRetainOnScaleDown()))
                .endPersistentVolumeClaimRetentionPolicy()
                .endSpec()
                .build();
    }

    /**
     * {@code spec.resources} of the database container (a copy), or null; init containers use the
     * same, since an init container's requests never add to the pod's and a quota that demands
     * limits admits it.
     */
    public static ResourceRequirements databaseResources(MonitoredDatabase database) {
        ResourceRequirements resources = database.getSpec().getResources();
        return resources == null ? null : new ResourceRequirementsBuilder(resources).build();
    }

    private static PersistentVolumeClaim dataClaim(MonitoredDatabase database, String name) {
        StorageSpec storage = database.getSpec().getStorage();
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(name)
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
