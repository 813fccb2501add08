package dev.vigil.e2e.controllers;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ReplicaSets a Deployment owns, as the real Deployment controller builds them: one per pod
 * template, named {@code <deployment>-<pod-template-hash>}, the hash added to the labels, the
 * selector and the template's labels, the Deployment as controller, and the rollout revision in
 * {@code deployment.kubernetes.io/revision}.
 */
public final class DeploymentReplicaSets {

    /** The label that ties a ReplicaSet and its pods to one pod template. */
    public static final String HASH_LABEL = "pod-template-hash";

    /** The rollout revision annotation, on the Deployment and its ReplicaSets. */
    public static final String REVISION_ANNOTATION = "deployment.kubernetes.io/revision";

    static final String DESIRED_REPLICAS_ANNOTATION = "deployment.kubernetes.io/desired-replicas";
    static final String MAX_REPLICAS_ANNOTATION = "deployment.kubernetes.io/max-replicas";

    private static final String LAST_APPLIED_ANNOTATION =
            "kubectl.kubernetes.io/last-applied-configuration";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private DeploymentReplicaSets() {}

    /** The {@code pod-template-hash} of the Deployment's current template. */
    public static String templateHash(Deployment deployment) {
        return TemplateHash.of(deployment.getSpec().getTemplate());
    }

    /** {@code <deployment>-<hash>}. */
    public static String name(Deployment deployment, String hash) {
        return deployment.getMetadata().getName() + "-" + hash;
    }

    /** The ReplicaSet's {@code pod-template-hash} label, or null. */
    public static String hashOf(ReplicaSet replicaSet) {
        Map<String, String> labels = replicaSet.getMetadata().getLabels();
        return labels == null ? null : labels.get(HASH_LABEL);
    }

    /** The ReplicaSet's rollout revision, 0 when it has none. */
    public static long revisionOf(ReplicaSet replicaSet) {
        Map<String, String> annotations = replicaSet.getMetadata().getAnnotations();
        String revision = annotations == null ? null : annotations.get(REVISION_ANNOTATION);
        try {
            return revision == null ? 0 : Long.parseLong(revision);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The new ReplicaSet for the Deployment's current template. */
    public static ReplicaSet newReplicaSet(
            Deployment deployment,
            DeploymentSettings settings,
            String hash,
            int replicas,
            long revision) {
        PodTemplateSpec template = SERIALIZATION.clone(deployment.getSpec().getTemplate());
        if (template.getMetadata() == null) {
            template.setMetadata(new ObjectMeta());
        }
        Map<String, String> podLabels = new LinkedHashMap<>();
        if (template.getMetadata().getLabels() != null) {
            podLabels.putAll(template.getMetadata().getLabels());
        }
        podLabels.put(HASH_LABEL, hash);
        template.getMetadata().setLabels(podLabels);

        LabelSelector selector =
                new LabelSelectorBuilder(deployment.getSpec().getSelector())
                        .addToMatchLabels(HASH_LABEL, hash)
                        .build();
        Map<String, String> annotations = new HashMap<>();
        if (deployment.getMetadata().getAnnotations() != null) {
            annotations.putAll(deployment.getMetadata().getAnnotations());
            annotations.remove(LAST_APPLIED_ANNOTATION);
        }
        annotations.put(REVISION_ANNOTATION, Long.toString(revision));
        annotations.put(DESIRED_REPLICAS_ANNOTATION, Integer.toString(settings.replicas()));
        annotations.put(
                MAX_REPLICAS_ANNOTATION,
                Integer.toString(settings.replicas() + settings.maxSurge()));
        return new ReplicaSetBuilder()
                .withNewMetadata()
                .withName(name(deployment, hash))
                .withNamespace(deployment.getMetadata().getNamespace())
                .withLabels(podLabels)
                .withAnnotations(annotations)
                .withOwnerReferences(ControllerRefs.controllerRef(deployment))
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withMinReadySeconds(settings.minReadySeconds())
                .withSelector(selector)
                .withTemplate(template)
                .endSpec()
                .build();
    }
}
