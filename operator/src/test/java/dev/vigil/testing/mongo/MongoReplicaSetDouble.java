package dev.vigil.testing.mongo;

import de.bwaldvogel.mongo.MongoServer;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.names.DatabaseAddressResolver;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A MongoDB replica set on loopback for tests: each member ({@code host:port}, the name it has in
 * the replica-set configuration) is its own mongo-java-server on its own port, and all share the
 * set's configuration, member states and users. It speaks the commands Vigil sends ({@code hello},
 * {@code replSetInitiate}, {@code replSetGetStatus}, {@code replSetGetConfig}, {@code
 * replSetReconfig}, {@code replSetStepDown}, {@code createUser}, {@code updateUser}, {@code
 * usersInfo}, {@code getParameter} and {@code setFeatureCompatibilityVersion}, {@code buildInfo},
 * {@code serverStatus}), what percona's exporter reads besides ({@code getDiagnosticData}, the
 * set's {@code settings.replicaSetId}) and SCRAM-SHA-256, with the replies and error codes the
 * MongoDB manual documents; every other command needs an authenticated connection. Every member
 * runs the same binary version (7.0.14 unless told otherwise). Nothing holds elections: members
 * keep the states they are given; {@link DynamicMongoReplicaSet} models members that stop, restart
 * and elect.
 *
 * <p>Start it with {@link #builder()}, connect through {@link #resolver()}, and steer it with the
 * controls below: make members unreachable, unhealthy or lagging, and inspect what clients did.
 */
public final class MongoReplicaSetDouble implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    private static final String ADMIN = "admin";

    private final ReplicaSetState replicaSet;
    private final MongoNodeData seed;
    private final DatabaseCredentials admin;
    private final List<String> memberNames;
    // Read by the resolver on the driver's threads; a member made reachable again gets a new port.
    private final Map<String, Integer> ports = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, MongoServer> servers = new LinkedHashMap<>();

    private MongoReplicaSetDouble(Builder builder) {
        this.memberNames = List.copyOf(builder.members);
        this.admin = builder.admin;
        this.replicaSet =
                new ReplicaSetState(
                        builder.replicaSetName, builder.newMemberState, builder.clock, null);
        // Every member starts on the same data: the admin user exists everywhere, as if created
        // before the members were started with --replSet.
        this.seed = MongoNodeData.fresh(builder.binary);
        seed.createRootUser(admin);
        try {
            for (String name : memberNames) {
                replicaSet.addMember(name, seed, builder.binary);
                MongoServer server = new MongoServer(new MemberBackend(name, replicaSet));
                servers.put(name, server);
                server.bind(LOOPBACK, 0);
                ports.put(name, server.getLocalAddress().getPort());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts configuring a double. */
    public static Builder builder() {
        return new Builder();
    }

    /** Member names, as given to the builder. */
    public List<String> members() {
        return memberNames;
    }

    /** The admin user the double was started with (role {@code root} on {@code admin}). */
    public DatabaseCredentials adminCredentials() {
        return admin;
    }

    /**
     * Maps each member's {@code host:port} name to its loopback port. Names that are not members
     * stay unresolved, so connecting to them fails as an unknown DNS name does.
     */
    public DatabaseAddressResolver resolver() {
        return (host, port) -> {
            Integer local = ports.get(host + ":" + port);
            return local == null
                    ? InetSocketAddress.createUnresolved(host, port)
                    : new InetSocketAddress(LOOPBACK, local);
        };
    }

    /** Initiates the set with all members, as someone else would: no command is counted. */
    public void initiate() {
        replicaSet.initiateDirectly(memberNames);
    }

    /** Initiates the set with these members (the first becomes primary), without a command. */
    public void initiate(List<String> hosts) {
        replicaSet.initiateDirectly(hosts);
    }

    /** Closes the member's listener and connections; other members report it as down. */
    public synchronized void makeUnreachable(String member) {
        MongoServer server = servers.remove(requireMember(member));
        if (server != null) {
            server.shutdownNow();
        }
        replicaSet.setReachable(member, false);
    }

    /**
     * Listens again, on a port the kernel picks (its old one may have been taken since): {@link
     * #resolver} leads the member's name there.
     */
    public synchronized void makeReachable(String member) {
        if (servers.containsKey(requireMember(member))) {
            return;
        }
        MongoServer server = new MongoServer(new MemberBackend(member, replicaSet));
        server.bind(LOOPBACK, 0);
        ports.put(member, server.getLocalAddress().getPort());
        servers.put(member, server);
        replicaSet.setReachable(member, true);
    }

    /** An unhealthy member still answers, but the others report it with health 0. */
    public void setHealthy(String member, boolean healthy) {
        replicaSet.setHealthy(requireMember(member), healthy);
    }

    /** Puts the member's {@code optimeDate} this far behind the primary's. */
    public void setLag(String member, Duration lag) {
        replicaSet.setLag(requireMember(member), lag);
    }

    /** Sets a configured member's state, e.g. STARTUP2 to SECONDARY once its sync is done. */
    public void setState(String member, MongoMemberState state) {
        replicaSet.setState(requireMember(member), state);
    }

    /**
     * Makes a primary that steps down close every client connection before its reply goes out, as
     * servers before MongoDB 4.2 did; by default it replies and keeps them, as 4.2 and later do.
     */
    public void closeConnectionsOnStepDown(boolean close) {
        replicaSet.setCloseConnectionsOnStepDown(close);
    }

    /** The configuration, once initiated. */
    public Optional<ConfigSnapshot> config() {
        return replicaSet.config();
    }

    /** A user of the {@code admin} database. */
    public Optional<UserSnapshot> user(String name) {
        return data().users().snapshot(name, ADMIN);
    }

    /** Every user, in creation order. */
    public List<UserSnapshot> users() {
        return data().users().snapshots();
    }

    /** Whether {@code password} is the current password of {@code name} on {@code admin}. */
    public boolean passwordMatches(String name, String password) {
        return data().users().credential(name, ADMIN).map(c -> c.matches(password)).orElse(false);
    }

    /** The set's featureCompatibilityVersion once initiated, else that of the members' data. */
    public String featureCompatibilityVersion() {
        return data().featureCompatibilityVersion();
    }

    /** The replicated data once the set is initiated; before, the data every member started on. */
    private MongoNodeData data() {
        return replicaSet.replicatedData().orElse(seed);
    }

    /** How many times any member received the command (by its exact name). */
    public int commandCount(String command) {
        return replicaSet.commandCount(command);
    }

    /** How many times this member received the command. */
    public int commandCount(String member, String command) {
        return replicaSet.commandCount(requireMember(member), command);
    }

    /** Forgets the commands counted so far. */
    public void resetCommandCounts() {
        replicaSet.resetCommandCounts();
    }

    @Override
    public synchronized void close() {
        new ArrayList<>(servers.values()).forEach(MongoServer::shutdownNow);
        servers.clear();
    }

    private String requireMember(String member) {
        if (!ports.containsKey(member)) {
            throw new IllegalArgumentException("not a member of the double: " + member);
        }
        return member;
    }

    /** Configures a {@link MongoReplicaSetDouble}. */
    public static final class Builder {
        private final List<String> members = new ArrayList<>();
        private String replicaSetName = "rs0";
        private DatabaseCredentials admin = new DatabaseCredentials("root", "root-password");
        private MongoMemberState newMemberState = MongoMemberState.SECONDARY;
        private Clock clock = Clock.systemUTC();
        private MongoBinaryVersion binary = MongoBinaryVersion.parse("7.0.14");

        private Builder() {}

        /** The mongod version every member runs: {@code buildInfo}, wire version, FCV. */
        public Builder binaryVersion(String version) {
            this.binary = MongoBinaryVersion.parse(version);
            return this;
        }

        /** Member names ({@code host:port}), ordinal order. */
        public Builder members(List<String> names) {
            members.addAll(names);
            return this;
        }

        /** Member names ({@code host:port}), ordinal order. */
        public Builder members(String... names) {
            return members(List.of(names));
        }

        /** The {@code --replSet} name the members were started with; {@code rs0} by default. */
        public Builder replicaSetName(String name) {
            this.replicaSetName = name;
            return this;
        }

        /** The admin user that exists from the start. */
        public Builder admin(DatabaseCredentials credentials) {
            this.admin = credentials;
            return this;
        }

        /**
         * The state members other than the initiating one take when they join (initiate or
         * reconfig): SECONDARY at once by default, or e.g. STARTUP2 to test an initial sync.
         */
        public Builder newMembersStartIn(MongoMemberState state) {
            this.newMemberState = state;
            return this;
        }

        /** The clock behind {@code localTime} and optimes. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Binds every member to a loopback port. */
        public MongoReplicaSetDouble start() {
            if (members.isEmpty()) {
                throw new IllegalStateException("a replica set double needs at least one member");
            }
            return new MongoReplicaSetDouble(this);
        }
    }
}
