package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.model.validation.FieldError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the API server does with a custom resource's schema on a create or an update: prune the
 * undeclared fields (refusing them under {@code fieldValidation=Strict}, which kubectl sends),
 * apply defaults, validate the result against the {@code openAPIV3Schema} with the operator's own
 * validator (Vigil's CRDs), and check the {@code self == oldSelf} transition rules (immutable
 * fields). A refusal is the API server's: 400 for unknown fields, 422 Invalid with one cause per
 * field for the rest.
 */
final class SchemaAdmission {

    private static final String VALIDATIONS = "x-kubernetes-validations";

    private SchemaAdmission() {}

    /**
     * Prunes, defaults and checks {@code object} in place; returns the warnings for the client.
     *
     * @param old the stored object on an update, empty on a create
     * @param fieldValidation the request's {@code fieldValidation}: Strict, Warn or Ignore
     * @param statusOnly whether this is a write to the status subresource (spec is not checked)
     */
    static List<String> admit(
            CustomResourceVersion resource,
            ObjectNode object,
            Optional<JsonNode> old,
            String fieldValidation,
            boolean statusOnly) {
        ResourceType type = resource.type();
        String name = object.path("metadata").path("name").asText();
        List<String> warnings = new ArrayList<>();
        if (!resource.schema().isMissingNode()) {
            List<String> unknown = resource.structuralSchema().prune(object);
            if (!unknown.isEmpty()) {
                List<String> texts =
                        unknown.stream().map(f -> "unknown field \"" + f + "\"").toList();
                if ("Strict".equalsIgnoreCase(fieldValidation)) {
                    throw ApiError.badRequest(
                            type.kind()
                                    + " in version \""
                                    + type.version()
                                    + "\" cannot be handled as a "
                                    + type.kind()
                                    + ": strict decoding error: "
                                    + String.join(", ", texts));
                }
                if (!"Ignore".equalsIgnoreCase(fieldValidation)) {
                    warnings.addAll(texts);
                }
            }
            resource.structuralSchema().applyDefaults(object);
        }
        if (statusOnly) {
            return warnings;
        }
        List<ApiError.Cause> causes = new ArrayList<>();
        resource.validator()
                .ifPresent(
                        validator -> {
                            for (FieldError error : validator.validate(object)) {
                                if (!error.reason().equals("unknown field")) {
                                    causes.add(cause(error, object));
                                }
                            }
                        });
        old.ifPresent(
                stored -> checkTransitionRules(resource.schema(), object, stored, "", causes));
        if (!causes.isEmpty()) {
            throw ApiError.invalid(type, name, causes);
        }
        return warnings;
    }

    /** The API server's wording for one problem the operator's validator found. */
    static ApiError.Cause cause(FieldError error, JsonNode object) {
        String reason = error.reason();
        if (reason.equals("is required")) {
            return new ApiError.Cause("FieldValueRequired", error.field(), "Required value");
        }
        JsonNode value = valueAt(object, error.field());
        if (reason.startsWith("must be one of [") && reason.endsWith("]")) {
            List<String> allowed = new ArrayList<>();
            for (String option : reason.substring(16, reason.length() - 1).split(", ")) {
                allowed.add("\"" + option + "\"");
            }
            return new ApiError.Cause(
                    "FieldValueNotSupported",
                    error.field(),
                    "Unsupported value: "
                            + printed(value)
                            + ": supported values: "
                            + String.join(", ", allowed));
        }
        return new ApiError.Cause(
                "FieldValueInvalid",
                error.field(),
                "Invalid value: " + printed(value) + ": " + reason);
    }

    private static void checkTransitionRules(
            JsonNode schema,
            JsonNode value,
            JsonNode old,
            String path,
            List<ApiError.Cause> causes) {
        for (JsonNode rule : schema.path(VALIDATIONS)) {
            if (rule.path("rule").asText().replace(" ", "").equals("self==oldSelf")
                    && !old.isMissingNode()
                    && !value.isMissingNode()
                    && !value.equals(old)) {
                causes.add(
                        new ApiError.Cause(
                                "FieldValueInvalid",
                                path,
                                "Invalid value: \""
                                        + schema.path("type").asText("object")
                                        + "\": "
                                        + rule.path("message").asText("Invalid value")));
            }
        }
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String child = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
            checkTransitionRules(
                    property.getValue(),
                    value.path(property.getKey()),
                    old.path(property.getKey()),
                    child,
                    causes);
        }
    }

    private static JsonNode valueAt(JsonNode object, String dottedPath) {
        JsonNode node = object;
        for (String step : dottedPath.split("\\.")) {
            int bracket = step.indexOf('[');
            node = node.path(bracket < 0 ? step : step.substring(0, bracket));
            while (bracket >= 0) {
                int close = step.indexOf(']', bracket);
                node = node.path(Integer.parseInt(step.substring(bracket + 1, close)));
                bracket = step.indexOf('[', close);
            }
        }
        return node;
    }

    /** A value as the API server quotes it in a message. */
    private static String printed(JsonNode value) {
        if (value.isTextual()) {
            return value.toString();
        }
        if (value.isObject()) {
            return "\"object\"";
        }
        if (value.isArray()) {
            return "\"array\"";
        }
        return value.isMissingNode() ? "\"null\"" : value.toString();
    }
}
