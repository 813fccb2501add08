package dev.vigil.engine.postgres;

import dev.vigil.engine.DatabaseAuthenticationException;
import dev.vigil.engine.DatabaseException;
import dev.vigil.engine.DatabaseUnreachableException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Set;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns the driver's exceptions into Vigil's by SQLSTATE, so status can give the right reason.
 * Messages name the member, the user and the operation and carry only the server's primary message,
 * never a statement, so a password verifier sent in {@code ALTER ROLE} cannot end up in them.
 */
final class PostgresErrors {

    private static final Set<String> UNAVAILABLE =
            Set.of(
                    SqlStates.ADMIN_SHUTDOWN,
                    SqlStates.CRASH_SHUTDOWN,
                    SqlStates.CANNOT_CONNECT_NOW);

    private PostgresErrors() {}

    /**
     * @param member {@code host:port} of the member called
     * @param user the role Vigil authenticated as
     * @param operation what Vigil was doing, e.g. {@code probe}
     */
    static DatabaseException translate(
            String member, String user, String operation, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals(SqlStates.INVALID_PASSWORD)
                || state.equals(SqlStates.INVALID_AUTHORIZATION)) {
            return new DatabaseAuthenticationException(
                    "PostgreSQL member "
                            + member
                            + " refused the credentials of user "
                            + user
                            + " (SQLSTATE "
                            + state
                            + ")",
                    e);
        }
        if (state.startsWith(SqlStates.CONNECTION_EXCEPTION_CLASS)
                || UNAVAILABLE.contains(state)
                || hasNetworkCause(e)) {
            return new DatabaseUnreachableException(
                    "PostgreSQL member "
                            + member
                            + " did not answer "
                            + operation
                            + ": "
                            + reason(e)
                            + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"),
                    e);
        }
        return new PostgresCommandException(
                "PostgreSQL member "
                        + member
                        + " refused "
                        + operation
                        + ": "
                        + serverMessage(e)
                        + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"),
                state,
                e);
    }

    private static boolean hasNetworkCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause's type, e.g. ConnectException: short enough for a status condition. */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root == e && e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            return psql.getServerErrorMessage().getMessage();
        }
        return root.getClass().getSimpleName();
    }

    private static String serverMessage(SQLException e) {
        if (e instanceof PSQLException psql) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            if (server != null && server.getMessage() != null) {
                return server.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }
}
