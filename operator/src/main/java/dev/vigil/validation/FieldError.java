package dev.vigil.validation;

/**
 * One problem in a resource.
 *
 * @param field dotted path of the field, e.g. {@code spec.storage.size}
 * @param reason why the value is refused, for people
 */
public record FieldError(String field, String reason) {}
