package dev.vigil.e2e.node;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.HashMap;
import java.util.Map;

/**
 * A StatefulSet's pods and claims as its controller makes them: pod {@code <set>-<ordinal>} with
 * the template's labels plus {@code statefulset.kubernetes.io/pod-name}, hostname and subdomain for
 * its DNS name, and a volume per claim template naming claim {@code <template>-<set>-<ordinal>}.
 * For tests that stand in for the controller.
 */
final class StatefulSetPods {

    private StatefulSetPods() {}

    static Pod pod(StatefulSet set, int ordinal) {
        String name = set.getMetadata().getName() + "-" + ordinal;
        Map<String, String> labels =
                new HashMap<>(set.getSpec().getTemplate().getMetadata().getLabels());
        labels.put("statefulset.kubernetes.io/pod-name", name);
        labels.put("apps.kubernetes.io/pod-index", String.valueOf(ordinal));
        PodSpecBuilder spec =
                new PodSpecBuilder(set.getSpec().getTemplate().getSpec())
                        .withHostname(name)
                        .withSubdomain(set.getSpec().getServiceName())
                        // Created for the node, as after a scheduler's binding: the mock API
                        // server has no binding subresource (the scenarios bind on a real one).
                        .withNodeName(NodeOptions.DEFAULT_NODE_NAME);
        for (PersistentVolumeClaim template : set.getSpec().getVolumeClaimTemplates()) {
            spec.addToVolumes(
                    new VolumeBuilder()
                            .withName(template.getMetadata().getName())
                            .withNewPersistentVolumeClaim()
                            .withClaimName(template.getMetadata().getName() + "-" + name)
                            .endPersistentVolumeClaim()
                            .build());
        }
        PodSpec built = spec.build();
        return new PodBuilder()
                .withMetadata(
                        new ObjectMetaBuilder()
                                .withName(name)
                                .withNamespace(set.getMetadata().getNamespace())
                                .withLabels(labels)
                                .withAnnotations(
                                        set.getSpec().getTemplate().getMetadata().getAnnotations())
                                .build())
                .withSpec(built)
                .build();
    }

    /** The claim of the set's first claim template for {@code ordinal}. */
    static PersistentVolumeClaim claim(StatefulSet set, int ordinal) {
        PersistentVolumeClaim template = set.getSpec().getVolumeClaimTemplates().get(0);
        return new PersistentVolumeClaimBuilder(template)
                .withMetadata(
                        new ObjectMetaBuilder(template.getMetadata())
                                .withName(
                                        template.getMetadata().getName()
                                                + "-"
                                                + set.getMetadata().getName()
                                                + "-"
                                                + ordinal)
                                .withNamespace(set.getMetadata().getNamespace())
                                .build())
                .build();
    }
}
