package dev.vigil.testing.mongo;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import dev.vigil.testing.mongo.ScramServerConversation.ScramFailure;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One member of the double: mongo-java-server's in-memory backend, with the replica-set, user,
 * SCRAM, featureCompatibilityVersion, {@code buildInfo}, {@code serverStatus} and {@code
 * getDiagnosticData} commands answered from the shared {@link ReplicaSetState} (users from the
 * member's {@link UserDirectory} until it is in the configuration, then the set's), and
 * authentication required as on a {@code --keyFile}/{@code --auth} mongod. Commands it does not
 * know go to the in-memory backend once the connection is authenticated.
 */
final class MemberBackend extends MemoryBackend {

    private static final String SCRAM_SHA_256 = "SCRAM-SHA-256";

    /** What MongoDB lets a connection run before it authenticates. */
    private static final Set<String> WITHOUT_AUTHENTICATION =
            Set.of(
                    "hello",
                    "isMaster",
                    "ismaster",
                    "saslStart",
                    "saslContinue",
                    "ping",
                    "buildInfo",
                    "buildinfo",
                    "endSessions");

    /**
     * What mongod reports as {@code connections.current + available}: 80% of the open-file limit,
     * 1048576 in a container by default.
     */
    private static final int INCOMING_CONNECTION_CAPACITY = 838_860;

    private final String member;
    private final ReplicaSetState replicaSet;
    private final Map<Channel, ScramServerConversation> conversations = new ConcurrentHashMap<>();
    private final Map<Channel, String> authenticated = new ConcurrentHashMap<>();
    private final Map<Channel, Integer> connectionIds = new ConcurrentHashMap<>();
    private final AtomicInteger nextConnectionId = new AtomicInteger(1);
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong totalConnections = new AtomicLong();
    private final AtomicLong commands = new AtomicLong();
    private final CommandStatistics statistics = new CommandStatistics();

    MemberBackend(String member, ReplicaSetState replicaSet) {
        this.member = member;
        this.replicaSet = replicaSet;
    }

    @Override
    public Document handleCommand(Channel channel, String db, String command, Document query) {
        replicaSet.recordCommand(member, command);
        if (open.add(channel)) {
            totalConnections.incrementAndGet();
        }
        commands.incrementAndGet();
        long started = System.nanoTime();
        Document reply = null;
        try {
            reply = answer(channel, db, command, query);
            return reply;
        } finally {
            // A reply that is not ok, or an exception, is a failed command, as mongod counts it.
            boolean ok =
                    reply != null && reply.get("ok") instanceof Number n && n.doubleValue() == 1;
            statistics.record(command, !ok, (System.nanoTime() - started) / 1_000);
        }
    }

    private Document answer(Channel channel, String db, String command, Document query) {
        try {
            if (!WITHOUT_AUTHENTICATION.contains(command) && !authenticated.containsKey(channel)) {
                throw new CommandFailure(
                        13, "Unauthorized", "command " + command + " requires authentication");
            }
            return switch (command) {
                case "hello" -> hello(channel, false, query);
                case "isMaster", "ismaster" -> hello(channel, true, query);
                case "saslStart" -> saslStart(channel, db, query);
                case "saslContinue" -> saslContinue(channel, query);
                case "replSetGetStatus" -> replicaSet.replSetGetStatus(member);
                case "replSetGetConfig" -> replicaSet.replSetGetConfig();
                case "replSetInitiate" ->
                        replicaSet.replSetInitiate(member, query.get("replSetInitiate"));
                case "replSetReconfig" -> replicaSet.replSetReconfig(member, query);
                case "replSetStepDown" -> stepDown(channel, query);
                case "createUser" -> {
                    replicaSet.requireWritablePrimary(member, "not primary");
                    yield users().createUser(db, query);
                }
                case "updateUser" -> {
                    replicaSet.requireWritablePrimary(member, "not primary");
                    yield users().updateUser(db, query);
                }
                case "usersInfo" -> users().usersInfo(db, query);
                case "getParameter" -> replicaSet.getParameter(member, query);
                case "setFeatureCompatibilityVersion" ->
                        replicaSet.setFeatureCompatibilityVersion(member, db, query);
                case "buildInfo", "buildinfo" -> replicaSet.buildInfo(member);
                case "serverStatus" -> serverStatus();
                case "getDiagnosticData" -> diagnosticData();
                default -> super.handleCommand(channel, db, command, query);
            };
        } catch (CommandFailure e) {
            return e.toReply();
        }
    }

    @Override
    public void handleClose(Channel channel) {
        open.remove(channel);
        conversations.remove(channel);
        authenticated.remove(channel);
        connectionIds.remove(channel);
        super.handleClose(channel);
    }

    /**
     * Steps down; when the double is set to, then closes every connection to this member before the
     * reply goes out, as servers before MongoDB 4.2 did, so the client sees a dropped connection.
     */
    private Document stepDown(Channel channel, Document query) {
        Document reply = replicaSet.replSetStepDown(member, query);
        if (replicaSet.closesConnectionsOnStepDown()) {
            Set<Channel> open = ConcurrentHashMap.newKeySet();
            open.add(channel);
            open.addAll(connectionIds.keySet());
            open.addAll(authenticated.keySet());
            open.forEach(Channel::close);
        }
        return reply;
    }

    private UserDirectory users() {
        return replicaSet.usersOf(member);
    }

    /**
     * {@code serverStatus} with what the double knows: version, uptime, replication, connections
     * (open client connections of this member), opcounters (every command counts as a command; the
     * double runs no reads or writes worth counting), and each command's count, failures and
     * latency ({@link CommandStatistics}).
     */
    private Document serverStatus() {
        int current = open.size();
        Document status = replicaSet.serverStatusOf(member);
        status.append(
                        "connections",
                        new Document("current", current)
                                .append("available", INCOMING_CONNECTION_CAPACITY - current)
                                .append("totalCreated", totalConnections.get())
                                .append("active", current))
                .append(
                        "opcounters",
                        new Document("insert", 0L)
                                .append("query", 0L)
                                .append("update", 0L)
                                .append("delete", 0L)
                                .append("getmore", 0L)
                                .append("command", commands.get()))
                .append("opLatencies", statistics.opLatencies())
                .append("metrics", new Document("commands", statistics.commands()))
                .append("ok", 1.0);
        return status;
    }

    /**
     * {@code getDiagnosticData}: the latest sample of mongod's full-time diagnostic data capture,
     * whose {@code serverStatus} percona's exporter turns into its {@code mongodb_ss_*} metrics.
     * The double's sample holds only {@code start}, {@link #serverStatus} and {@code end}; mongod's
     * also has {@code replSetGetStatus}, {@code local.oplog.rs.stats} and {@code systemMetrics}.
     */
    private Document diagnosticData() {
        Document serverStatus = serverStatus();
        serverStatus.remove("ok");
        Object sampled = serverStatus.get("localTime");
        return new Document(
                        "data",
                        new Document("start", sampled)
                                .append("serverStatus", serverStatus)
                                .append("end", sampled))
                .append("ok", 1.0);
    }

    private Document hello(Channel channel, boolean legacy, Document query) {
        int connectionId =
                connectionIds.computeIfAbsent(channel, c -> nextConnectionId.getAndIncrement());
        Document reply = replicaSet.hello(member, legacy, query, connectionId);
        // The driver asks which mechanisms a user has ("admin.name") before it authenticates.
        if (query.get("saslSupportedMechs") instanceof String qualified) {
            int dot = qualified.indexOf('.');
            if (dot > 0
                    && users().credential(qualified.substring(dot + 1), qualified.substring(0, dot))
                            .isPresent()) {
                reply.put("saslSupportedMechs", List.of(SCRAM_SHA_256));
            }
        }
        return reply;
    }

    private Document saslStart(Channel channel, String db, Document query) {
        if (!SCRAM_SHA_256.equals(query.get("mechanism"))) {
            throw new CommandFailure(
                    334,
                    "MechanismUnavailable",
                    "Received authentication for mechanism "
                            + query.get("mechanism")
                            + " which is not enabled");
        }
        UserDirectory users = users();
        ScramServerConversation conversation =
                new ScramServerConversation(name -> users.credential(name, db));
        conversations.put(channel, conversation);
        authenticated.remove(channel);
        try {
            byte[] serverFirst = conversation.start(payload(query));
            return saslReply(serverFirst, false);
        } catch (ScramFailure e) {
            conversations.remove(channel);
            throw CommandFailure.authenticationFailed();
        }
    }

    private Document saslContinue(Channel channel, Document query) {
        ScramServerConversation conversation = conversations.get(channel);
        if (conversation == null) {
            throw new CommandFailure(17, "ProtocolError", "No SASL session state found");
        }
        if (conversation.complete()) {
            // A client that did not ask to skip the empty exchange sends one more, empty step.
            conversations.remove(channel);
            return saslReply(new byte[0], true);
        }
        try {
            byte[] serverFinal = conversation.finish(payload(query));
            authenticated.put(channel, conversation.username());
            return saslReply(serverFinal, true);
        } catch (ScramFailure e) {
            conversations.remove(channel);
            throw CommandFailure.authenticationFailed();
        }
    }

    private static byte[] payload(Document query) {
        Object payload = query.get("payload");
        if (payload instanceof BinData binary) {
            return binary.getData();
        }
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        throw CommandFailure.badValue("payload must be binary data");
    }

    private static Document saslReply(byte[] payload, boolean done) {
        return new Document("conversationId", 1)
                .append("done", done)
                .append("payload", new BinData(payload))
                .append("ok", 1.0);
    }
}
