package dev.vigil.monitoring.promql;

import java.util.regex.Pattern;

/**
 * One label matcher of a selector, e.g. {@code job=~"db-.*"}.
 *
 * @param name the label name
 * @param op one of {@link TokenType#EQL}, {@link TokenType#NEQ}, {@link TokenType#EQL_REGEX},
 *     {@link TokenType#NEQ_REGEX}
 * @param value the unquoted value
 * @param regex the compiled, fully anchored regular expression for the regex operators, else null
 */
record LabelMatcher(String name, TokenType op, String value, Pattern regex) {

    /** Whether a series without this label (i.e. with the empty value) would match. */
    boolean matchesEmpty() {
        return switch (op) {
            case EQL -> value.isEmpty();
            case NEQ -> !value.isEmpty();
            case EQL_REGEX -> regex.matcher("").matches();
            case NEQ_REGEX -> !regex.matcher("").matches();
            default -> throw new IllegalStateException("not a match operator: " + op);
        };
    }
}
