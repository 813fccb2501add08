package dev.vigil.engine;

/** The database refused Vigil's credentials. */
public class DatabaseAuthenticationException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    public DatabaseAuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
