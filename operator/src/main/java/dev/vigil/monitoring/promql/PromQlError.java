package dev.vigil.monitoring.promql;

/**
 * Why a PromQL expression is invalid.
 *
 * @param position the 0-based character offset in the expression where the problem was found
 * @param message a plain description, e.g. {@code unexpected ")" at 14: expected an expression}
 */
public record PromQlError(int position, String message) {}
