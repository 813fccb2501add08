package dev.vigil.e2e.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The short hash Kubernetes controllers name revisions after: the StatefulSet controller's
 * ControllerRevision names ({@code <set>-<hash>}, the pods' {@code controller-revision-hash}) and
 * the Deployment controller's {@code pod-template-hash}. Like the real one it is an FNV-32a hash,
 * written as its decimal digits mapped onto the alphabet of {@code rand.SafeEncodeString}, so it
 * has at most 10 characters, none of them a vowel. The real controllers hash the Go structure; this
 * one hashes a canonical JSON form of the object (keys sorted, empty and null values left out, as
 * Go's {@code omitempty} leaves them out), so equal templates always get equal hashes.
 */
public final class TemplateHash {

    /** The characters {@code k8s.io/apimachinery/pkg/util/rand.SafeEncodeString} uses. */
    static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private static final int FNV_OFFSET_BASIS = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TemplateHash() {}

    /** The hash of an object (a pod template), stable across key order and empty fields. */
    public static String of(Object object) {
        return safeEncode(Integer.toUnsignedString(fnv32a(canonicalJson(object))));
    }

    static String canonicalJson(Object object) {
        try {
            JsonNode tree = MAPPER.readTree(SERIALIZATION.asJson(object));
            JsonNode canonical = canonical(tree);
            return MAPPER.writeValueAsString(canonical == null ? MAPPER.nullNode() : canonical);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot serialize " + object, e);
        }
    }

    static int fnv32a(String text) {
        int hash = FNV_OFFSET_BASIS;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    static String safeEncode(String text) {
        StringBuilder encoded = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            encoded.append(SAFE_ALPHABET.charAt((b & 0xff) % SAFE_ALPHABET.length()));
        }
        return encoded.toString();
    }

    /** Sorted keys, no null, no empty object or array: null when nothing is left. */
    private static JsonNode canonical(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                names.add(it.next().getKey());
            }
            Collections.sort(names);
            ObjectNode sorted = MAPPER.createObjectNode();
            for (String name : names) {
                JsonNode value = canonical(node.get(name));
                if (value != null) {
                    sorted.set(name, value);
                }
            }
            return sorted.isEmpty() ? null : sorted;
        }
        if (node.isArray()) {
            ArrayNode array = MAPPER.createArrayNode();
            for (JsonNode element : node) {
                JsonNode value = canonical(element);
                array.add(value == null ? MAPPER.createObjectNode() : value);
            }
            return array.isEmpty() ? null : array;
        }
        return node;
    }
}
