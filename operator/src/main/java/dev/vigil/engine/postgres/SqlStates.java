package dev.vigil.engine.postgres;

/** The SQLSTATEs Vigil tells apart (PostgreSQL manual, appendix A). */
final class SqlStates {

    /** Class 08, connection exception: refused, broken, timed out, unknown host. */
    static final String CONNECTION_EXCEPTION_CLASS = "08";

    /** invalid_authorization_specification: no {@code pg_hba.conf} entry, unknown role. */
    static final String INVALID_AUTHORIZATION = "28000";

    /** invalid_password. */
    static final String INVALID_PASSWORD = "28P01";

    /** admin_shutdown: the server is shutting down. */
    static final String ADMIN_SHUTDOWN = "57P01";

    /** crash_shutdown: the server is restarting after a crash. */
    static final String CRASH_SHUTDOWN = "57P02";

    /** cannot_connect_now: the server is starting up or in recovery without hot standby. */
    static final String CANNOT_CONNECT_NOW = "57P03";

    /** duplicate_object: a role or slot created concurrently. */
    static final String DUPLICATE_OBJECT = "42710";

    /** undefined_object: a slot dropped concurrently. */
    static final String UNDEFINED_OBJECT = "42704";

    /** object_in_use: a slot that became active before it could be dropped. */
    static final String OBJECT_IN_USE = "55006";

    private SqlStates() {}
}
