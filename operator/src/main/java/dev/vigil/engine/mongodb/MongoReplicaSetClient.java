package dev.vigil.engine.mongodb;

import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.DatabaseException;
import java.util.List;
import java.util.Optional;

/**
 * Every call Vigil makes to a MongoDB replica set. The operator uses {@link
 * DriverMongoReplicaSetClient}; tests use it against a wire-protocol double.
 *
 * <p>Members are named by their stable addresses ({@code host:port}, the pods' headless-Service DNS
 * names); the implementation maps them to sockets through a {@code DatabaseAddressResolver}.
 */
public interface MongoReplicaSetClient {

    /**
     * Brings the replica set one step closer to {@code desiredMembers} and reports what it sees.
     *
     * <p>When the set is not initiated yet, initiates it with all desired members (through the
     * first one). When it is initiated with other members, reconfigures it, adding or removing at
     * most one voting member per call, as MongoDB requires; callers call again until {@link
     * ReplicaSetObservation#converged(List)}. When the member to remove is the primary, which
     * cannot remove itself, the call asks it to step down instead ({@link
     * ReplicaSetObservation.Action#PRIMARY_STEPPED_DOWN}) and a later call removes it. Calling it
     * on a converged set changes nothing.
     *
     * @param replicaSetName the {@code --replSet} name
     * @param desiredMembers {@code host:port} of every member, in ordinal order
     * @param admin credentials of a user allowed to run replica-set commands
     */
    ReplicaSetObservation converge(
            String replicaSetName, List<String> desiredMembers, DatabaseCredentials admin)
            throws DatabaseException;

    /**
     * Asks the primary to step down, so that another member (caught up within MongoDB's catch-up
     * period) is elected; a refusal (no electable secondary caught up) stands, and the caller asks
     * again later.
     *
     * @param replicaSetName the {@code --replSet} name, for the log
     * @param members {@code host:port} of every member; the primary among them steps down
     * @param admin credentials of a user allowed to run replica-set commands
     * @return the member elected, if one already is
     */
    Optional<String> stepDownPrimary(
            String replicaSetName, List<String> members, DatabaseCredentials admin)
            throws DatabaseException;

    /**
     * Makes sure the exporter's least-privilege user exists with this password and exactly the
     * roles {@code clusterMonitor} on {@code admin} and {@code read} on {@code local}; creates or
     * updates it through the primary. Idempotent.
     *
     * @param members {@code host:port} of every member; the primary among them is used
     */
    void ensureMonitoringUser(
            List<String> members, DatabaseCredentials admin, DatabaseCredentials monitoring)
            throws DatabaseException;

    /**
     * The replica set's featureCompatibilityVersion, read on the primary with {@code getParameter:
     * 1, featureCompatibilityVersion: 1}.
     *
     * @param members {@code host:port} of every member; the primary among them is asked
     */
    FeatureCompatibilityVersion featureCompatibilityVersion(
            List<String> members, DatabaseCredentials admin) throws DatabaseException;

    /**
     * Sets the replica set's featureCompatibilityVersion on the primary ({@code
     * setFeatureCompatibilityVersion}, with {@code confirm: true} from 7.0 on, where MongoDB
     * requires it). Once raised, binaries of the older version no longer start on the data.
     *
     * @param members {@code host:port} of every member; the primary among them is used
     * @param version the major.minor to set, e.g. {@code 7.0}
     */
    void setFeatureCompatibilityVersion(
            List<String> members, DatabaseCredentials admin, String version)
            throws DatabaseException;

    /**
     * The databases that hold data, read on the primary ({@code listDatabases}): every one but
     * {@code admin}, {@code config} and {@code local}, which every replica set has.
     *
     * @param members {@code host:port} of every member; the primary among them is asked
     */
    List<String> userDatabases(List<String> members, DatabaseCredentials admin)
            throws DatabaseException;
}
