package dev.vigil.testing.mongo;

import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A MongoDB replica set whose members start and stop one by one, each on the socket its caller
 * gives, as the pods of a StatefulSet come and go. Each member runs a binary version and starts on
 * data files ({@link MongoNodeData}) that its caller keeps with the member's volume; the set shares
 * the configuration, member states and, once initiated, the replicated users and
 * featureCompatibilityVersion. Members speak the same commands as {@link MongoReplicaSetDouble}.
 *
 * <p>Unlike that double, the set elects: a stopped primary's set elects another after the election
 * timeout (if a majority is up), a restarted member comes back as a SECONDARY, a stepped-down
 * primary is not electable for its step-down period. A stopped member refuses connections, and the
 * others report it with health 0. A member whose binary does not support the FCV it would find
 * refuses to start, as mongod does.
 */
public final class DynamicMongoReplicaSet {

    private final ReplicaSetState replicaSet;
    private final Map<String, MongoServer> running = new HashMap<>();

    /**
     * @param replicaSetName the {@code --replSet} name every member is started with
     * @param clock the clock behind {@code localTime}, optimes, uptimes and elections
     * @param electionTimeout how long the set goes without a primary before it elects one (10 s in
     *     MongoDB; tests may want less)
     */
    public DynamicMongoReplicaSet(String replicaSetName, Clock clock, Duration electionTimeout) {
        this.replicaSet =
                new ReplicaSetState(
                        replicaSetName, MongoMemberState.SECONDARY, clock, electionTimeout);
    }

    /** The {@code --replSet} name. */
    public String name() {
        return replicaSet.setName();
    }

    /**
     * Starts a member's mongod.
     *
     * @param member the member's {@code host:port}, as the replica-set configuration names it
     * @param bind the socket it listens on
     * @param data the data files it starts on
     * @param binary the version of its binary
     * @throws MongoStartupRefusedException when mongod would exit instead: the FCV it would find is
     *     not one its binary supports, or it cannot listen on {@code bind}
     */
    public synchronized RunningMongoMember start(
            String member, InetSocketAddress bind, MongoNodeData data, MongoBinaryVersion binary)
            throws MongoStartupRefusedException {
        if (running.containsKey(member)) {
            throw new IllegalStateException("member " + member + " is already running");
        }
        String fcv = replicaSet.featureCompatibilityVersionOnStart(member, data);
        if (!binary.supports(fcv)) {
            throw new MongoStartupRefusedException(
                    MongoStartupRefusedException.DATA_FILES_INCOMPATIBLE,
                    "UPGRADE PROBLEM: Found an invalid featureCompatibilityVersion document"
                            + " (ERROR: Location4926900: Invalid featureCompatibilityVersion"
                            + " document in admin.system.version: { _id:"
                            + " \"featureCompatibilityVersion\", version: \""
                            + fcv
                            + "\" } :: caused by :: Invalid feature compatibility version value '"
                            + fcv
                            + "'; expected one of "
                            + binary.supportedFeatureCompatibilityVersions()
                            + "). mongod "
                            + binary
                            + " cannot start on these data files.");
        }
        replicaSet.memberStarted(member, data, binary);
        MongoServer server = new MongoServer(new MemberBackend(member, replicaSet));
        try {
            server.bind(bind.getHostString(), bind.getPort());
        } catch (RuntimeException e) {
            server.shutdownNow();
            replicaSet.memberStopped(member);
            throw new MongoStartupRefusedException(
                    MongoStartupRefusedException.CANNOT_LISTEN,
                    "Failed to set up listener on " + bind + ": " + e.getMessage());
        }
        running.put(member, server);
        return new RunningMongoMember(this, member, server);
    }

    /** Whether the member's mongod is running. */
    public synchronized boolean isRunning(String member) {
        return running.containsKey(member);
    }

    /** The configuration, once initiated. */
    public Optional<ConfigSnapshot> config() {
        return replicaSet.config();
    }

    /** The set's featureCompatibilityVersion, once initiated. */
    public Optional<String> featureCompatibilityVersion() {
        return replicaSet.replicatedData().map(MongoNodeData::featureCompatibilityVersion);
    }

    /** The replicated users of the {@code admin} database, once initiated. */
    public List<UserSnapshot> users() {
        return replicaSet.replicatedData().map(d -> d.users().snapshots()).orElse(List.of());
    }

    /** Whether {@code password} is the replicated password of {@code name} on {@code admin}. */
    public boolean passwordMatches(String name, String password) {
        return replicaSet
                .replicatedData()
                .flatMap(d -> d.users().credential(name, "admin"))
                .map(c -> c.matches(password))
                .orElse(false);
    }

    /** Whether {@code server} is the member's running mongod. */
    synchronized boolean isRunning(String member, MongoServer server) {
        return running.get(member) == server;
    }

    /**
     * Stops {@code server}, the member's mongod: its listener and connections close. Idempotent,
     * and a no-op once the member runs another mongod.
     */
    synchronized void stop(String member, MongoServer server) {
        if (running.get(member) == server) {
            running.remove(member);
            server.shutdownNow();
            replicaSet.memberStopped(member);
        }
    }
}
