package dev.vigil.engine.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The SQL of a switchover on one connection: fencing writes on the old primary, reading its WAL
 * position after a checkpoint, and a standby's replay position. {@link JdbcPostgresClient} opens
 * the connections and translates the errors.
 */
final class WriteFence {

    // Client backends only: WAL senders must keep streaming to the standby being promoted.
    private static final String TERMINATE_CLIENTS =
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()";

    private WriteFence() {}

    /** Makes new transactions read-only, then ends every other client session. */
    static int fence(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER SYSTEM SET default_transaction_read_only = on");
            statement.execute("SELECT pg_reload_conf()");
            try (ResultSet row = statement.executeQuery(TERMINATE_CLIENTS)) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** Takes the fence down again. */
    static void unfence(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER SYSTEM RESET default_transaction_read_only");
            statement.execute("SELECT pg_reload_conf()");
        }
    }

    /** A checkpoint, then the position up to which WAL has been written. */
    static Lsn checkpointLsn(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
            try (ResultSet row = statement.executeQuery("SELECT pg_current_wal_lsn()::text")) {
                row.next();
                return Lsn.parse(row.getString(1));
            }
        }
    }

    /** The position up to which WAL has been written, without writing any. */
    static Lsn writtenLsn(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            row.next();
            return Lsn.parse(row.getString(1));
        }
    }

    /**
     * Ends the WAL senders of every standby but {@code keep} (its {@code application_name}, the pod
     * name): they reconnect a few seconds later, through the read-write Service, to whichever
     * primary it selects then, so WAL the old primary writes in its last moments reaches no standby
     * the new primary would not have.
     */
    static int endReplicationExcept(Connection connection, String keep) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement(
                        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))"
                                + " FROM pg_stat_replication WHERE application_name <> ?")) {
            statement.setString(1, keep);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** The position a standby replayed up to; empty before it replayed anything. */
    static Optional<Lsn> replayLsn(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT pg_last_wal_replay_lsn()::text")) {
            row.next();
            return Optional.ofNullable(row.getString(1)).map(Lsn::parse);
        }
    }
}
