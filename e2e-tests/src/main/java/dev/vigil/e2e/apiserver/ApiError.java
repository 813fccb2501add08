package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A request the API server refuses, with the {@code Status} body, code and reason a real API server
 * answers, so that {@code kubectl} prints the same message and clients see the same error type
 * (NotFound, AlreadyExists, Conflict, Invalid, BadRequest ...).
 */
final class ApiError extends RuntimeException {

    /** One cause of an Invalid status: a field and what is wrong with it. */
    record Cause(String reason, String field, String message) {}

    private final int code;
    private final String reason;
    private final ObjectNode details;

    private ApiError(int code, String reason, String message, ObjectNode details) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.details = details;
    }

    static ApiError notFound(ResourceType type, String name) {
        return new ApiError(
                404,
                "NotFound",
                type.qualifiedPlural() + " \"" + name + "\" not found",
                details(type, name));
    }

    static ApiError namespaceNotFound(String namespace) {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("name", namespace).put("kind", "namespaces");
        return new ApiError(404, "NotFound", "namespaces \"" + namespace + "\" not found", details);
    }

    static ApiError unknownResource() {
        return new ApiError(
                404,
                "NotFound",
                "the server could not find the requested resource",
                JsonNodeFactory.instance.objectNode());
    }

    static ApiError alreadyExists(ResourceType type, String name) {
        return new ApiError(
                409,
                "AlreadyExists",
                type.qualifiedPlural() + " \"" + name + "\" already exists",
                details(type, name));
    }

    static ApiError conflict(ResourceType type, String name) {
        return new ApiError(
                409,
                "Conflict",
                "Operation cannot be fulfilled on "
                        + type.qualifiedPlural()
                        + " \""
                        + name
                        + "\": the object has been modified; please apply your changes to the"
                        + " latest version and try again",
                details(type, name));
    }

    /** 422: {@code Kind.group "name" is invalid: field: message}, one cause per problem. */
    static ApiError invalid(ResourceType type, String name, List<Cause> causes) {
        List<String> texts = causes.stream().map(c -> c.field() + ": " + c.message()).toList();
        String summary = texts.size() == 1 ? texts.get(0) : "[" + String.join(", ", texts) + "]";
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("name", name).put("group", type.group()).put("kind", type.kind());
        ArrayNode causeNodes = details.putArray("causes");
        for (Cause cause : causes) {
            causeNodes
                    .addObject()
                    .put("reason", cause.reason())
                    .put("message", cause.message())
                    .put("field", cause.field());
        }
        return new ApiError(
                422,
                "Invalid",
                type.qualifiedKind() + " \"" + name + "\" is invalid: " + summary,
                details);
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, "BadRequest", message, JsonNodeFactory.instance.objectNode());
    }

    static ApiError unprocessable(String message) {
        return new ApiError(422, "Invalid", message, JsonNodeFactory.instance.objectNode());
    }

    static ApiError unsupportedMediaType(String message) {
        return new ApiError(
                415, "UnsupportedMediaType", message, JsonNodeFactory.instance.objectNode());
    }

    static ApiError methodNotAllowed(String message) {
        return new ApiError(
                405, "MethodNotAllowed", message, JsonNodeFactory.instance.objectNode());
    }

    private static ObjectNode details(ResourceType type, String name) {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("name", name).put("group", type.group()).put("kind", type.plural());
        return details;
    }

    int code() {
        return code;
    }

    String reason() {
        return reason;
    }

    /** The {@code Status} object of this error. */
    ObjectNode status() {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure").put("message", getMessage()).put("reason", reason);
        if (!details.isEmpty()) {
            status.set("details", details);
        }
        status.put("code", code);
        return status;
    }
}
