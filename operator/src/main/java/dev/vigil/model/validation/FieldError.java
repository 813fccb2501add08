package dev.vigil.model.validation;

import java.util.Objects;

/**
 * One problem in a custom resource, in the words a user can act on.
 *
 * @param field where the problem is, as a dotted path from the resource root, with list indexes in
 *     brackets: {@code spec.storage.size}, {@code spec.healthGate.analysis[1].query}
 * @param reason what is wrong, as a phrase that reads after the field name: "is required", "must be
 *     at most 7"
 */
public record FieldError(String field, String reason) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code field: reason}, the form used in CLI output and in status messages. */
    public String message() {
        return field + ": " + reason;
    }
}
