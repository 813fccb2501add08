package dev.vigil.monitoring.promql;

/**
 * One lexed token.
 *
 * @param type its kind
 * @param text the source text (for {@link TokenType#ERROR}, the error message)
 * @param position the 0-based character offset where it starts
 */
record Token(TokenType type, String text, int position) {

    /** How error messages name this token, e.g. {@code identifier "foo"} or {@code ")"}. */
    String describe() {
        return switch (type) {
            case EOF -> "end of input";
            case IDENTIFIER, METRIC_IDENTIFIER, NUMBER, DURATION, STRING ->
                    type.description() + " " + quoted();
            default -> type.description();
        };
    }

    private String quoted() {
        String shown = text.length() > 20 ? text.substring(0, 20) + "..." : text;
        return type == TokenType.STRING ? shown : "\"" + shown + "\"";
    }
}
