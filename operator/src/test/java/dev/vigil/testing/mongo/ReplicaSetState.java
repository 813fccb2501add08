package dev.vigil.testing.mongo;

import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What every member of the double agrees on: the replica-set configuration, each member's state,
 * health and lag, binary version and data files, the replicated data (users, featureCompatibility
 * Version) once initiated, and the commands that read or change them. Replies follow the shapes in
 * the MongoDB manual. Thread-safe: members answer on their own netty threads.
 *
 * <p>With an election timeout, members also stop and restart as processes do ({@link
 * #memberStopped}, {@link #memberStarted}) and the set elects a primary as MongoDB does: a member
 * that restarts comes back as a SECONDARY, a primary that cannot see a majority of the voting
 * members steps down, and once the set has had no primary for the election timeout, the reachable
 * healthy electable secondary with the highest priority (then the lowest {@code _id}) wins, if a
 * majority of the voting members are up. Without one, nothing holds elections.
 */
final class ReplicaSetState {

    private static final String NO_CONFIG = "Does not have a valid replica set config";

    /** A member as the others see it; {@code state} is null until it is in a configuration. */
    private static final class Member {
        boolean reachable = true;
        boolean healthy = true;
        Duration lag = Duration.ZERO;
        MongoMemberState state;
        MongoNodeData data;
        MongoBinaryVersion binary;
        Instant startedAt;
        // After a step-down the old primary may not stand for election for a while.
        Instant electableAfter = Instant.MIN;
    }

    private final String setName;
    private final Clock clock;
    private final MongoMemberState newMemberState;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Map<String, Map<String, Integer>> commandCounts = new HashMap<>();
    private final Duration electionTimeout;
    private Document config;
    private MongoNodeData replicatedData;
    private Instant noPrimarySince;
    private boolean closeConnectionsOnStepDown;

    /**
     * @param electionTimeout how long the set goes without a primary before it elects one; null for
     *     no elections at all (members keep the states they are given)
     */
    ReplicaSetState(
            String setName,
            MongoMemberState newMemberState,
            Clock clock,
            Duration electionTimeout) {
        this.setName = setName;
        this.clock = clock;
        this.newMemberState = newMemberState;
        this.electionTimeout = electionTimeout;
    }

    // ---- controls --------------------------------------------------------------------------

    String setName() {
        return setName;
    }

    Clock clock() {
        return clock;
    }

    /** Adds a member that is up, with its data files and binary; it is in no configuration. */
    synchronized void addMember(String name, MongoNodeData data, MongoBinaryVersion binary) {
        if (members.containsKey(name)) {
            throw new IllegalArgumentException("already a member of the double: " + name);
        }
        Member member = new Member();
        member.data = data;
        member.binary = binary;
        member.startedAt = clock.instant();
        members.put(name, member);
    }

    /**
     * The member's process started (again), on {@code data} with {@code binary}. A member that is
     * in the configuration comes back as a SECONDARY: mongod never starts as primary, it has to win
     * an election.
     */
    synchronized void memberStarted(String name, MongoNodeData data, MongoBinaryVersion binary) {
        Member member = members.get(name);
        if (member == null) {
            addMember(name, data, binary);
            return;
        }
        member.reachable = true;
        member.data = data;
        member.binary = binary;
        member.startedAt = clock.instant();
        if (isConfigured(name)) {
            member.state = MongoMemberState.SECONDARY;
        }
    }

    /** The member's process stopped: nobody reaches it, and a primary is a primary no more. */
    synchronized void memberStopped(String name) {
        Member member = member(name);
        member.reachable = false;
        if (member.state == MongoMemberState.PRIMARY) {
            member.state = MongoMemberState.SECONDARY;
        }
    }

    synchronized boolean isReachable(String name) {
        Member member = members.get(name);
        return member != null && member.reachable;
    }

    synchronized void recordCommand(String member, String command) {
        commandCounts.computeIfAbsent(member, m -> new HashMap<>()).merge(command, 1, Integer::sum);
        holdElectionIfDue();
    }

    synchronized int commandCount(String member, String command) {
        return commandCounts.getOrDefault(member, Map.of()).getOrDefault(command, 0);
    }

    synchronized int commandCount(String command) {
        return commandCounts.values().stream().mapToInt(c -> c.getOrDefault(command, 0)).sum();
    }

    synchronized void resetCommandCounts() {
        commandCounts.clear();
    }

    synchronized void setReachable(String member, boolean reachable) {
        member(member).reachable = reachable;
    }

    synchronized void setHealthy(String member, boolean healthy) {
        member(member).healthy = healthy;
    }

    synchronized void setLag(String member, Duration lag) {
        member(member).lag = lag;
    }

    synchronized void setState(String member, MongoMemberState state) {
        member(member).state = state;
    }

    synchronized void setCloseConnectionsOnStepDown(boolean close) {
        closeConnectionsOnStepDown = close;
    }

    synchronized boolean closesConnectionsOnStepDown() {
        return closeConnectionsOnStepDown;
    }

    /** Initiates as an outside party would: the first host becomes primary. */
    synchronized void initiateDirectly(List<String> hosts) {
        List<Document> configured = new ArrayList<>();
        for (int id = 0; id < hosts.size(); id++) {
            configured.add(new Document("_id", id).append("host", hosts.get(id)));
        }
        Document requested = new Document("_id", setName).append("members", configured);
        replSetInitiate(hosts.get(0), requested);
    }

    synchronized Optional<ConfigSnapshot> config() {
        if (config == null) {
            return Optional.empty();
        }
        List<ConfigSnapshot.Member> snapshot =
                configMembers(config).stream()
                        .map(
                                m ->
                                        new ConfigSnapshot.Member(
                                                id(m),
                                                (String) m.get("host"),
                                                votes(m),
                                                ((Number) m.get("priority")).doubleValue()))
                        .toList();
        return Optional.of(new ConfigSnapshot(setName, version(config), snapshot));
    }

    // ---- commands --------------------------------------------------------------------------

    /**
     * {@code hello}, or {@code isMaster} when {@code legacy} (the driver's handshake): the legacy
     * reply says {@code ismaster} where {@code hello} says {@code isWritablePrimary}.
     */
    synchronized Document hello(String member, boolean legacy, Document request, int connectionId) {
        Document reply = new Document();
        Member self = member(member);
        boolean configured = isConfigured(member);
        boolean primary = configured && self.state == MongoMemberState.PRIMARY;
        reply.append(legacy ? "ismaster" : "isWritablePrimary", primary);
        if (configured) {
            reply.append("hosts", configuredHosts())
                    .append("setName", setName)
                    .append("setVersion", version(config));
            reply.append("secondary", self.state == MongoMemberState.SECONDARY);
            currentPrimary().ifPresent(p -> reply.append("primary", p));
            reply.append("me", member);
        } else {
            reply.append("secondary", false).append("info", NO_CONFIG).append("isreplicaset", true);
        }
        if (Boolean.TRUE.equals(request.get("helloOk"))) {
            reply.append("helloOk", true);
        }
        reply.append("maxBsonObjectSize", 16 * 1024 * 1024)
                .append("maxMessageSizeBytes", 48_000_000)
                .append("maxWriteBatchSize", 100_000)
                .append("localTime", clock.instant())
                .append("logicalSessionTimeoutMinutes", 30)
                .append("connectionId", connectionId)
                .append("minWireVersion", 0)
                // mongodb-driver 5.6 needs at least 8 (MongoDB 4.2); every binary here has more.
                .append("maxWireVersion", self.binary.wireVersion())
                .append("readOnly", false)
                .append("ok", 1.0);
        return reply;
    }

    synchronized Document replSetGetStatus(String member) {
        requireInitiated();
        if (!isConfigured(member)) {
            throw CommandFailure.invalidConfig(
                    "Our replica set config is invalid or we are not a member of it");
        }
        Instant now = clock.instant();
        Instant lastWrite = now.truncatedTo(ChronoUnit.SECONDS);
        List<Document> statuses = new ArrayList<>();
        for (Document configured : configMembers(config)) {
            String host = (String) configured.get("host");
            Member m = members.get(host);
            boolean self = host.equals(member);
            boolean up = self || (m != null && m.reachable && m.healthy);
            MongoMemberState state = up ? m.state : MongoMemberState.DOWN;
            Instant optime = up ? lastWrite.minus(m.lag) : Instant.EPOCH;
            Document status =
                    new Document("_id", id(configured))
                            .append("name", host)
                            .append("health", up ? 1.0 : 0.0)
                            .append("state", state.code())
                            .append("stateStr", state.stateStr())
                            .append("uptime", up ? uptime(m, now).toSeconds() : 0L)
                            .append(
                                    "optime",
                                    new Document("ts", new BsonTimestamp(optime, 1))
                                            .append("t", 1L))
                            .append("optimeDate", optime);
            if (self) {
                status.append("self", true);
            }
            statuses.add(status);
        }
        return new Document("set", setName)
                .append("date", now)
                .append("myState", member(member).state.code())
                .append("term", 1L)
                .append("heartbeatIntervalMillis", 2000L)
                .append("members", statuses)
                .append("ok", 1.0);
    }

    synchronized Document replSetGetConfig() {
        requireInitiated();
        return new Document("config", config.cloneDeeply()).append("ok", 1.0);
    }

    synchronized Document replSetInitiate(String member, Object requested) {
        if (config != null) {
            throw new CommandFailure(23, "AlreadyInitialized", "already initialized");
        }
        if (!(requested instanceof Document proposed)) {
            throw CommandFailure.badValue("Missing or invalid replica set configuration document");
        }
        if (!setName.equals(proposed.get("_id"))) {
            throw CommandFailure.invalidConfig(
                    "Attempting to initiate a replica set with name "
                            + proposed.get("_id")
                            + ", but command line reports "
                            + setName
                            + "; rejecting");
        }
        List<Document> proposedMembers = validMembers(proposed);
        Set<String> hosts = hosts(proposedMembers);
        if (!hosts.contains(member)) {
            throw CommandFailure.invalidConfig(
                    "No host described in new configuration with {version: 1, term: 0} for replica"
                            + " set "
                            + setName
                            + " maps to this node");
        }
        for (String host : hosts) {
            requireAnswers(
                    host,
                    "replSetInitiate quorum check failed because not all proposed set members"
                            + " responded affirmatively: ");
        }
        Document accepted =
                new Document("_id", setName)
                        .append("version", 1)
                        .append("term", 1)
                        .append("members", normalized(proposedMembers))
                        .append("protocolVersion", 1L)
                        .append("writeConcernMajorityJournalDefault", true)
                        .append(
                                "settings",
                                new Document("chainingAllowed", true)
                                        .append("heartbeatIntervalMillis", 2000)
                                        .append("electionTimeoutMillis", 10000)
                                        .append("catchUpTimeoutMillis", -1)
                                        // mongod names the set once, at initiate; percona's
                                        // exporter reads it as its cl_id label.
                                        .append("replicaSetId", new ObjectId()));
        config = accepted;
        // The initiating node's data become the set's; the others replace theirs by initial sync.
        replicatedData = member(member).data.copy();
        // The node that ran replSetInitiate wins the first election at once.
        for (String host : hosts) {
            member(host).state = host.equals(member) ? MongoMemberState.PRIMARY : newMemberState;
        }
        return new Document("ok", 1.0);
    }

    synchronized Document replSetReconfig(String member, Document command) {
        requireInitiated();
        if (!(command.get("replSetReconfig") instanceof Document proposed)) {
            throw CommandFailure.badValue("replSetReconfig needs a configuration document");
        }
        requireWritablePrimary(member, "replSetReconfig should only be run on a writable PRIMARY");
        if (!setName.equals(proposed.get("_id"))) {
            throw CommandFailure.incompatibleConfig(
                    "New and old configurations differ in replica set name; old was "
                            + setName
                            + ", and new is "
                            + proposed.get("_id"));
        }
        int oldVersion = version(config);
        int newVersion = proposed.get("version") instanceof Number n ? n.intValue() : 0;
        if (newVersion <= oldVersion) {
            throw CommandFailure.incompatibleConfig(
                    "New replica set configuration version must be greater than old, but "
                            + newVersion
                            + " is not greater than "
                            + oldVersion
                            + " for replica set "
                            + setName);
        }
        List<Document> proposedMembers = validMembers(proposed);
        Map<String, Integer> oldIds = new HashMap<>();
        configMembers(config).forEach(m -> oldIds.put((String) m.get("host"), id(m)));
        for (Document m : proposedMembers) {
            Integer oldId = oldIds.get((String) m.get("host"));
            if (oldId != null && oldId != id(m)) {
                throw CommandFailure.incompatibleConfig(
                        "New and old configurations both have members with host of "
                                + m.get("host")
                                + " but in the new configuration the _id field is "
                                + id(m)
                                + " and in the old configuration it is "
                                + oldId);
            }
        }
        boolean force = Boolean.TRUE.equals(command.get("force"));
        Set<String> oldVoters = voters(configMembers(config));
        Set<String> newVoters = voters(proposedMembers);
        Set<String> added = new HashSet<>(newVoters);
        added.removeAll(oldVoters);
        Set<String> removed = new HashSet<>(oldVoters);
        removed.removeAll(newVoters);
        if (!force && added.size() + removed.size() > 1) {
            throw CommandFailure.incompatibleConfig(
                    "Non-force replica set reconfig can only add or remove at most 1 voting"
                            + " member.");
        }
        Set<String> newHosts = hosts(proposedMembers);
        if (!newHosts.contains(member)) {
            // MongoDB finds itself in the new configuration (NodeNotFound when it is missing) and
            // answers the reconfig with that reason under NewReplicaSetConfigurationIncompatible:
            // a primary cannot remove itself; it has to step down first.
            throw CommandFailure.incompatibleConfig(
                    "No host described in new configuration with {version: "
                            + newVersion
                            + ", term: 1} for replica set "
                            + setName
                            + " maps to this node");
        }
        Set<String> oldHosts = oldIds.keySet();
        for (String host : newHosts) {
            if (!oldHosts.contains(host)) {
                requireAnswers(
                        host, "Quorum check failed because not enough voting nodes responded: ");
            }
        }
        Document accepted = proposed.cloneDeeply();
        keepReplicaSetId(accepted);
        accepted.put("members", normalized(proposedMembers));
        accepted.put("version", newVersion);
        config = accepted;
        for (String host : oldHosts) {
            if (!newHosts.contains(host) && members.containsKey(host)) {
                members.get(host).state = MongoMemberState.REMOVED;
                // It keeps the data it had replicated so far.
                members.get(host).data.overwriteWith(replicatedData);
            }
        }
        for (String host : newHosts) {
            if (!oldHosts.contains(host)) {
                member(host).state = newMemberState;
            }
        }
        return new Document("ok", 1.0);
    }

    /**
     * The set's {@code settings.replicaSetId} in a new configuration: mongod fills it in when the
     * new one leaves it out and refuses one that changes it.
     */
    private void keepReplicaSetId(Document accepted) {
        Object current =
                config.get("settings") instanceof Document settings
                        ? settings.get("replicaSetId")
                        : null;
        if (current == null) {
            return;
        }
        Document settings =
                accepted.get("settings") instanceof Document proposed ? proposed : new Document();
        Object proposedId = settings.get("replicaSetId");
        if (proposedId != null && !proposedId.equals(current)) {
            throw CommandFailure.incompatibleConfig(
                    "New and old configurations differ in replica set ID; old was "
                            + current
                            + ", and new is "
                            + proposedId);
        }
        settings.put("replicaSetId", current);
        accepted.put("settings", settings);
    }

    /**
     * {@code replSetStepDown} as MongoDB 4.2 and later runs it. Only the primary steps down (10107
     * NotWritablePrimary elsewhere); the step-down period must be longer than {@code
     * secondaryCatchUpPeriodSecs} (2 BadValue). The first electable secondary in configuration
     * order (votes, priority above 0, reachable and healthy) wins the election at once and the old
     * primary becomes a SECONDARY. Without one the primary stays primary and answers 262
     * ExceededTimeLimit, as MongoDB does when no electable secondary caught up in time, unless
     * {@code force} is set: then it steps down and the set has no primary. Since 4.2 a primary
     * keeps client connections open when it steps down and replies {@code ok: 1}; the double does
     * the same unless told to close them as older servers did (see {@link MemberBackend}). The old
     * primary may not stand in an election for the step-down period, nor be the successor of a
     * step-down within it.
     */
    synchronized Document replSetStepDown(String member, Document command) {
        requireWritablePrimary(member, "not primary so can't step down");
        long stepDownSecs =
                command.get("replSetStepDown") instanceof Number n ? n.longValue() : 60L;
        long catchUpSecs =
                command.get("secondaryCatchUpPeriodSecs") instanceof Number n ? n.longValue() : 10L;
        if (catchUpSecs < 0 || stepDownSecs <= catchUpSecs) {
            throw CommandFailure.badValue(
                    "stepdown period must be longer than secondaryCatchUpPeriodSecs");
        }
        Optional<String> successor =
                configMembers(config).stream()
                        .filter(m -> !member.equals(m.get("host")))
                        .filter(ReplicaSetState::electable)
                        .map(m -> (String) m.get("host"))
                        .filter(members::containsKey)
                        .filter(
                                h -> {
                                    Member candidate = members.get(h);
                                    return candidate.state == MongoMemberState.SECONDARY
                                            && candidate.reachable
                                            && candidate.healthy
                                            && !clock.instant().isBefore(candidate.electableAfter);
                                })
                        .findFirst();
        if (successor.isEmpty() && !Boolean.TRUE.equals(command.get("force"))) {
            throw new CommandFailure(
                    262,
                    "ExceededTimeLimit",
                    "No electable secondaries caught up as of "
                            + clock.instant()
                            + ". Please use the replSetStepDown command with the argument {force:"
                            + " true} to force node to step down.");
        }
        member(member).state = MongoMemberState.SECONDARY;
        member(member).electableAfter = clock.instant().plusSeconds(stepDownSecs);
        successor.ifPresent(host -> member(host).state = MongoMemberState.PRIMARY);
        return new Document("ok", 1.0);
    }

    /** User writes go through the primary, as in MongoDB. */
    synchronized void requireWritablePrimary(String member, String errmsg) {
        if (!isConfigured(member) || member(member).state != MongoMemberState.PRIMARY) {
            throw CommandFailure.notWritablePrimary(errmsg);
        }
    }

    /** The users a member authenticates against: the set's once it is configured, else its own. */
    synchronized UserDirectory usersOf(String member) {
        return dataOf(member).users();
    }

    /** The replicated data, once the set is initiated. */
    synchronized Optional<MongoNodeData> replicatedData() {
        return Optional.ofNullable(replicatedData);
    }

    /**
     * The FCV a member starting on {@code data} would find: the set's when it is in the
     * configuration (its data are, or by initial sync become, the set's), else that of {@code
     * data}.
     */
    synchronized String featureCompatibilityVersionOnStart(String member, MongoNodeData data) {
        return isConfigured(member)
                ? replicatedData.featureCompatibilityVersion()
                : data.featureCompatibilityVersion();
    }

    /**
     * {@code getParameter}: only {@code featureCompatibilityVersion} is known, answered as {@code
     * {featureCompatibilityVersion: {version: "7.0"}, ok: 1}}; {@code getParameter: "*"} returns it
     * too.
     */
    synchronized Document getParameter(String member, Document command) {
        Object selector = command.get("getParameter");
        boolean all =
                "*".equals(selector)
                        || (selector instanceof Document d
                                && Boolean.TRUE.equals(d.get("allParameters")));
        Document reply = new Document();
        if (all || command.containsKey("featureCompatibilityVersion")) {
            reply.append(
                    "featureCompatibilityVersion",
                    new Document("version", dataOf(member).featureCompatibilityVersion()));
        }
        if (reply.isEmpty()) {
            throw new CommandFailure(72, "InvalidOptions", "no option found to get");
        }
        return reply.append("ok", 1.0);
    }

    /**
     * {@code setFeatureCompatibilityVersion} as the MongoDB manual describes it: on the {@code
     * admin} database of the primary, to a version the binary supports; from 7.0 on only with
     * {@code confirm: true} (7369100 otherwise), while 6.0 and 5.0 do not know the field (40415).
     * The new FCV is the set's at once: the double has no transitional upgrading/downgrading state.
     */
    synchronized Document setFeatureCompatibilityVersion(
            String member, String db, Document command) {
        if (!"admin".equals(db)) {
            throw new CommandFailure(
                    13,
                    "Unauthorized",
                    "setFeatureCompatibilityVersion may only be run against the admin database.");
        }
        MongoBinaryVersion binary = member(member).binary;
        if (!binary.requiresConfirmForFcvChange() && command.containsKey("confirm")) {
            throw new CommandFailure(
                    40415,
                    "Location40415",
                    "BSON field 'setFeatureCompatibilityVersion.confirm' is an unknown field.");
        }
        if (!(command.get("setFeatureCompatibilityVersion") instanceof String requested)
                || !binary.supports(requested)) {
            throw CommandFailure.badValue(
                    "Invalid feature compatibility version value '"
                            + command.get("setFeatureCompatibilityVersion")
                            + "'; expected one of "
                            + binary.supportedFeatureCompatibilityVersions());
        }
        requireWritablePrimary(member, "not primary");
        String actual = replicatedData.featureCompatibilityVersion();
        boolean confirmed = Boolean.TRUE.equals(command.get("confirm"));
        if (binary.requiresConfirmForFcvChange() && !confirmed && !requested.equals(actual)) {
            throw new CommandFailure(
                    7369100,
                    "Location7369100",
                    compareVersions(requested, actual) > 0
                            ? "Once you have upgraded to "
                                    + requested
                                    + ", you will not be able to downgrade FCV and binary"
                                    + " version without support assistance. Please re-run this"
                                    + " command with 'confirm: true' to acknowledge this and"
                                    + " continue with the FCV upgrade."
                            : "Once you have downgraded the FCV, if you choose to downgrade the"
                                    + " binary version, it will require support assistance."
                                    + " Please re-run this command with 'confirm: true' to"
                                    + " acknowledge this and continue with the FCV downgrade.");
        }
        replicatedData.setFeatureCompatibilityVersion(requested);
        return new Document("ok", 1.0);
    }

    /** {@code buildInfo}: the member's binary version. */
    synchronized Document buildInfo(String member) {
        MongoBinaryVersion binary = member(member).binary;
        return new Document("version", binary.toString())
                .append("versionArray", binary.versionArray())
                .append("bits", 64)
                .append("debug", false)
                .append("maxBsonObjectSize", 16 * 1024 * 1024)
                .append("storageEngines", List.of("devnull", "wiredTiger"))
                .append("ok", 1.0);
    }

    /** The {@code version}, {@code uptime} and {@code repl} parts of {@code serverStatus}. */
    synchronized Document serverStatusOf(String member) {
        Member self = member(member);
        Instant now = clock.instant();
        Duration uptime = uptime(self, now);
        Document repl = new Document("isWritablePrimary", false).append("secondary", false);
        if (isConfigured(member)) {
            repl =
                    new Document("setName", setName)
                            .append("setVersion", version(config))
                            .append("isWritablePrimary", self.state == MongoMemberState.PRIMARY)
                            .append("secondary", self.state == MongoMemberState.SECONDARY)
                            .append("hosts", configuredHosts())
                            .append("me", member);
            Document withPrimary = repl;
            currentPrimary().ifPresent(p -> withPrimary.append("primary", p));
        }
        return new Document("version", self.binary.toString())
                .append("process", "mongod")
                .append("uptime", (double) uptime.toSeconds())
                .append("uptimeMillis", uptime.toMillis())
                .append("localTime", now)
                .append("repl", repl);
    }

    // ---- elections -------------------------------------------------------------------------

    /**
     * Holds the election that is due, if elections are on: see the class comment. Called on every
     * command, so a set left alone elects on the next question anyone asks it.
     */
    private void holdElectionIfDue() {
        if (electionTimeout == null || config == null) {
            return;
        }
        Instant now = clock.instant();
        List<Document> configured = configMembers(config);
        long voters = configured.stream().filter(m -> votes(m) != 0).count();
        long votersUp =
                configured.stream()
                        .filter(m -> votes(m) != 0)
                        .map(m -> members.get((String) m.get("host")))
                        .filter(m -> m != null && m.reachable && m.healthy)
                        .filter(
                                m ->
                                        m.state == MongoMemberState.PRIMARY
                                                || m.state == MongoMemberState.SECONDARY)
                        .count();
        boolean majority = votersUp * 2 > voters;
        Optional<String> primary = currentPrimary();
        if (primary.isPresent()) {
            if (majority) {
                noPrimarySince = null;
                return;
            }
            // A primary that cannot see a majority steps down.
            member(primary.get()).state = MongoMemberState.SECONDARY;
        }
        if (noPrimarySince == null) {
            noPrimarySince = now;
        }
        if (!majority || now.isBefore(noPrimarySince.plus(electionTimeout))) {
            return;
        }
        configured.stream()
                .filter(ReplicaSetState::electable)
                .sorted(
                        Comparator.comparingDouble(ReplicaSetState::priority)
                                .reversed()
                                .thenComparingInt(ReplicaSetState::id))
                .map(m -> (String) m.get("host"))
                .filter(members::containsKey)
                .filter(
                        h -> {
                            Member candidate = members.get(h);
                            return candidate.state == MongoMemberState.SECONDARY
                                    && candidate.reachable
                                    && candidate.healthy
                                    && !now.isBefore(candidate.electableAfter);
                        })
                .findFirst()
                .ifPresent(
                        winner -> {
                            member(winner).state = MongoMemberState.PRIMARY;
                            noPrimarySince = null;
                        });
    }

    // ---- helpers ---------------------------------------------------------------------------

    private MongoNodeData dataOf(String member) {
        return isConfigured(member) ? replicatedData : member(member).data;
    }

    private static Duration uptime(Member member, Instant now) {
        return Duration.between(member.startedAt, now);
    }

    /** Compares "7.0" with "8.0" numerically, major first. */
    private static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        int major = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        return major != 0 ? major : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }

    private static double priority(Document member) {
        return member.get("priority") instanceof Number n ? n.doubleValue() : 1.0;
    }

    private Member member(String name) {
        Member member = members.get(name);
        if (member == null) {
            throw new IllegalArgumentException("not a member of the double: " + name);
        }
        return member;
    }

    private boolean isConfigured(String member) {
        return config != null && hosts(configMembers(config)).contains(member);
    }

    private List<String> configuredHosts() {
        return configMembers(config).stream().map(m -> (String) m.get("host")).toList();
    }

    private Optional<String> currentPrimary() {
        return configuredHosts().stream()
                .filter(members::containsKey)
                .filter(h -> members.get(h).state == MongoMemberState.PRIMARY)
                .filter(h -> members.get(h).reachable && members.get(h).healthy)
                .findFirst();
    }

    private void requireInitiated() {
        if (config == null) {
            throw CommandFailure.notYetInitialized();
        }
    }

    private void requireAnswers(String host, String errmsgPrefix) {
        Member m = members.get(host);
        if (m == null || !m.reachable) {
            throw CommandFailure.nodeNotFound(
                    errmsgPrefix + host + " failed with Connection refused");
        }
    }

    private static List<Document> validMembers(Document proposed) {
        if (!(proposed.get("members") instanceof List<?> list) || list.isEmpty()) {
            throw CommandFailure.invalidConfig("replica set configuration must have members");
        }
        List<Document> result = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        Set<String> hosts = new HashSet<>();
        for (Object item : list) {
            if (!(item instanceof Document m)
                    || !(m.get("_id") instanceof Number)
                    || !(m.get("host") instanceof String host)) {
                throw CommandFailure.invalidConfig("each member needs a numeric _id and a host");
            }
            if (!ids.add(id(m))) {
                throw CommandFailure.invalidConfig(
                        "Found two member configurations with same _id field, members._id == "
                                + id(m));
            }
            if (!hosts.add(host)) {
                throw CommandFailure.invalidConfig(
                        "Found two member configurations with same host field, members.host == "
                                + host);
            }
            result.add(m);
        }
        return result;
    }

    /** Fills MongoDB's member defaults, keeping what the client sent, in {@code _id} order. */
    private static List<Document> normalized(List<Document> proposed) {
        return proposed.stream()
                .map(
                        m -> {
                            Document member =
                                    new Document("_id", id(m))
                                            .append("host", m.get("host"))
                                            .append("arbiterOnly", false)
                                            .append("buildIndexes", true)
                                            .append("hidden", false)
                                            .append("priority", 1.0)
                                            .append("tags", new Document())
                                            .append("secondaryDelaySecs", 0L)
                                            .append("votes", 1);
                            m.forEach(member::put);
                            return member;
                        })
                .sorted(Comparator.comparingInt(ReplicaSetState::id))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Document> configMembers(Document config) {
        return (List<Document>) config.get("members");
    }

    private static Set<String> hosts(List<Document> members) {
        Set<String> hosts = new LinkedHashSet<>();
        members.forEach(m -> hosts.add((String) m.get("host")));
        return hosts;
    }

    private static Set<String> voters(List<Document> members) {
        Set<String> voters = new HashSet<>();
        members.stream()
                .filter(m -> votes(m) != 0)
                .forEach(m -> voters.add((String) m.get("host")));
        return voters;
    }

    private static boolean electable(Document member) {
        return votes(member) != 0 && priority(member) > 0;
    }

    private static int votes(Document member) {
        return member.get("votes") instanceof Number n ? n.intValue() : 1;
    }

    private static int id(Document member) {
        return ((Number) member.get("_id")).intValue();
    }

    private static int version(Document config) {
        return ((Number) config.get("version")).intValue();
    }
}
