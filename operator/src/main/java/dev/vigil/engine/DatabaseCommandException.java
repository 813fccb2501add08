package dev.vigil.engine;

/** The database answered, but refused a command (the message carries its error code and text). */
public class DatabaseCommandException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    public DatabaseCommandException(String message, Throwable cause) {
        super(message, cause);
    }

    public DatabaseCommandException(String message) {
        super(message);
    }
}
