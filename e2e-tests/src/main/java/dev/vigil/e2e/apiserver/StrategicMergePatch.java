package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Strategic merge patch ({@code application/strategic-merge-patch+json}), what {@code kubectl
 * apply} and {@code kubectl edit} send for built-in kinds. Objects merge as in a JSON merge patch;
 * lists whose Kubernetes type declares a merge key ({@code containers}, {@code env}, {@code
 * volumes}, {@code ports} ...) merge element by element on that key, lists of strings declared
 * {@code merge} ({@code finalizers}) take the union, and other lists are replaced.
 *
 * <p>Directives: {@code $patch: replace} and {@code $patch: delete} on a map or a list element,
 * {@code $retainKeys}, {@code $deleteFromPrimitiveList/<field>}; {@code $setElementOrder/<field>}
 * is accepted and ignored (elements keep the server's order, new ones go last). The merge keys come
 * from the field name alone, not from the object's Go type as on a real server: that is right for
 * every list Vigil and kubectl touch, but a custom field reusing one of these names would merge too
 * (custom resources never take this patch type, so it matters only for built-in kinds).
 */
final class StrategicMergePatch {

    private static final String PATCH_DIRECTIVE = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

    /** Lists of objects merged by a key, by field name. */
    private static final Map<String, String> MERGE_KEYS =
            Map.ofEntries(
                    Map.entry("containers", "name"),
                    Map.entry("initContainers", "name"),
                    Map.entry("ephemeralContainers", "name"),
                    Map.entry("volumes", "name"),
                    Map.entry("env", "name"),
                    Map.entry("imagePullSecrets", "name"),
                    Map.entry("volumeMounts", "mountPath"),
                    Map.entry("volumeDevices", "devicePath"),
                    Map.entry("hostAliases", "ip"),
                    Map.entry("ownerReferences", "uid"),
                    Map.entry("conditions", "type"),
                    Map.entry("topologySpreadConstraints", "topologyKey"),
                    Map.entry("resourceClaims", "name"),
                    Map.entry("schedulingGates", "name"));

    /** Lists of strings whose patch strategy is {@code merge}. */
    private static final Set<String> MERGED_PRIMITIVE_LISTS = Set.of("finalizers");

    private StrategicMergePatch() {}

    /** The result of applying {@code patch} to {@code target}; neither argument is changed. */
    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            throw new IllegalArgumentException("a strategic merge patch must be a JSON object");
        }
        ObjectNode base =
                target != null && target.isObject()
                        ? ((ObjectNode) target).deepCopy()
                        : ((ObjectNode) patch).objectNode();
        return mergeObject(base, (ObjectNode) patch);
    }

    private static JsonNode mergeObject(ObjectNode target, ObjectNode patch) {
        String directive = patch.path(PATCH_DIRECTIVE).asText("");
        if (directive.equals("replace")) {
            ObjectNode replacement = patch.deepCopy();
            replacement.remove(PATCH_DIRECTIVE);
            return withoutDirectives(replacement);
        }
        if (directive.equals("delete")) {
            return null;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                removeValues(target, key.substring(DELETE_FROM_PRIMITIVE_LIST.length()), value);
            } else if (key.startsWith("$")) {
                continue;
            } else if (value.isNull()) {
                target.remove(key);
            } else {
                JsonNode merged = mergeField(key, target.get(key), value);
                if (merged == null) {
                    target.remove(key);
                } else {
                    target.set(key, merged);
                }
            }
        }
        if (patch.has(RETAIN_KEYS)) {
            Set<String> retained = new HashSet<>();
            patch.get(RETAIN_KEYS).forEach(name -> retained.add(name.asText()));
            target.retain(retained);
        }
        return target;
    }

    private static JsonNode mergeField(String name, JsonNode current, JsonNode patch) {
        if (patch.isObject()) {
            ObjectNode base =
                    current != null && current.isObject()
                            ? (ObjectNode) current
                            : ((ObjectNode) patch).objectNode();
            return mergeObject(base, (ObjectNode) patch);
        }
        if (patch.isArray()) {
            return mergeList(name, current, (ArrayNode) patch);
        }
        return patch.deepCopy();
    }

    private static JsonNode mergeList(String name, JsonNode current, ArrayNode patch) {
        Optional<String> mergeKey = mergeKey(name, patch, current);
        if (isReplaceDirective(patch)) {
            return withoutDirectiveElements(patch);
        }
        if (mergeKey.isPresent() && current != null && current.isArray()) {
            return mergeByKey((ArrayNode) current.deepCopy(), patch, mergeKey.get());
        }
        if (MERGED_PRIMITIVE_LISTS.contains(name) && current != null && current.isArray()) {
            ArrayNode union = (ArrayNode) current.deepCopy();
            patch.forEach(
                    value -> {
                        if (!contains(union, value)) {
                            union.add(value.deepCopy());
                        }
                    });
            return union;
        }
        return withoutDirectiveElements(patch);
    }

    private static ArrayNode mergeByKey(ArrayNode current, ArrayNode patch, String key) {
        for (JsonNode element : patch) {
            if (!element.isObject() || element.has(PATCH_DIRECTIVE) && !element.has(key)) {
                continue;
            }
            int index = indexOf(current, key, element.get(key));
            if ("delete".equals(element.path(PATCH_DIRECTIVE).asText())) {
                if (index >= 0) {
                    current.remove(index);
                }
            } else if (index >= 0) {
                current.set(
                        index, mergeObject((ObjectNode) current.get(index), (ObjectNode) element));
            } else {
                current.add(withoutDirectives(((ObjectNode) element).deepCopy()));
            }
        }
        return current;
    }

    private static Optional<String> mergeKey(String name, ArrayNode patch, JsonNode current) {
        if (name.equals("ports")) {
            // Container ports merge on containerPort, Service ports on port.
            boolean containerPorts =
                    hasField(patch, "containerPort")
                            || current != null && hasField(current, "containerPort");
            return Optional.of(containerPorts ? "containerPort" : "port");
        }
        return Optional.ofNullable(MERGE_KEYS.get(name));
    }

    private static boolean hasField(JsonNode list, String field) {
        for (JsonNode element : list) {
            if (element.has(field)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isReplaceDirective(ArrayNode patch) {
        for (JsonNode element : patch) {
            if (element.isObject()
                    && element.size() == 1
                    && "replace".equals(element.path(PATCH_DIRECTIVE).asText())) {
                return true;
            }
        }
        return false;
    }

    private static ArrayNode withoutDirectiveElements(ArrayNode list) {
        ArrayNode copy = list.arrayNode();
        for (JsonNode element : list) {
            if (element.isObject() && element.size() == 1 && element.has(PATCH_DIRECTIVE)) {
                continue;
            }
            copy.add(
                    element.isObject()
                            ? withoutDirectives(((ObjectNode) element).deepCopy())
                            : element);
        }
        return copy;
    }

    private static ObjectNode withoutDirectives(ObjectNode object) {
        List<String> directives = new ArrayList<>();
        object.fieldNames()
                .forEachRemaining(
                        name -> {
                            if (name.startsWith("$")) {
                                directives.add(name);
                            }
                        });
        object.remove(directives);
        object.forEach(
                value -> {
                    if (value.isObject()) {
                        withoutDirectives((ObjectNode) value);
                    } else if (value.isArray()) {
                        value.forEach(
                                element -> {
                                    if (element.isObject()) {
                                        withoutDirectives((ObjectNode) element);
                                    }
                                });
                    }
                });
        return object;
    }

    private static void removeValues(ObjectNode target, String field, JsonNode values) {
        JsonNode list = target.get(field);
        if (list == null || !list.isArray()) {
            return;
        }
        ArrayNode kept = target.arrayNode();
        list.forEach(
                value -> {
                    if (!contains(values, value)) {
                        kept.add(value);
                    }
                });
        target.set(field, kept);
    }

    private static int indexOf(ArrayNode list, String key, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).path(key).equals(value)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(JsonNode list, JsonNode value) {
        for (JsonNode element : list) {
            if (element.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
