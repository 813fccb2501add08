package dev.vigil.testing.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.google.re2j.Pattern;
import dev.vigil.api.SchemaDefaults;
import dev.vigil.validation.CrdSchemaValidator;
import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code openAPIV3Schema} of one of Vigil's CRDs, as bundled in the jar, read to know what a
 * place in a document must hold: the generators ask it what a mutation breaks, and the properties
 * whether an error names a field the schema defines.
 */
public final class CrdSchema {

    private static final String PRESERVE = "x-kubernetes-preserve-unknown-fields";
    private static final String INT_OR_STRING = "x-kubernetes-int-or-string";
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** What the metadata of every object may hold, as far as the offline validator knows it. */
    private static final Set<String> METADATA_STRING_MAPS = Set.of("labels", "annotations");

    private final JsonNode root;

    private CrdSchema(JsonNode root) {
        this.root = root;
    }

    public static CrdSchema monitoredDatabase() {
        return new CrdSchema(
                SchemaDefaults.openApiSchema(CrdSchemaValidator.MONITORED_DATABASE_CRD));
    }

    public static CrdSchema alertPolicy() {
        return new CrdSchema(SchemaDefaults.openApiSchema(CrdSchemaValidator.ALERT_POLICY_CRD));
    }

    /** What the schema says of one place. */
    public sealed interface Place {}

    /** A place the schema describes with {@code node}. */
    public record Typed(JsonNode node) implements Place {}

    /** Anything goes: below {@code x-kubernetes-preserve-unknown-fields}, or metadata's own. */
    public record Open() implements Place {}

    /** A place the schema does not have: an unknown field. */
    public record Unknown() implements Place {}

    /** The schema of {@code path}. */
    public Place at(FieldPath path) {
        if (path.isRoot()) {
            return new Typed(root);
        }
        Object first = path.elements().get(0);
        if ("apiVersion".equals(first) || "kind".equals(first)) {
            return path.elements().size() == 1 ? new Typed(stringSchema()) : new Unknown();
        }
        if ("metadata".equals(first)) {
            return metadata(path);
        }
        JsonNode node = root;
        for (Object element : path.elements()) {
            if (node.path(PRESERVE).asBoolean(false) && !node.has("properties")) {
                return new Open();
            }
            if (element instanceof Integer) {
                if (!node.has("items")) {
                    return new Unknown();
                }
                node = node.get("items");
            } else if (node.path("properties").has((String) element)) {
                node = node.get("properties").get((String) element);
            } else if (node.path("additionalProperties").isObject()) {
                node = node.get("additionalProperties");
            } else if (node.path(PRESERVE).asBoolean(false)) {
                return new Open();
            } else {
                return new Unknown();
            }
        }
        return new Typed(node);
    }

    private Place metadata(FieldPath path) {
        int size = path.elements().size();
        if (size == 1) {
            return new Typed(Json.object("type", "object"));
        }
        Object field = path.elements().get(1);
        if ("name".equals(field) || "namespace".equals(field)) {
            return size == 2 ? new Typed(stringSchema()) : new Unknown();
        }
        if (METADATA_STRING_MAPS.contains(field)) {
            if (size == 2) {
                return new Typed(
                        Json.object("type", "object", "additionalProperties", stringSchema()));
            }
            return size == 3 ? new Typed(stringSchema()) : new Unknown();
        }
        return new Open();
    }

    /** Whether {@code path} is a field this schema defines, or one below an open place. */
    public boolean defines(FieldPath path) {
        return !(at(path) instanceof Unknown);
    }

    /** Whether {@code path}'s parent declares it required. */
    public boolean required(FieldPath path) {
        if (path.isRoot() || !(path.last() instanceof String key)) {
            return false;
        }
        return at(path.parent()) instanceof Typed parent
                && contains(parent.node().path("required"), key);
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode element : array) {
            if (element.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** Whether objects at {@code path} take only the fields the schema lists. */
    public boolean closedObject(FieldPath path) {
        return at(path) instanceof Typed typed
                && !typed.node().path(PRESERVE).asBoolean(false)
                && !typed.node().path("additionalProperties").isObject()
                && ("object".equals(typed.node().path("type").asText())
                        || typed.node().has("properties"));
    }

    /**
     * Whether the API server must refuse {@code value} at {@code path} on the schema alone: a type,
     * an enum, a bound, a pattern or a length it breaks. Empty when the schema allows it or cannot
     * tell (an open place; a value Vigil's rules may still refuse).
     */
    public Optional<String> refusal(FieldPath path, JsonNode value) {
        Place place = at(path);
        if (place instanceof Unknown) {
            return Optional.of("unknown field");
        }
        if (!(place instanceof Typed typed)) {
            return Optional.empty();
        }
        JsonNode schema = typed.node();
        if (value == null || value.isNull()) {
            // The API server prunes a null of a field that is not nullable: it reads as unset.
            return Optional.empty();
        }
        if (schema.path(INT_OR_STRING).asBoolean(false)) {
            if (value.isTextual()) {
                return Optional.empty();
            }
            if (!value.isIntegralNumber()) {
                return Optional.of("not an integer or a string");
            }
            return outsideInt64(value) ? Optional.of("beyond int64") : Optional.empty();
        }
        String type = schema.path("type").asText("");
        if (type.isEmpty()) {
            return Optional.empty();
        }
        if (!hasType(value, type)) {
            return Optional.of("not a " + type);
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                Optional<String> item = refusal(path.index(i), value.get(i));
                if (item.isPresent()) {
                    return item;
                }
            }
        }
        if (value.isObject()) {
            for (var it = value.fields(); it.hasNext(); ) {
                var field = it.next();
                Optional<String> inner = refusal(path.child(field.getKey()), field.getValue());
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        if (value.isIntegralNumber() && outsideInt64(value)) {
            return Optional.of("beyond int64");
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value.asText())) {
            return Optional.of("not in the enum");
        }
        if (value.isNumber()
                && schema.has("minimum")
                && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
            return Optional.of("below the minimum");
        }
        if (value.isNumber()
                && schema.has("maximum")
                && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
            return Optional.of("above the maximum");
        }
        if (value.isTextual()
                && schema.has("pattern")
                && !Pattern.compile(schema.get("pattern").asText())
                        .matcher(value.asText())
                        .find()) {
            return Optional.of("does not match the pattern");
        }
        if (value.isTextual()
                && schema.has("minLength")
                && value.asText().codePointCount(0, value.asText().length())
                        < schema.get("minLength").asInt()) {
            return Optional.of("too short");
        }
        return Optional.empty();
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.getNodeType() == JsonNodeType.OBJECT;
            case "array" -> value.isArray();
            default -> true;
        };
    }

    private static boolean outsideInt64(JsonNode value) {
        BigInteger number = value.bigIntegerValue();
        return number.compareTo(INT64_MIN) < 0 || number.compareTo(INT64_MAX) > 0;
    }

    private static JsonNode stringSchema() {
        return Json.object("type", "string");
    }
}
