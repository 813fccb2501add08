package dev.vigil.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Fills in the defaults written in the generated CRD schema, so the Java code never repeats a
 * default value: the {@code @Default} annotations of the API types are the only place they live.
 *
 * <p>Unlike the API server, which defaults a field only when its parent object is present, this
 * also fills objects that are absent but have defaults below them: builders then see one fully
 * defaulted spec. The result is only read; Vigil never writes it back to the custom resource.
 */
public final class SchemaDefaults {

    /** Where the build bundles the generated CRDs inside the jar. */
    public static final String CRD_RESOURCE_DIR = "META-INF/vigil/crds/";

    private static final SchemaDefaults MONITORED_DATABASE =
            forCrd("monitoreddatabases.vigil.dev-v1.yml");
    private static final SchemaDefaults ALERT_POLICY = forCrd("alertpolicies.vigil.dev-v1.yml");

    private final JsonNode openApiSchema;

    private SchemaDefaults(JsonNode openApiSchema) {
        this.openApiSchema = openApiSchema;
    }

    /** A defaulted deep copy of {@code database}; the argument is not changed. */
    public static MonitoredDatabase withDefaults(MonitoredDatabase database) {
        return MONITORED_DATABASE.apply(database, MonitoredDatabase.class);
    }

    /** A defaulted deep copy of {@code policy}; the argument is not changed. */
    public static AlertPolicy withDefaults(AlertPolicy policy) {
        return ALERT_POLICY.apply(policy, AlertPolicy.class);
    }

    /** The {@code openAPIV3Schema} of a bundled CRD file. */
    public static JsonNode openApiSchema(String crdFileName) {
        return bundledCrd(crdFileName)
                .path("spec")
                .path("versions")
                .path(0)
                .path("schema")
                .path("openAPIV3Schema");
    }

    /** A whole bundled CRD file (names, printer columns and schema). */
    public static JsonNode bundledCrd(String crdFileName) {
        String path = CRD_RESOURCE_DIR + crdFileName;
        try (InputStream in = SchemaDefaults.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("CRD not bundled in the jar: " + path);
            }
            return Serialization.yamlMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static SchemaDefaults forCrd(String crdFileName) {
        return new SchemaDefaults(openApiSchema(crdFileName));
    }

    private <T extends HasMetadata> T apply(T resource, Class<T> type) {
        JsonNode tree = Serialization.jsonMapper().valueToTree(resource);
        fill(tree, openApiSchema);
        return Serialization.jsonMapper().convertValue(tree, type);
    }

    private static void fill(JsonNode node, JsonNode schema) {
        if (node instanceof ObjectNode object) {
            fillObject(object, schema);
        } else if (node instanceof ArrayNode array && schema.has("items")) {
            array.forEach(item -> fill(item, schema.get("items")));
        }
    }

    private static void fillObject(ObjectNode object, JsonNode schema) {
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String name = property.getKey();
            JsonNode propertySchema = property.getValue();
            if (!object.hasNonNull(name)) {
                if (propertySchema.has("default")) {
                    object.set(name, propertySchema.get("default").deepCopy());
                } else if (hasDefaultsBelow(propertySchema)) {
                    object.putObject(name);
                }
            }
            if (object.hasNonNull(name)) {
                fill(object.get(name), propertySchema);
            }
        }
        JsonNode additional = schema.path("additionalProperties");
        if (additional.isObject()) {
            object.forEach(value -> fill(value, additional));
        }
    }

    private static boolean hasDefaultsBelow(JsonNode schema) {
        if (!"object".equals(schema.path("type").asText())) {
            return false;
        }
        for (JsonNode propertySchema : schema.path("properties")) {
            if (propertySchema.has("default") || hasDefaultsBelow(propertySchema)) {
                return true;
            }
        }
        return false;
    }
}
