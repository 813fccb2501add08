package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the API server does to a custom resource with a CRD's structural {@code openAPIV3Schema}
 * before it validates and stores it: it prunes the fields the schema does not declare (unless
 * {@code x-kubernetes-preserve-unknown-fields}), drops {@code null}s the schema does not allow, and
 * fills in {@code default}s, only where the parent object is present.
 */
final class StructuralSchema {

    private static final String PRESERVE_UNKNOWN_FIELDS = "x-kubernetes-preserve-unknown-fields";
    private static final String EMBEDDED_RESOURCE = "x-kubernetes-embedded-resource";
    private static final Set<String> OBJECT_ENVELOPE = Set.of("apiVersion", "kind", "metadata");

    private final JsonNode schema;

    StructuralSchema(JsonNode openApiV3Schema) {
        this.schema = openApiV3Schema;
    }

    /**
     * Removes from {@code object} the fields the schema does not declare and the {@code null}s it
     * does not allow, and returns the dotted paths of the unknown fields removed (what {@code
     * fieldValidation=Strict} rejects), e.g. {@code spec.replicaz}.
     */
    List<String> prune(ObjectNode object) {
        List<String> unknown = new ArrayList<>();
        pruneObject(object, schema, "", true, unknown);
        return unknown;
    }

    /** Fills in the schema's defaults in {@code object}, as the API server does on every write. */
    void applyDefaults(ObjectNode object) {
        defaults(object, schema);
    }

    private static void prune(JsonNode node, JsonNode schema, String path, List<String> unknown) {
        if (node instanceof ObjectNode object) {
            pruneObject(
                    object, schema, path, schema.path(EMBEDDED_RESOURCE).asBoolean(false), unknown);
        } else if (node instanceof ArrayNode array && schema.has("items")) {
            for (int i = 0; i < array.size(); i++) {
                prune(array.get(i), schema.get("items"), path + "[" + i + "]", unknown);
            }
        }
    }

    private static void pruneObject(
            ObjectNode object,
            JsonNode schema,
            String path,
            boolean envelope,
            List<String> unknown) {
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        boolean preserve = schema.path(PRESERVE_UNKNOWN_FIELDS).asBoolean(false);
        List<String> removed = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            String fieldPath = path.isEmpty() ? name : path + "." + name;
            if (envelope && OBJECT_ENVELOPE.contains(name)) {
                continue;
            }
            JsonNode fieldSchema =
                    properties.has(name)
                            ? properties.get(name)
                            : additional.isObject() ? additional : null;
            if (fieldSchema == null) {
                if (!preserve && !additional.asBoolean(false)) {
                    removed.add(name);
                    unknown.add(fieldPath);
                }
            } else if (field.getValue().isNull()
                    && !fieldSchema.path("nullable").asBoolean(false)) {
                removed.add(name);
            } else {
                prune(field.getValue(), fieldSchema, fieldPath, unknown);
            }
        }
        object.remove(removed);
    }

    private static void defaults(JsonNode node, JsonNode schema) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
            while (properties.hasNext()) {
                Map.Entry<String, JsonNode> property = properties.next();
                JsonNode propertySchema = property.getValue();
                if (!object.has(property.getKey()) && propertySchema.has("default")) {
                    object.set(property.getKey(), propertySchema.get("default").deepCopy());
                }
                if (object.has(property.getKey())) {
                    defaults(object.get(property.getKey()), propertySchema);
                }
            }
            JsonNode additional = schema.path("additionalProperties");
            if (additional.isObject()) {
                object.forEach(value -> defaults(value, additional));
            }
        } else if (node instanceof ArrayNode array && schema.has("items")) {
            array.forEach(element -> defaults(element, schema.get("items")));
        }
    }
}
