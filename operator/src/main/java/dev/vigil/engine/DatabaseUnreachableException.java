package dev.vigil.engine;

/** The database did not answer: connection refused, timed out, or name not resolved. */
public class DatabaseUnreachableException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    public DatabaseUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
