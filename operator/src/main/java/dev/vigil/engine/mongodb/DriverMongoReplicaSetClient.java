package dev.vigil.engine.mongodb;

import dev.vigil.engine.DatabaseCommandException;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.DatabaseException;
import dev.vigil.engine.DatabaseUnreachableException;
import dev.vigil.engine.mongodb.ReplicaSetObservation.Action;
import dev.vigil.names.DatabaseAddressResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MongoReplicaSetClient} on {@code mongodb-driver-sync}. Each call opens direct connections
 * to the members it needs (SCRAM-SHA-256 against {@code admin}, at the socket the {@link
 * DatabaseAddressResolver} gives for the member's DNS name) and closes them before returning.
 */
public final class DriverMongoReplicaSetClient implements MongoReplicaSetClient {

    /** The databases every replica set has, which hold no user data. */
    private static final Set<String> SYSTEM_DATABASES = Set.of("admin", "config", "local");

    /** Replica-set commands can take seconds on a real set (elections, reconfig quorum checks). */
    static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);

    /**
     * How long a primary that steps down so it can be removed stays ineligible: long enough for the
     * next pass to remove it, short enough that a set left alone can elect it again.
     */
    static final int STEP_DOWN_SECONDS = 60;

    /**
     * How long the primary waits for an electable secondary to catch up before it gives up stepping
     * down (MongoDB's default); the command timeout has to outlast it.
     */
    static final int SECONDARY_CATCH_UP_SECONDS = 10;

    /** The first major version whose setFeatureCompatibilityVersion requires confirm: true. */
    static final int CONFIRM_FROM_MAJOR = 7;

    private static final Logger LOG = LoggerFactory.getLogger(DriverMongoReplicaSetClient.class);
    private static final String ADMIN_DATABASE = "admin";

    private final DatabaseAddressResolver resolver;
    private final ClientTimeouts timeouts;

    /**
     * @param resolver maps member DNS names to sockets
     * @param timeout how long to wait to connect to a member and find it; command replies may take
     *     up to {@link #DEFAULT_COMMAND_TIMEOUT} or this timeout, whichever is longer
     */
    public DriverMongoReplicaSetClient(DatabaseAddressResolver resolver, Duration timeout) {
        this(resolver, timeout, max(timeout, DEFAULT_COMMAND_TIMEOUT));
    }

    /**
     * @param resolver maps member DNS names to sockets
     * @param connectTimeout how long to wait to connect to a member and find it
     * @param commandTimeout how long to wait for a command's reply
     */
    public DriverMongoReplicaSetClient(
            DatabaseAddressResolver resolver, Duration connectTimeout, Duration commandTimeout) {
        this.resolver = resolver;
        this.timeouts = new ClientTimeouts(connectTimeout, commandTimeout);
    }

    @Override
    public ReplicaSetObservation converge(
            String replicaSetName, List<String> desiredMembers, DatabaseCredentials admin)
            throws DatabaseException {
        if (desiredMembers.isEmpty()) {
            throw new IllegalArgumentException("a replica set needs at least one member");
        }
        try (MemberConnections connections = new MemberConnections(resolver, admin, timeouts)) {
            SetDiscovery discovery = discover(replicaSetName, desiredMembers, connections);
            if (discovery.answer().isEmpty()) {
                return initiate(replicaSetName, desiredMembers, connections);
            }
            return reconcileMembers(
                    replicaSetName, desiredMembers, connections, discovery.answer().get());
        }
    }

    @Override
    public Optional<String> stepDownPrimary(
            String replicaSetName, List<String> members, DatabaseCredentials admin)
            throws DatabaseException {
        try (MemberConnections connections = new MemberConnections(resolver, admin, timeouts)) {
            MemberConnection primary = findPrimary(members, connections);
            return stepDown(replicaSetName, primary, currentConfig(primary)).primary();
        }
    }

    @Override
    public void ensureMonitoringUser(
            List<String> members, DatabaseCredentials admin, DatabaseCredentials monitoring)
            throws DatabaseException {
        try (MemberConnections connections = new MemberConnections(resolver, admin, timeouts)) {
            MemberConnection primary = findPrimary(members, connections);
            MonitoringUser.ensure(primary, monitoring);
        }
    }

    @Override
    public FeatureCompatibilityVersion featureCompatibilityVersion(
            List<String> members, DatabaseCredentials admin) throws DatabaseException {
        try (MemberConnections connections = new MemberConnections(resolver, admin, timeouts)) {
            MemberConnection primary = findPrimary(members, connections);
            Document reply =
                    primary.run(
                            new Document("getParameter", 1)
                                    .append("featureCompatibilityVersion", 1));
            Object fcv = reply.get("featureCompatibilityVersion");
            if (!(fcv instanceof Document document)
                    || !(document.get("version") instanceof String version)) {
                throw new DatabaseCommandException(
                        "MongoDB member "
                                + primary.member()
                                + " sent getParameter without featureCompatibilityVersion.version");
            }
            return new FeatureCompatibilityVersion(
                    version, Optional.ofNullable(document.getString("targetVersion")));
        }
    }

    @Override
    public List<String> userDatabases(List<String> members, DatabaseCredentials admin)
            throws DatabaseException {
        try (MemberConnections connections = new MemberConnections(resolver, admin, timeouts)) {
            MemberConnection primary = findPrimary(members, connections);
            Document reply = primary.run(new Document("listDatabases", 1).append("nameOnly", true));
            List<String> names = new ArrayList<>();
            for (Object entry : reply.getList("databases", Object.class, List.of())) {
                if (entry instanceof Document database
                        && database.get("name") instanceof String name
                        && !SYSTEM_DATABASES.contains(name)) {
                    names.add(name);
                }
            }
            return names;
        }
    }

    @Override
    public void setFeatureCompatibilityVersion(
            List<String> members, DatabaseCredentials admin, String version)
            throws DatabaseException {
        try (MemberConnections connections = new MemberConnections(resolver, admin, timeouts)) {
            MemberConnection primary = findPrimary(members, connections);
            Document command = new Document("setFeatureCompatibilityVersion", version);
            // 7.0 refuses the change without confirm; 6.0 and 5.0 refuse the unknown field.
            if (Integer.parseInt(version.split("\\.")[0]) >= CONFIRM_FROM_MAJOR) {
                command.append("confirm", true);
            }
            primary.run(command);
            LOG.info(
                    "Set featureCompatibilityVersion {} through primary {}",
                    version,
                    primary.member());
        }
    }

    /** A member that has a replica-set configuration, and its {@code replSetGetStatus} reply. */
    private record StatusAnswer(MemberConnection member, Document status) {}

    /** The outcome of asking members for the set's state; empty answer means not initiated. */
    private record SetDiscovery(Optional<StatusAnswer> answer) {}

    /**
     * Asks the desired members in order for {@code replSetGetStatus}; the first with a
     * configuration speaks for the set. "Not initiated" is believed only when every desired member
     * says so: a member with a fresh volume also says NotYetInitialized, and initiating a second
     * set next to a running one would split it.
     */
    private SetDiscovery discover(
            String replicaSetName, List<String> desired, MemberConnections connections)
            throws DatabaseException {
        List<String> unreachable = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        DatabaseUnreachableException lastUnreachable = null;
        for (String member : desired) {
            MemberConnection connection = connections.to(member);
            try {
                Document status = connection.run(ReplicaSetStatus.COMMAND);
                requireSetName(replicaSetName, member, ReplicaSetStatus.setName(status));
                return new SetDiscovery(Optional.of(new StatusAnswer(connection, status)));
            } catch (MongoCommandRejectedException e) {
                // 94: no configuration yet; 93: configured, but not a member (it was removed).
                // Either way this member cannot speak for the set; ask the next one.
                if (e.code() == MongoErrorCodes.INVALID_REPLICA_SET_CONFIG) {
                    removed.add(member);
                } else if (e.code() != MongoErrorCodes.NOT_YET_INITIALIZED) {
                    throw e;
                }
            } catch (DatabaseUnreachableException e) {
                unreachable.add(member);
                lastUnreachable = e;
            }
        }
        if (unreachable.isEmpty() && removed.isEmpty()) {
            return new SetDiscovery(Optional.empty());
        }
        if (unreachable.size() == desired.size()) {
            throw new DatabaseUnreachableException(
                    "no member of MongoDB replica set "
                            + replicaSetName
                            + " answered: "
                            + unreachable,
                    lastUnreachable);
        }
        throw new DatabaseUnreachableException(
                "no member of MongoDB replica set "
                        + replicaSetName
                        + " that answered has its configuration (unreachable: "
                        + unreachable
                        + ", removed from the set: "
                        + removed
                        + "); not initiating until every member answers",
                lastUnreachable);
    }

    private ReplicaSetObservation initiate(
            String replicaSetName, List<String> desired, MemberConnections connections)
            throws DatabaseException {
        MemberConnection first = connections.to(desired.get(0));
        List<Document> members = new ArrayList<>(desired.size());
        for (int id = 0; id < desired.size(); id++) {
            members.add(new Document("_id", id).append("host", desired.get(id)));
        }
        Document config = new Document("_id", replicaSetName).append("members", members);
        try {
            first.run(new Document("replSetInitiate", config));
        } catch (MongoCommandRejectedException e) {
            if (e.code() != MongoErrorCodes.ALREADY_INITIALIZED) {
                throw e;
            }
            // Someone initiated it between our status read and now: carry on as with any set.
            Document status = first.run(ReplicaSetStatus.COMMAND);
            return reconcileMembers(
                    replicaSetName, desired, connections, new StatusAnswer(first, status));
        }
        LOG.info("Initiated MongoDB replica set {} with members {}", replicaSetName, desired);
        Document status = first.run(ReplicaSetStatus.COMMAND);
        HelloReply hello = HelloReply.of(first.run(HelloReply.COMMAND), first.member());
        return new ReplicaSetObservation(
                true,
                Action.INITIATED,
                desired,
                hello.primary(),
                ReplicaSetStatus.memberStates(status));
    }

    private ReplicaSetObservation reconcileMembers(
            String replicaSetName,
            List<String> desired,
            MemberConnections connections,
            StatusAnswer answer)
            throws DatabaseException {
        MemberConnection answering = answer.member();
        HelloReply hello = HelloReply.of(answering.run(HelloReply.COMMAND), answering.member());
        if (hello.primary().isEmpty()) {
            // Without a primary (election under way) nothing can be changed; report what is seen.
            Document config = currentConfig(answering);
            return new ReplicaSetObservation(
                    true,
                    Action.NONE,
                    ReconfigPlanner.hostsInIdOrder(config),
                    Optional.empty(),
                    ReplicaSetStatus.memberStates(answer.status()));
        }
        MemberConnection primary = connections.to(hello.primary().get());
        Document config = currentConfig(primary);
        Action action = Action.NONE;
        Optional<ReconfigPlanner.Step> step = ReconfigPlanner.nextStep(config, desired);
        if (step.isPresent()
                && step.get().action() == Action.MEMBER_REMOVED
                && step.get().member().equals(primary.member())) {
            return stepDown(replicaSetName, primary, config);
        }
        if (step.isPresent()) {
            primary.run(new Document("replSetReconfig", step.get().newConfig()));
            LOG.info(
                    "Reconfigured MongoDB replica set {}: {} {}",
                    replicaSetName,
                    step.get().action(),
                    step.get().member());
            config = step.get().newConfig();
            action = step.get().action();
        }
        // Lag is measured against the primary, and after a change the new member should show.
        Document status =
                primary == answering && action == Action.NONE
                        ? answer.status()
                        : primary.run(ReplicaSetStatus.COMMAND);
        return new ReplicaSetObservation(
                true,
                action,
                ReconfigPlanner.hostsInIdOrder(config),
                hello.primary(),
                ReplicaSetStatus.memberStates(status));
    }

    /**
     * A primary cannot run a reconfig that removes itself (MongoDB answers 103
     * NewReplicaSetConfigurationIncompatible), so it is asked to step down, and the configuration
     * is left as it is; the next call reconfigures through the new primary.
     *
     * <p>Since MongoDB 4.2 the primary replies {@code ok} and keeps the connection; older servers
     * close every client connection as they step down, so the reply never arrives. A dropped
     * connection therefore counts as done once the member, asked again, no longer says it is the
     * writable primary; if it still does, or cannot be asked, the failure stands. A refusal, e.g.
     * 262 ExceededTimeLimit when no electable secondary caught up in time, stands as well: the set
     * keeps its primary and the next call tries again.
     */
    private ReplicaSetObservation stepDown(
            String replicaSetName, MemberConnection primary, Document config)
            throws DatabaseException {
        Document command =
                new Document("replSetStepDown", STEP_DOWN_SECONDS)
                        .append("secondaryCatchUpPeriodSecs", SECONDARY_CATCH_UP_SECONDS);
        HelloReply after;
        try {
            primary.run(command);
            // The old primary is a secondary now and still in the set: it reports the election.
            after = HelloReply.of(primary.run(HelloReply.COMMAND), primary.member());
        } catch (DatabaseUnreachableException dropped) {
            try {
                after = HelloReply.of(primary.run(HelloReply.COMMAND), primary.member());
            } catch (DatabaseException e) {
                e.addSuppressed(dropped);
                throw e;
            }
            if (after.writablePrimary()) {
                throw dropped;
            }
        }
        LOG.info(
                "Primary {} of MongoDB replica set {} stepped down",
                primary.member(),
                replicaSetName);
        Document status = primary.run(ReplicaSetStatus.COMMAND);
        return new ReplicaSetObservation(
                true,
                Action.PRIMARY_STEPPED_DOWN,
                ReconfigPlanner.hostsInIdOrder(config),
                after.primary(),
                ReplicaSetStatus.memberStates(status));
    }

    private static Document currentConfig(MemberConnection member) throws DatabaseException {
        Document reply = member.run(new Document("replSetGetConfig", 1));
        Document config = reply.get("config", Document.class);
        if (config == null) {
            throw new DatabaseCommandException(
                    "MongoDB member "
                            + member.member()
                            + " sent replSetGetConfig without a config");
        }
        return config;
    }

    private static MemberConnection findPrimary(List<String> members, MemberConnections connections)
            throws DatabaseException {
        DatabaseUnreachableException lastUnreachable = null;
        for (String member : members) {
            MemberConnection connection = connections.to(member);
            try {
                HelloReply hello = HelloReply.of(connection.run(HelloReply.COMMAND), member);
                if (hello.writablePrimary()) {
                    return connection;
                }
                if (hello.primary().isPresent()) {
                    return connections.to(hello.primary().get());
                }
            } catch (DatabaseUnreachableException e) {
                lastUnreachable = e;
            }
        }
        throw new DatabaseUnreachableException(
                "no primary found among MongoDB members " + members, lastUnreachable);
    }

    private static void requireSetName(String expected, String member, String actual)
            throws DatabaseCommandException {
        if (actual != null && !actual.equals(expected)) {
            throw new DatabaseCommandException(
                    "MongoDB member "
                            + member
                            + " belongs to replica set "
                            + actual
                            + ", not "
                            + expected);
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
