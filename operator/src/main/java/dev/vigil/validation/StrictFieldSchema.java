package dev.vigil.validation;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Turns a CRD's structural {@code openAPIV3Schema} into a JSON Schema that rejects unknown fields,
 * as the API server does under strict field validation ({@code kubectl apply --validate=strict},
 * the default since Kubernetes 1.27).
 *
 * <p>In a structural schema an object without {@code additionalProperties} has exactly the listed
 * properties, unless it says {@code x-kubernetes-preserve-unknown-fields: true}; plain JSON Schema
 * allows anything extra, so the copy spells {@code additionalProperties: false} out. The CRD schema
 * also leaves out what every object has: {@code apiVersion}, {@code kind} and {@code metadata},
 * which the API server checks itself; the copy adds them, metadata with the fields of {@link
 * ObjectMeta}, so that a typo such as {@code metadata.lables} is caught too.
 */
final class StrictFieldSchema {

    private static final String PRESERVE_UNKNOWN_FIELDS = "x-kubernetes-preserve-unknown-fields";

    private StrictFieldSchema() {}

    /** A strict copy of {@code openApiSchema}; the argument is not changed. */
    static JsonNode of(JsonNode openApiSchema) {
        ObjectNode root = openApiSchema.deepCopy();
        ObjectNode properties = root.withObjectProperty("properties");
        // The API server takes status only through the status subresource and drops it from
        // whatever is applied to the resource itself, so it is not the user's to get right.
        properties.remove("status");
        properties.putObject("apiVersion").put("type", "string");
        properties.putObject("kind").put("type", "string");
        properties.set("metadata", objectMetaSchema());
        closeObjects(root);
        return root;
    }

    private static void closeObjects(JsonNode schema) {
        if (!(schema instanceof ObjectNode object)) {
            return;
        }
        boolean isObject =
                "object".equals(object.path("type").asText()) || object.has("properties");
        if (isObject
                && !object.has("additionalProperties")
                && !object.path(PRESERVE_UNKNOWN_FIELDS).asBoolean(false)) {
            object.put("additionalProperties", false);
        }
        object.path("properties").forEach(StrictFieldSchema::closeObjects);
        closeObjects(object.path("additionalProperties"));
        closeObjects(object.path("items"));
        for (String combinator : new String[] {"anyOf", "allOf", "oneOf"}) {
            object.path(combinator).forEach(StrictFieldSchema::closeObjects);
        }
    }

    /**
     * Only the names of the metadata fields are checked here: their values are the API server's
     * business, and Vigil's own rules check the name.
     */
    private static ObjectNode objectMetaSchema() {
        ObjectMapper mapper = Serialization.jsonMapper();
        BeanDescription description =
                mapper.getSerializationConfig().introspect(mapper.constructType(ObjectMeta.class));
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        for (BeanPropertyDefinition property : description.findProperties()) {
            properties.putObject(property.getName());
        }
        properties.putObject("name").put("type", "string");
        properties.putObject("namespace").put("type", "string");
        stringMap(properties, "labels");
        stringMap(properties, "annotations");
        schema.put("additionalProperties", false);
        return schema;
    }

    private static void stringMap(ObjectNode properties, String name) {
        ObjectNode map = properties.putObject(name);
        map.put("type", "object");
        map.putObject("additionalProperties").put("type", "string");
    }
}
