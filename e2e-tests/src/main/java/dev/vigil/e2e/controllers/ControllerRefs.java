package dev.vigil.e2e.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;

/** Controller owner references, as {@code metav1.NewControllerRef} writes and reads them. */
final class ControllerRefs {

    private ControllerRefs() {}

    /** An owner reference to {@code owner} with {@code controller} and blockOwnerDeletion. */
    static OwnerReference controllerRef(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    /** Whether {@code object}'s controller is {@code owner} (same UID). */
    static boolean isControlledBy(HasMetadata object, HasMetadata owner) {
        return controllerUid(object) != null
                && controllerUid(object).equals(owner.getMetadata().getUid());
    }

    /** The UID of the object's controller, or null. */
    static String controllerUid(HasMetadata object) {
        List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
        if (refs == null) {
            return null;
        }
        return refs.stream()
                .filter(r -> Boolean.TRUE.equals(r.getController()))
                .map(OwnerReference::getUid)
                .findFirst()
                .orElse(null);
    }
}
