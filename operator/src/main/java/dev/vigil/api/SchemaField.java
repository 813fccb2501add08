package dev.vigil.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * One property of an OpenAPI v3 schema, as the reference shows it: its type (linked when it has a
 * section or is a type documented elsewhere), its default, and its validation in words.
 *
 * <p>Paths name a property from the root, e.g. {@code spec.healthGate.analysis[].query}: {@code []}
 * steps into the items of a list, {@code .*} into the values of a map.
 */
record SchemaField(String name, String path, JsonNode schema, boolean required) {

    /** The validation rule that makes a field immutable once set. */
    static final String IMMUTABLE_RULE = "self == oldSelf";

    /** Whether a schema is an object with its own fields, documented in a section of its own. */
    static boolean hasOwnSection(JsonNode schema) {
        return "object".equals(schema.path("type").asText())
                && !schema.path("properties").isEmpty();
    }

    /** The Type cell: words for scalars and containers, links for objects. */
    String type(Map<String, TypeLink> embeddedTypes) {
        return typeOf(schema, path, embeddedTypes);
    }

    private static String typeOf(JsonNode schema, String path, Map<String, TypeLink> embedded) {
        TypeLink link = embedded.get(path);
        String type = schema.path("type").asText();
        if (link != null) {
            String linked = Markdown.link(link.name(), link.url());
            return switch (type) {
                case "array" -> "list of " + linked;
                case "object" -> mapValues(schema) == null ? linked : "map of " + linked;
                default -> linked;
            };
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            return "integer or string";
        }
        if (hasOwnSection(schema)) {
            return Markdown.link("object", "#" + Markdown.anchor(path));
        }
        return switch (type) {
            case "array" -> "list of " + typeOf(schema.path("items"), path + "[]", embedded);
            case "object" -> {
                JsonNode values = mapValues(schema);
                yield values == null ? "object" : "map of " + typeOf(values, path + ".*", embedded);
            }
            case "" ->
                    schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()
                            ? "object (any fields)"
                            : "any";
            default ->
                    schema.has("format") ? type + " (" + schema.get("format").asText() + ")" : type;
        };
    }

    /** The schema of a map's values, or null when the schema is not a map. */
    static JsonNode mapValues(JsonNode schema) {
        JsonNode values = schema.path("additionalProperties");
        return values.isObject() ? values : null;
    }

    /** The Default cell: the value as written in the schema, or empty. */
    String defaultValue() {
        JsonNode value = schema.get("default");
        if (value == null) {
            return "";
        }
        return Markdown.code(value.isValueNode() ? value.asText() : value.toString());
    }

    /**
     * Validation in words, one sentence each, in a fixed order. An object with a section of its own
     * carries its rules there instead.
     */
    List<String> constraints() {
        if (hasOwnSection(schema)) {
            return List.of();
        }
        List<String> notes = new ArrayList<>(constraintsOf(schema));
        if (schema.has("items") && !hasOwnSection(schema.get("items"))) {
            constraintsOf(schema.get("items"))
                    .forEach(note -> notes.add("Each item: " + lowerFirst(note)));
        }
        return notes;
    }

    /** Validation of one schema node (not of its items), one sentence each. */
    static List<String> constraintsOf(JsonNode schema) {
        List<String> notes = new ArrayList<>();
        if (schema.has("enum")) {
            notes.add("One of " + codeList(schema.get("enum")) + ".");
        }
        range(schema, "minimum", "maximum", "").ifPresent(notes::add);
        range(schema, "minLength", "maxLength", " length").ifPresent(notes::add);
        range(schema, "minItems", "maxItems", " items").ifPresent(notes::add);
        if (schema.has("pattern")) {
            notes.add("Must match " + Markdown.code(schema.get("pattern").asText()) + ".");
        }
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            notes.add(validationRule(rule));
        }
        return notes;
    }

    /** "Minimum `1`, maximum `7`." and the like; {@code what} qualifies the bound. */
    private static Optional<String> range(
            JsonNode schema, String minKey, String maxKey, String what) {
        List<String> bounds = new ArrayList<>();
        if (schema.has(minKey)) {
            bounds.add("minimum" + what + " " + Markdown.code(number(schema.get(minKey))));
        }
        if (schema.has(maxKey)) {
            bounds.add("maximum" + what + " " + Markdown.code(number(schema.get(maxKey))));
        }
        if (bounds.isEmpty()) {
            return Optional.empty();
        }
        String sentence = String.join(", ", bounds);
        return Optional.of(
                sentence.substring(0, 1).toUpperCase(Locale.ROOT) + sentence.substring(1) + ".");
    }

    private static String validationRule(JsonNode rule) {
        String expression = rule.path("rule").asText();
        String message = rule.path("message").asText("");
        String rejected =
                message.isEmpty()
                        ? ""
                        : ": a change is rejected with \"" + Markdown.text(message) + "\"";
        if (IMMUTABLE_RULE.equals(expression.trim())) {
            return "Immutable" + rejected + ".";
        }
        String otherwise =
                message.isEmpty()
                        ? ""
                        : "; otherwise rejected with \"" + Markdown.text(message) + "\"";
        // A rule between fields names the one it refuses, relative to the object it is on.
        String fieldPath = rule.path("fieldPath").asText("");
        String field = fieldPath.startsWith(".") ? fieldPath.substring(1) : fieldPath;
        String on = field.isEmpty() ? "" : " (on " + Markdown.code(field) + ")";
        return "Must satisfy " + Markdown.code(expression) + otherwise + on + ".";
    }

    private static String lowerFirst(String sentence) {
        return sentence.substring(0, 1).toLowerCase(Locale.ROOT) + sentence.substring(1);
    }

    private static String number(JsonNode value) {
        return value.isNumber()
                ? new BigDecimal(value.asText()).stripTrailingZeros().toPlainString()
                : value.asText();
    }

    private static String codeList(JsonNode values) {
        return StreamSupport.stream(values.spliterator(), false)
                .map(value -> Markdown.code(value.asText()))
                .collect(Collectors.joining(", "));
    }
}
