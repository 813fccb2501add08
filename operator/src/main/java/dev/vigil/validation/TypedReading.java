package dev.vigil.validation;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Optional;

/**
 * Reads a resource that passed its schema into its Java type, or says which field the type cannot
 * hold. The schemas bound few integers, so {@code failureLimit: 2147483648} passed them and then
 * broke the reading into an {@code Integer}: the validator threw instead of naming the field.
 */
final class TypedReading {

    static final String OUT_OF_RANGE = "is out of range: at most 2147483647";

    private TypedReading() {}

    /** The problem of reading {@code resource} as {@code type}, if any. */
    static Optional<FieldError> problem(JsonNode resource, Class<?> type) {
        try {
            Serialization.jsonMapper().convertValue(resource, type);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            if (!(e.getCause() instanceof JsonMappingException mapping)) {
                throw e;
            }
            StringBuilder field = new StringBuilder();
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                if (reference.getFieldName() != null) {
                    field.append(field.isEmpty() ? "" : ".").append(reference.getFieldName());
                } else if (reference.getIndex() >= 0) {
                    field.append('[').append(reference.getIndex()).append(']');
                }
            }
            String message = mapping.getOriginalMessage();
            String reason =
                    message != null && message.contains("out of range")
                            ? OUT_OF_RANGE
                            : "cannot be read: "
                                    + (message == null
                                            ? "a value of the wrong form"
                                            : message.lines().findFirst().orElse(message));
            return Optional.of(new FieldError(field.toString(), reason));
        }
    }
}
