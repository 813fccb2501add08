package dev.vigil.monitoring.promql;

/**
 * Thrown inside the checker at the first problem found; {@link PromQlSyntax} turns it into a {@link
 * PromQlError}.
 */
final class PromQlException extends RuntimeException {

    private final int position;

    PromQlException(int position, String message) {
        super(message, null, false, false);
        this.position = position;
    }

    int position() {
        return position;
    }

    PromQlError toError() {
        return new PromQlError(position, getMessage());
    }
}
