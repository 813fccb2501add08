package dev.vigil.engine.mongodb;

import dev.vigil.engine.DatabaseCommandException;

/**
 * A MongoDB member answered a command with {@code ok: 0}. Carries the server's error code and code
 * name, so callers can tell "not initiated yet" (94) from a real failure without parsing text.
 */
public class MongoCommandRejectedException extends DatabaseCommandException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String codeName;

    /**
     * @param member {@code host:port} of the member that answered
     * @param command the command's name
     * @param code MongoDB's error code
     * @param codeName MongoDB's error code name, may be empty
     * @param errmsg the server's error message
     * @param cause the driver's exception
     */
    public MongoCommandRejectedException(
            String member,
            String command,
            int code,
            String codeName,
            String errmsg,
            Throwable cause) {
        super(
                "MongoDB member "
                        + member
                        + " rejected "
                        + command
                        + ": "
                        + errmsg
                        + " (code "
                        + code
                        + (codeName == null || codeName.isEmpty() ? "" : " " + codeName)
                        + ")",
                cause);
        this.code = code;
        this.codeName = codeName == null ? "" : codeName;
    }

    /** MongoDB's numeric error code, e.g. 94 for NotYetInitialized. */
    public int code() {
        return code;
    }

    /**
     * MongoDB's error code name, e.g. {@code NotYetInitialized}; empty when the server sent none.
     */
    public String codeName() {
        return codeName;
    }
}
