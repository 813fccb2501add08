package dev.vigil.engine;

/** A call to a database failed. Subclasses say why, so status can give the right reason. */
public class DatabaseException extends Exception {

    private static final long serialVersionUID = 1L;

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    public DatabaseException(String message) {
        super(message);
    }
}
