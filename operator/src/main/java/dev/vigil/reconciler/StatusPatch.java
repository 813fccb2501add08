package dev.vigil.reconciler;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Writes the status of one of Vigil's custom resources, the same way for every reconciler: only
 * when it changed; by server-side apply of a fresh object that carries nothing but what identifies
 * the resource and the status, so Vigil never writes spec or metadata it does not own; and into
 * JOSDK's cache ({@link PrimaryUpdateAndCacheUtils}), so that the next pass starts from the status
 * written here even before the watch reports it.
 */
final class StatusPatch {

    private StatusPatch() {}

    /**
     * Writes {@code status} to {@code resource} if it differs from the status it has.
     *
     * @param empty makes an empty resource of the kind
     * @return whether a write was sent
     */
    static <S, R extends CustomResource<?, S>> boolean write(
            R resource, S status, Context<R> context, Supplier<R> empty) {
        if (same(resource.getStatus(), status)) {
            return false;
        }
        R patch = empty.get();
        patch.setMetadata(
                new ObjectMetaBuilder()
                        .withName(resource.getMetadata().getName())
                        .withNamespace(resource.getMetadata().getNamespace())
                        .build());
        patch.setStatus(status);
        PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(resource, patch, context);
        return true;
    }

    private static boolean same(Object before, Object after) {
        return before != null
                && Objects.equals(
                        Serialization.jsonMapper().valueToTree(before),
                        Serialization.jsonMapper().valueToTree(after));
    }
}
