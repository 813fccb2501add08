package dev.vigil.e2e.controllers;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the pods of a StatefulSet as {@code newVersionedStatefulSetPod} does: named {@code
 * <set>-<ordinal>}, the template's labels and annotations plus {@code controller-revision-hash},
 * {@code statefulset.kubernetes.io/pod-name} and {@code apps.kubernetes.io/pod-index}, {@code
 * spec.hostname} and {@code spec.subdomain} for the headless Service's DNS names, a volume per
 * claim template bound to that ordinal's claim, and the set as controller.
 */
public final class StatefulSetPods {

    /** The label a StatefulSet pod carries its own name in. */
    public static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";

    /** The label a StatefulSet pod carries its ordinal in. */
    public static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private StatefulSetPods() {}

    /** {@code <set>-<ordinal>}. */
    public static String podName(StatefulSet set, int ordinal) {
        return set.getMetadata().getName() + "-" + ordinal;
    }

    /** The pod of {@code ordinal} from {@code revision}'s template, phase Pending. */
    public static Pod newPod(StatefulSet set, StatefulSetRevision revision, int ordinal) {
        PodTemplateSpec template = SERIALIZATION.clone(revision.template());
        ObjectMeta templateMeta =
                template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        String name = podName(set, ordinal);

        Map<String, String> labels = new LinkedHashMap<>();
        if (templateMeta.getLabels() != null) {
            labels.putAll(templateMeta.getLabels());
        }
        labels.put(StatefulSetMember.REVISION_LABEL, revision.name());
        labels.put(POD_NAME_LABEL, name);
        labels.put(POD_INDEX_LABEL, Integer.toString(ordinal));

        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(set.getMetadata().getNamespace());
        meta.setLabels(labels);
        meta.setAnnotations(
                templateMeta.getAnnotations() == null
                        ? null
                        : new HashMap<>(templateMeta.getAnnotations()));
        meta.setFinalizers(templateMeta.getFinalizers());
        meta.setOwnerReferences(List.of(ControllerRefs.controllerRef(set)));

        PodSpec spec = template.getSpec() == null ? new PodSpec() : template.getSpec();
        spec.setHostname(name);
        spec.setSubdomain(set.getSpec().getServiceName());
        spec.setVolumes(volumes(set, ordinal, spec.getVolumes()));

        Pod pod = new Pod();
        pod.setMetadata(meta);
        pod.setSpec(spec);
        // The API server sets this on create; set here too for servers that do not.
        pod.setStatus(new PodStatusBuilder().withPhase("Pending").build());
        return pod;
    }

    /** The claim volumes first, then the template's own volumes of other names. */
    private static List<Volume> volumes(
            StatefulSet set, int ordinal, List<Volume> templateVolumes) {
        List<Volume> volumes = new ArrayList<>();
        List<PersistentVolumeClaim> claims = set.getSpec().getVolumeClaimTemplates();
        List<String> claimNames = new ArrayList<>();
        if (claims != null) {
            for (PersistentVolumeClaim claim : claims) {
                String template = claim.getMetadata().getName();
                claimNames.add(template);
                volumes.add(
                        new VolumeBuilder()
                                .withName(template)
                                .withNewPersistentVolumeClaim()
                                .withClaimName(VolumeClaims.claimName(claim, set, ordinal))
                                .endPersistentVolumeClaim()
                                .build());
            }
        }
        if (templateVolumes != null) {
            templateVolumes.stream()
                    .filter(v -> !claimNames.contains(v.getName()))
                    .forEach(volumes::add);
        }
        return volumes;
    }
}
