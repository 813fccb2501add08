package dev.vigil.names;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/** Owner references that make Kubernetes garbage-collect an object with its custom resource. */
public final class OwnerReferences {

    private OwnerReferences() {}

    /**
     * A controller reference to {@code owner} ({@code controller} and {@code blockOwnerDeletion}
     * true). When the owner has no uid yet, as in offline rendering, the uid is left out rather
     * than invented: the API server fills nothing in, but an invented uid would be worse, since the
     * garbage collector would delete the object as orphaned.
     */
    public static OwnerReference controllerOf(HasMetadata owner) {
        String uid = owner.getMetadata().getUid();
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(uid == null || uid.isEmpty() ? null : uid)
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }
}
