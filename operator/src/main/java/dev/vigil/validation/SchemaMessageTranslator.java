package dev.vigil.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites json-schema-validator's messages into {@link FieldError}s that read like the API
 * server's: a dotted field path and a plain reason.
 */
final class SchemaMessageTranslator {

    private SchemaMessageTranslator() {}

    /**
     * One error per problem, in the order found. The library reports a value that fits none of the
     * alternatives of an {@code anyOf} (an int-or-string quantity, say) once per alternative; those
     * are merged into one "must be an integer or a string".
     */
    static List<FieldError> toFieldErrors(Collection<ValidationMessage> messages) {
        Map<String, List<String>> alternativesByField = new LinkedHashMap<>();
        for (ValidationMessage message : messages) {
            if (isAlternativeType(message)) {
                alternativesByField
                        .computeIfAbsent(
                                dottedPath(message.getInstanceLocation()),
                                field -> new ArrayList<>())
                        .add(withArticle(message.getSchemaNode().asText()));
            }
        }
        Set<FieldError> errors = new LinkedHashSet<>();
        for (ValidationMessage message : messages) {
            if (isAlternativeType(message)) {
                String field = dottedPath(message.getInstanceLocation());
                errors.add(
                        new FieldError(
                                field,
                                "must be " + String.join(" or ", alternativesByField.get(field))));
            } else {
                errors.add(toFieldError(message));
            }
        }
        return List.copyOf(errors);
    }

    private static boolean isAlternativeType(ValidationMessage message) {
        return "type".equals(message.getType()) && message.getEvaluationPath().contains("anyOf");
    }

    private static FieldError toFieldError(ValidationMessage message) {
        String location = dottedPath(message.getInstanceLocation());
        JsonNode keywordValue = message.getSchemaNode();
        return switch (message.getType()) {
            case "required" ->
                    new FieldError(child(location, message.getProperty()), "is required");
            case "additionalProperties" ->
                    new FieldError(child(location, message.getProperty()), "unknown field");
            case "enum" -> new FieldError(location, "must be one of " + texts(keywordValue));
            case "minimum" -> new FieldError(location, "must be at least " + number(keywordValue));
            case "maximum" -> new FieldError(location, "must be at most " + number(keywordValue));
            case "pattern" ->
                    new FieldError(location, "does not match pattern " + keywordValue.asText());
            case "type" ->
                    new FieldError(
                            location,
                            "must be "
                                    + withArticle(keywordValue.asText())
                                    + ", not "
                                    + withArticle(typeOf(message.getInstanceNode())));
            case "anyOf" -> new FieldError(location, "must be " + alternatives(keywordValue));
            default -> new FieldError(location, withoutLocation(message));
        };
    }

    /** {@code $.spec.analysis[1].query} as {@code spec.analysis[1].query}. */
    static String dottedPath(JsonNodePath path) {
        StringBuilder dotted = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (element instanceof Integer index) {
                dotted.append('[').append(index).append(']');
            } else {
                if (!dotted.isEmpty()) {
                    dotted.append('.');
                }
                dotted.append(element);
            }
        }
        return dotted.toString();
    }

    private static String child(String location, String property) {
        return location.isEmpty() ? property : location + "." + property;
    }

    private static String texts(JsonNode values) {
        List<String> texts = new ArrayList<>();
        values.forEach(value -> texts.add(value.asText()));
        return texts.toString();
    }

    /** Bounds are stored as {@code 1.0} in the CRD; a user wrote and expects {@code 1}. */
    private static String number(JsonNode value) {
        return value.decimalValue().stripTrailingZeros().toPlainString();
    }

    /** The alternatives of an int-or-string field and similar: "an integer or a string". */
    private static String alternatives(JsonNode schemas) {
        List<String> types = new ArrayList<>();
        schemas.forEach(schema -> types.add(withArticle(schema.path("type").asText("value"))));
        return String.join(" or ", types);
    }

    private static String typeOf(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String withArticle(String type) {
        return switch (type) {
            case "null" -> "null";
            case "integer", "array", "object" -> "an " + type;
            default -> "a " + type;
        };
    }

    /** The library's own wording, for keywords the CRDs do not use yet. */
    private static String withoutLocation(ValidationMessage message) {
        String text = message.getMessage();
        int separator = text.indexOf(": ");
        return separator >= 0 ? text.substring(separator + 2) : text;
    }
}
