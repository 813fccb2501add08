package dev.vigil.engine.postgres;

import dev.vigil.engine.DatabaseCommandException;

/**
 * A PostgreSQL member refused a statement. Carries the SQLSTATE, so callers can tell a condition
 * (say {@code 55006}, object in use) from a real failure without parsing text.
 */
public class PostgresCommandException extends DatabaseCommandException {

    private static final long serialVersionUID = 1L;

    private final String sqlState;

    /**
     * @param message says which member refused what; carries the server's primary message, never
     *     the statement
     * @param sqlState the five-character SQLSTATE, empty when the driver gave none
     * @param cause the driver's exception
     */
    public PostgresCommandException(String message, String sqlState, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState == null ? "" : sqlState;
    }

    /** The SQLSTATE, e.g. {@code 42501} for insufficient privilege; empty when unknown. */
    public String sqlState() {
        return sqlState;
    }
}
