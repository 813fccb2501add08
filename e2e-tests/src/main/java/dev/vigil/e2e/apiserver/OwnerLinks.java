package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reading and editing an object's {@code metadata.ownerReferences}. */
final class OwnerLinks {

    private OwnerLinks() {}

    /** The uids of the owners {@code object} names. */
    static List<String> ownerUids(JsonNode object) {
        List<String> uids = new ArrayList<>();
        object.path("metadata")
                .path("ownerReferences")
                .forEach(ref -> uids.add(ref.path("uid").asText()));
        return uids;
    }

    /** Removes the references to {@code ownerUid}; returns whether there was one. */
    static boolean remove(ObjectNode object, String ownerUid) {
        return removeAll(object, Set.of(ownerUid));
    }

    /** Removes the references to any of {@code ownerUids}; returns whether there was one. */
    static boolean removeAll(ObjectNode object, Set<String> ownerUids) {
        JsonNode references = object.path("metadata").path("ownerReferences");
        if (!references.isArray()) {
            return false;
        }
        ArrayNode kept = ((ObjectNode) object.get("metadata")).arrayNode();
        references.forEach(
                ref -> {
                    if (!ownerUids.contains(ref.path("uid").asText())) {
                        kept.add(ref);
                    }
                });
        if (kept.size() == references.size()) {
            return false;
        }
        ObjectNode metadata = (ObjectNode) object.get("metadata");
        if (kept.isEmpty()) {
            metadata.remove("ownerReferences");
        } else {
            metadata.set("ownerReferences", kept);
        }
        return true;
    }
}
