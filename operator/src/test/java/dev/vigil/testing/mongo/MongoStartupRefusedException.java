package dev.vigil.testing.mongo;

/**
 * A mongod that would not start, with the exit code and the fatal log message mongod would give: 62
 * when the data files' featureCompatibilityVersion is one its binary does not support ("UPGRADE
 * PROBLEM"), 48 when it cannot listen on its address.
 */
public final class MongoStartupRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** mongod's exit code for data files it cannot run with. */
    public static final int DATA_FILES_INCOMPATIBLE = 62;

    /** mongod's exit code when it cannot listen for connections. */
    public static final int CANNOT_LISTEN = 48;

    private final int exitCode;

    public MongoStartupRefusedException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The exit code of the mongod process. */
    public int exitCode() {
        return exitCode;
    }
}
