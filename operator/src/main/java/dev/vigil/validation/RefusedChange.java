package dev.vigil.validation;

/**
 * A change that Vigil refuses because applying it could lose data.
 *
 * @param conditionReason the reason of the {@code Ready=False} condition that reports it
 * @param error the field and why
 */
public record RefusedChange(String conditionReason, FieldError error) {}
