package dev.vigil.e2e.controllers;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;

/** StatefulSets shaped like Vigil's, for the controller tests. */
final class StatefulSets {

    static final String NAMESPACE = "test";

    private StatefulSets() {}

    /** An OrderedReady, RollingUpdate set of PostgreSQL pods with one data claim each. */
    static StatefulSet postgres(String name, int replicas) {
        return new StatefulSetBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NAMESPACE)
                .withUid(name + "-uid")
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withServiceName(name + "-members")
                .withPodManagementPolicy("OrderedReady")
                .withNewUpdateStrategy()
                .withType("RollingUpdate")
                .endUpdateStrategy()
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .addToAnnotations("vigil.dev/config-hash", "1")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("postgres")
                .withImage("postgres:16")
                .addNewVolumeMount()
                .withName("data")
                .withMountPath("/var/lib/postgresql/data")
                .endVolumeMount()
                .endContainer()
                .endSpec()
                .endTemplate()
                .addNewVolumeClaimTemplate()
                .withNewMetadata()
                .withName("data")
                .addToLabels("tier", "storage")
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withNewResources()
                .addToRequests("storage", new Quantity("1Gi"))
                .endResources()
                .endSpec()
                .endVolumeClaimTemplate()
                .endSpec()
                .build();
    }
}
