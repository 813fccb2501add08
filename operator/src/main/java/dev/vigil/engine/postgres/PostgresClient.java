package dev.vigil.engine.postgres;

import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.DatabaseException;
import java.util.Set;

/**
 * Every call Vigil makes to PostgreSQL. The operator uses {@link JdbcPostgresClient}; tests use it
 * against real local servers.
 *
 * <p>Members are named by their stable addresses ({@code host:port}, the pods' headless-Service DNS
 * names; without a port, 5432); the implementation maps them to sockets through a {@code
 * DatabaseAddressResolver}. Every call authenticates as the given superuser and fails with {@code
 * DatabaseUnreachableException} when the member does not answer, {@code
 * DatabaseAuthenticationException} when it refuses the credentials, and {@code
 * DatabaseCommandException} when it refuses a statement. No password ever appears in a message.
 */
public interface PostgresClient {

    /**
     * Reads a member's version and role and, for its role, the state of replication. Writes
     * nothing.
     */
    PostgresMemberObservation probe(String member, DatabaseCredentials superuser)
            throws DatabaseException;

    /**
     * Makes sure the exporter's role exists as {@code LOGIN} with this password, is a member of
     * exactly {@code pg_monitor} (without admin option) and has no other privilege: not superuser,
     * no {@code CREATEDB}, {@code CREATEROLE}, {@code REPLICATION} or {@code BYPASSRLS}, no expiry.
     * Creates it, or repairs what differs; writes nothing when it already matches. The password is
     * sent only as a SCRAM-SHA-256 verifier computed here.
     *
     * @return whether anything was written: the role created, or its password, attributes or
     *     memberships set back to these
     * @param primary the primary ({@code host:port}); a standby is refused
     * @throws IllegalArgumentException when {@code monitoring} names the superuser
     * @throws DatabaseException as for every call; a {@code DatabaseCommandException} when {@code
     *     primary} is a standby
     */
    boolean ensureMonitoringRole(
            String primary, DatabaseCredentials superuser, DatabaseCredentials monitoring)
            throws DatabaseException;

    /**
     * Makes sure the standbys' role exists as {@code LOGIN REPLICATION} with this password, a
     * member of no role and with no other privilege; otherwise as {@link #ensureMonitoringRole}.
     *
     * @param primary the primary ({@code host:port}); a standby is refused
     * @return whether anything was written
     * @throws IllegalArgumentException when {@code replication} names the superuser
     */
    boolean ensureReplicationRole(
            String primary, DatabaseCredentials superuser, DatabaseCredentials replication)
            throws DatabaseException;

    /**
     * Makes sure the primary has a physical replication slot, reserving WAL, for each of {@code
     * slotNames}, and drops the slots named {@code vigil_*} that are not wanted and not in use.
     * Slots with other names are never dropped. Idempotent.
     *
     * @param primary the primary ({@code host:port}); a standby is refused
     * @param slotNames names of 1 to 63 characters of lower-case letters, digits and underscores
     * @throws IllegalArgumentException when a name is not a valid slot name
     * @throws DatabaseException as for every call; a {@code DatabaseCommandException} when a wanted
     *     name is taken by a logical slot
     */
    void ensureReplicationSlots(
            String primary, DatabaseCredentials superuser, Set<String> slotNames)
            throws DatabaseException;

    /**
     * Promotes a standby to primary and waits up to a minute for it to accept writes.
     *
     * @param member the standby ({@code host:port})
     * @throws DatabaseException as for every call; a {@code DatabaseCommandException} when {@code
     *     member} is not in recovery, or did not finish promoting within the minute
     */
    void promote(String member, DatabaseCredentials superuser) throws DatabaseException;

    /**
     * Fences writes on a primary ahead of a switchover: new transactions default to read-only
     * ({@code ALTER SYSTEM SET default_transaction_read_only = on} and a configuration reload),
     * then every other client session is ended, so nothing started before the fence can commit
     * later. WAL senders and background processes are left alone. The setting stays until {@link
     * #unfenceWrites} or until the member is rebuilt from another's configuration (pg_rewind).
     *
     * @param primary the primary ({@code host:port}); a standby is refused
     * @return how many client sessions were ended
     */
    int fenceWrites(String primary, DatabaseCredentials superuser) throws DatabaseException;

    /**
     * Undoes {@link #fenceWrites}: {@code ALTER SYSTEM RESET default_transaction_read_only} and a
     * reload. Idempotent.
     */
    void unfenceWrites(String primary, DatabaseCredentials superuser) throws DatabaseException;

    /**
     * Runs a {@code CHECKPOINT} on the primary, then reads its current WAL position: once a standby
     * has replayed up to it, it holds every transaction the primary committed before.
     *
     * @param primary the primary ({@code host:port}); a standby is refused
     */
    Lsn checkpointLsn(String primary, DatabaseCredentials superuser) throws DatabaseException;

    /**
     * The old primary's last step before a switchover promotes {@code keep}: ends the replication
     * connections of the other standbys, and says up to where WAL has been written now.
     *
     * @param keep the application name (pod name) of the standby to be promoted
     */
    Lsn isolateStandby(String primary, DatabaseCredentials superuser, String keep)
            throws DatabaseException;

    /** Where the primary has written WAL up to now ({@code pg_current_wal_lsn()}). */
    Lsn writtenLsn(String primary, DatabaseCredentials superuser) throws DatabaseException;

    /**
     * The WAL position a standby has replayed up to ({@code pg_last_wal_replay_lsn()}).
     *
     * @param standby the standby ({@code host:port})
     * @throws DatabaseException as for every call; a {@code DatabaseCommandException} when {@code
     *     standby} is not in recovery, or has replayed nothing
     */
    Lsn replayLsn(String standby, DatabaseCredentials superuser) throws DatabaseException;
}
