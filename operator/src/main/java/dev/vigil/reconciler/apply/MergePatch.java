package dev.vigil.reconciler.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON merge patch (RFC 7386) of a desired object onto the actual one, done locally: objects merge
 * field by field, lists and values are replaced, and fields the desired object does not set are
 * kept. The status is never touched.
 */
final class MergePatch {

    private MergePatch() {}

    /** {@code actual} with every field of {@code desired} merged in; neither argument changes. */
    @SuppressWarnings("unchecked")
    static <T extends HasMetadata> T apply(T actual, HasMetadata desired) {
        ObjectNode target = Serialization.jsonMapper().valueToTree(actual);
        ObjectNode patch = Serialization.jsonMapper().valueToTree(desired);
        patch.remove("status");
        merge(target, patch);
        return (T) Serialization.jsonMapper().convertValue(target, actual.getClass());
    }

    private static void merge(ObjectNode target, ObjectNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (field.getValue().isObject() && existing != null && existing.isObject()) {
                merge((ObjectNode) existing, (ObjectNode) field.getValue());
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }
}
