package dev.vigil.e2e.controllers;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One revision of a StatefulSet's pod template, as the real controller keeps it in a
 * ControllerRevision: named {@code <set>-<hash of the template>}, the value its pods carry in
 * {@code controller-revision-hash} and the set reports as {@code currentRevision} and {@code
 * updateRevision}. Equal templates give the same name, so restoring an old template (a rollback)
 * makes the old revision the update revision again.
 *
 * @param name {@code <set>-<hash>}
 * @param template the pod template of that revision
 */
public record StatefulSetRevision(String name, PodTemplateSpec template) {

    /** The label the real controller puts the hash under on a ControllerRevision. */
    static final String HASH_LABEL = "controller.kubernetes.io/hash";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** The revision of the set's current {@code spec.template}: its update revision. */
    public static StatefulSetRevision of(StatefulSet set) {
        PodTemplateSpec template = set.getSpec().getTemplate();
        return new StatefulSetRevision(
                set.getMetadata().getName() + "-" + TemplateHash.of(template), template);
    }

    /** The hash part of the name. */
    public String hash() {
        return name.substring(name.lastIndexOf('-') + 1);
    }

    /**
     * The ControllerRevision that stores this revision for {@code set}, owned by it, labelled with
     * the set's selector and the hash, its data the template as a replacing patch.
     */
    ControllerRevision toControllerRevision(StatefulSet set, long number) {
        Map<String, String> labels = new HashMap<>();
        if (set.getSpec().getSelector() != null
                && set.getSpec().getSelector().getMatchLabels() != null) {
            labels.putAll(set.getSpec().getSelector().getMatchLabels());
        }
        labels.put(HASH_LABEL, hash());
        @SuppressWarnings("unchecked")
        Map<String, Object> templatePatch =
                new LinkedHashMap<>(SERIALIZATION.convertValue(template, Map.class));
        templatePatch.put("$patch", "replace");
        return new ControllerRevisionBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(set.getMetadata().getNamespace())
                .withLabels(labels)
                .withOwnerReferences(ControllerRefs.controllerRef(set))
                .endMetadata()
                .withData(Map.of("spec", Map.of("template", templatePatch)))
                .withRevision(number)
                .build();
    }

    /** The revision a ControllerRevision stores, when its data holds a pod template. */
    static Optional<StatefulSetRevision> fromControllerRevision(ControllerRevision revision) {
        // The client may read data back as a map or as a generic resource: normalise it.
        Object raw = revision.getData();
        if (raw == null
                || !(SERIALIZATION.convertValue(raw, Map.class) instanceof Map<?, ?> data)
                || !(data.get("spec") instanceof Map<?, ?> spec)
                || !(spec.get("template") instanceof Map<?, ?> template)) {
            return Optional.empty();
        }
        Map<Object, Object> withoutDirective = new LinkedHashMap<>(template);
        withoutDirective.remove("$patch");
        return Optional.of(
                new StatefulSetRevision(
                        revision.getMetadata().getName(),
                        SERIALIZATION.convertValue(withoutDirective, PodTemplateSpec.class)));
    }
}
