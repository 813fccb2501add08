package dev.vigil.engine.postgres;

import dev.vigil.engine.DatabaseCommandException;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.DatabaseException;
import dev.vigil.names.DatabaseAddressResolver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PostgresClient} on the PostgreSQL JDBC driver. Each call opens one connection to the
 * member's {@code postgres} database ({@code sslmode=prefer}, or TLS as the credentials' {@link
 * dev.vigil.engine.ClientTls} says, at the socket the {@link DatabaseAddressResolver} gives for the
 * member's DNS name) and closes it before returning, so a rotated password or a deleted database
 * never leaves a connection behind.
 */
public final class JdbcPostgresClient implements PostgresClient {

    /** How long {@link #promote} lets PostgreSQL take to leave recovery. */
    static final int PROMOTE_WAIT_SECONDS = 60;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcPostgresClient.class);

    private final PostgresConnector connector;

    /**
     * @param resolver maps member DNS names to sockets
     * @param timeout to connect and authenticate, and for each reply; {@link #promote} waits up to
     *     a minute longer for its reply
     */
    public JdbcPostgresClient(DatabaseAddressResolver resolver, Duration timeout) {
        this.connector = new PostgresConnector(resolver, timeout);
    }

    @Override
    public PostgresMemberObservation probe(String member, DatabaseCredentials superuser)
            throws DatabaseException {
        try (Connection connection = open(member, superuser, "probe", connector.timeout())) {
            return MemberProbe.probe(member, connection);
        } catch (SQLException e) {
            throw PostgresErrors.translate(member, superuser.username(), "probe", e);
        }
    }

    @Override
    public boolean ensureMonitoringRole(
            String primary, DatabaseCredentials superuser, DatabaseCredentials monitoring)
            throws DatabaseException {
        boolean changed = ensureRole(primary, superuser, LoginRoleSpec.MONITORING, monitoring);
        ensureStatementStatistics(primary, superuser);
        return changed;
    }

    /**
     * Creates the {@code pg_stat_statements} extension where the exporter reads it, in the database
     * it connects to ({@link PostgresExporterTarget}); the library is preloaded by Vigil's {@code
     * postgresql.conf}. Standbys get it through replication.
     */
    private void ensureStatementStatistics(String primary, DatabaseCredentials superuser)
            throws DatabaseException {
        String operation = "creating the pg_stat_statements extension";
        try (Connection connection = open(primary, superuser, operation, connector.timeout())) {
            requirePrimary(primary, connection, operation);
            if (!StatementStatistics.installed(connection)) {
                StatementStatistics.install(connection);
                LOG.info("Created the pg_stat_statements extension on {}", primary);
            }
        } catch (SQLException e) {
            throw PostgresErrors.translate(primary, superuser.username(), operation, e);
        }
    }

    @Override
    public boolean ensureReplicationRole(
            String primary, DatabaseCredentials superuser, DatabaseCredentials replication)
            throws DatabaseException {
        return ensureRole(primary, superuser, LoginRoleSpec.REPLICATION, replication);
    }

    @Override
    public void ensureReplicationSlots(
            String primary, DatabaseCredentials superuser, Set<String> slotNames)
            throws DatabaseException {
        ReplicationSlots.requireValidNames(slotNames);
        String operation = "ensuring replication slots";
        try (Connection connection = open(primary, superuser, operation, connector.timeout())) {
            requirePrimary(primary, connection, operation);
            ReplicationSlots.ensure(primary, connection, slotNames);
        } catch (SQLException e) {
            throw PostgresErrors.translate(primary, superuser.username(), operation, e);
        }
    }

    @Override
    public void promote(String member, DatabaseCredentials superuser) throws DatabaseException {
        String operation = "promotion";
        Duration replyTimeout = connector.timeout().plusSeconds(PROMOTE_WAIT_SECONDS);
        try (Connection connection = open(member, superuser, operation, replyTimeout)) {
            if (!inRecovery(connection)) {
                throw new DatabaseCommandException(
                        "PostgreSQL member "
                                + member
                                + " is not in recovery; only a standby can be promoted");
            }
            try (PreparedStatement statement =
                            connection.prepareStatement("SELECT pg_promote(true, ?)");
                    ResultSet row = bind(statement, PROMOTE_WAIT_SECONDS).executeQuery()) {
                row.next();
                if (!row.getBoolean(1)) {
                    throw new DatabaseCommandException(
                            "PostgreSQL member "
                                    + member
                                    + " did not finish promoting within "
                                    + PROMOTE_WAIT_SECONDS
                                    + " s");
                }
            }
            // The control file names the new timeline only after a checkpoint: pg_rewind of the
            // former primary compares timelines through it.
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT");
            }
            LOG.info("Promoted PostgreSQL member {} to primary", member);
        } catch (SQLException e) {
            throw PostgresErrors.translate(member, superuser.username(), operation, e);
        }
    }

    @Override
    public int fenceWrites(String primary, DatabaseCredentials superuser) throws DatabaseException {
        String operation = "fencing writes";
        try (Connection connection = open(primary, superuser, operation, connector.timeout())) {
            requirePrimary(primary, connection, operation);
            int ended = WriteFence.fence(connection);
            LOG.info(
                    "Fenced writes on PostgreSQL member {}: new transactions are read-only, {}"
                            + " client sessions ended",
                    primary,
                    ended);
            return ended;
        } catch (SQLException e) {
            throw PostgresErrors.translate(primary, superuser.username(), operation, e);
        }
    }

    @Override
    public void unfenceWrites(String primary, DatabaseCredentials superuser)
            throws DatabaseException {
        String operation = "lifting the write fence";
        try (Connection connection = open(primary, superuser, operation, connector.timeout())) {
            WriteFence.unfence(connection);
            LOG.info("Lifted the write fence on PostgreSQL member {}", primary);
        } catch (SQLException e) {
            throw PostgresErrors.translate(primary, superuser.username(), operation, e);
        }
    }

    @Override
    public Lsn checkpointLsn(String primary, DatabaseCredentials superuser)
            throws DatabaseException {
        String operation = "checkpoint";
        try (Connection connection = open(primary, superuser, operation, connector.timeout())) {
            requirePrimary(primary, connection, operation);
            return WriteFence.checkpointLsn(connection);
        } catch (SQLException e) {
            throw PostgresErrors.translate(primary, superuser.username(), operation, e);
        }
    }

    @Override
    public Lsn isolateStandby(String primary, DatabaseCredentials superuser, String keep)
            throws DatabaseException {
        String operation = "isolating the standby to promote";
        try (Connection connection = open(primary, superuser, operation, connector.timeout())) {
            requirePrimary(primary, connection, operation);
            int ended = WriteFence.endReplicationExcept(connection, keep);
            LOG.info(
                    "Ended {} replication connections on PostgreSQL member {} but {}'s",
                    ended,
                    primary,
                    keep);
            return WriteFence.writtenLsn(connection);
        } catch (SQLException e) {
            throw PostgresErrors.translate(primary, superuser.username(), operation, e);
        }
    }

    @Override
    public Lsn writtenLsn(String primary, DatabaseCredentials superuser) throws DatabaseException {
        String operation = "reading the written WAL position";
        try (Connection connection = open(primary, superuser, operation, connector.timeout())) {
            return WriteFence.writtenLsn(connection);
        } catch (SQLException e) {
            throw PostgresErrors.translate(primary, superuser.username(), operation, e);
        }
    }

    @Override
    public Lsn replayLsn(String standby, DatabaseCredentials superuser) throws DatabaseException {
        String operation = "reading the replay position";
        try (Connection connection = open(standby, superuser, operation, connector.timeout())) {
            if (!inRecovery(connection)) {
                throw new DatabaseCommandException(
                        "PostgreSQL member " + standby + " is not in recovery: no replay position");
            }
            return WriteFence.replayLsn(connection)
                    .orElseThrow(
                            () ->
                                    new DatabaseCommandException(
                                            "PostgreSQL member "
                                                    + standby
                                                    + " has replayed no WAL yet"));
        } catch (SQLException e) {
            throw PostgresErrors.translate(standby, superuser.username(), operation, e);
        }
    }

    private boolean ensureRole(
            String primary,
            DatabaseCredentials superuser,
            LoginRoleSpec spec,
            DatabaseCredentials credentials)
            throws DatabaseException {
        if (credentials.username().equals(superuser.username())) {
            throw new IllegalArgumentException(
                    "the "
                            + spec.purpose()
                            + " role cannot be the superuser "
                            + superuser.username()
                            + ": Vigil would take its privileges away");
        }
        String operation = "ensuring the " + spec.purpose() + " role";
        try (Connection connection = open(primary, superuser, operation, connector.timeout())) {
            requirePrimary(primary, connection, operation);
            return LoginRoles.ensure(connection, spec, credentials);
        } catch (SQLException e) {
            throw PostgresErrors.translate(primary, superuser.username(), operation, e);
        }
    }

    /**
     * Opens the connection; the operation only names it in messages. Connection errors surface as
     * {@link SQLException}s, translated by the caller like any other.
     */
    private Connection open(
            String member, DatabaseCredentials credentials, String operation, Duration reply)
            throws SQLException {
        LOG.debug("Connecting to PostgreSQL member {} for {}", member, operation);
        return connector.open(member, credentials, reply);
    }

    private static void requirePrimary(String member, Connection connection, String operation)
            throws SQLException, DatabaseCommandException {
        if (inRecovery(connection)) {
            throw new DatabaseCommandException(
                    "PostgreSQL member "
                            + member
                            + " is a standby (in recovery); "
                            + operation
                            + " needs the primary");
        }
    }

    private static boolean inRecovery(Connection connection) throws SQLException {
        try (PreparedStatement statement =
                        connection.prepareStatement("SELECT pg_is_in_recovery()");
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getBoolean(1);
        }
    }

    private static PreparedStatement bind(PreparedStatement statement, int seconds)
            throws SQLException {
        statement.setInt(1, seconds);
        return statement;
    }
}
