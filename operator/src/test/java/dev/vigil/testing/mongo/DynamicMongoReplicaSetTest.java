package dev.vigil.testing.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.connection.ClusterConnectionMode;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.testing.MutableClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Members that stop, restart and elect; data files that outlive the process; the
 * featureCompatibilityVersion and binary version as the MongoDB manual describes them.
 */
class DynamicMongoReplicaSetTest {

    private static final DatabaseCredentials ROOT = new DatabaseCredentials("root", "R00t-pw");
    private static final List<String> MEMBERS =
            List.of("m-0.m:27017", "m-1.m:27017", "m-2.m:27017");
    private static final Duration ELECTION_TIMEOUT = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final DynamicMongoReplicaSet replicaSet =
            new DynamicMongoReplicaSet("rs0", clock, ELECTION_TIMEOUT);
    private final Map<String, MongoNodeData> volumes = new LinkedHashMap<>();
    private final Map<String, RunningMongoMember> running = new LinkedHashMap<>();
    private final List<MongoClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(MongoClient::close);
        running.values().forEach(RunningMongoMember::close);
    }

    private RunningMongoMember start(String member, String version)
            throws MongoStartupRefusedException {
        MongoBinaryVersion binary = MongoBinaryVersion.parse(version);
        MongoNodeData data =
                volumes.computeIfAbsent(
                        member,
                        m -> {
                            MongoNodeData fresh = MongoNodeData.fresh(binary);
                            fresh.createRootUser(ROOT);
                            return fresh;
                        });
        RunningMongoMember started =
                replicaSet.start(member, new InetSocketAddress("127.0.0.1", 0), data, binary);
        running.put(member, started);
        return started;
    }

    private void startAll(String version) throws MongoStartupRefusedException {
        for (String member : MEMBERS) {
            start(member, version);
        }
    }

    private Document run(String member, Document command) {
        InetSocketAddress socket = running.get(member).address();
        MongoClient client =
                MongoClients.create(
                        MongoClientSettings.builder()
                                .credential(
                                        MongoCredential.createScramSha256Credential(
                                                ROOT.username(),
                                                "admin",
                                                ROOT.password().toCharArray()))
                                .applyToClusterSettings(
                                        c ->
                                                c.hosts(
                                                                List.of(
                                                                        new ServerAddress(
                                                                                socket
                                                                                        .getHostString(),
                                                                                socket.getPort())))
                                                        .mode(ClusterConnectionMode.SINGLE)
                                                        .serverSelectionTimeout(
                                                                2, TimeUnit.SECONDS))
                                .build());
        clients.add(client);
        return client.getDatabase("admin").runCommand(command);
    }

    private void initiate() {
        List<Document> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS.size(); i++) {
            members.add(new Document("_id", i).append("host", MEMBERS.get(i)));
        }
        run(
                MEMBERS.get(0),
                new Document(
                        "replSetInitiate", new Document("_id", "rs0").append("members", members)));
    }

    private String fcvSeenBy(String member) {
        return run(member, new Document("getParameter", 1).append("featureCompatibilityVersion", 1))
                .get("featureCompatibilityVersion", Document.class)
                .getString("version");
    }

    private void setFcv(String member, String version, boolean confirm) {
        Document command = new Document("setFeatureCompatibilityVersion", version);
        if (confirm) {
            command.append("confirm", true);
        }
        run(member, command);
    }

    private static int code(Runnable call) {
        try {
            call.run();
        } catch (MongoCommandException e) {
            return e.getErrorCode();
        }
        throw new AssertionError("the command succeeded");
    }

    private Map<String, String> states(String asking) {
        Map<String, String> states = new LinkedHashMap<>();
        for (Document m :
                run(asking, new Document("replSetGetStatus", 1))
                        .getList("members", Document.class)) {
            states.put(m.getString("name"), m.getString("stateStr"));
        }
        return states;
    }

    @Test
    void reportsTheBinaryVersionOfEachMember() throws Exception {
        start(MEMBERS.get(0), "7.0.14");
        start(MEMBERS.get(1), "8.0.3");

        assertThat(run(MEMBERS.get(0), new Document("buildInfo", 1)).getString("version"))
                .isEqualTo("7.0.14");
        assertThat(
                        run(MEMBERS.get(1), new Document("buildInfo", 1))
                                .getList("versionArray", Integer.class))
                .containsExactly(8, 0, 3, 0);
        assertThat(run(MEMBERS.get(1), new Document("hello", 1)).getInteger("maxWireVersion"))
                .isEqualTo(25);
    }

    @Test
    void aNewSetStartsWithTheFcvOfItsBinaryAndChangesItOnlyAsMongoDbAllows() throws Exception {
        startAll("8.0.3");
        initiate();

        assertThat(fcvSeenBy(MEMBERS.get(1))).isEqualTo("8.0");
        // 7.0 and later want the change confirmed, only the primary makes it, and only to a
        // version the binary supports.
        assertThat(code(() -> setFcv(MEMBERS.get(0), "7.0", false))).isEqualTo(7369100);
        assertThat(code(() -> setFcv(MEMBERS.get(1), "7.0", true))).isEqualTo(10107);
        assertThat(code(() -> setFcv(MEMBERS.get(0), "6.0", true))).isEqualTo(2);

        setFcv(MEMBERS.get(0), "7.0", true);

        assertThat(fcvSeenBy(MEMBERS.get(2))).isEqualTo("7.0");
        assertThat(replicaSet.featureCompatibilityVersion()).hasValue("7.0");
    }

    @Test
    void mongoDb6DoesNotKnowTheConfirmField() throws Exception {
        startAll("6.0.16");
        initiate();

        assertThat(code(() -> setFcv(MEMBERS.get(0), "5.0", true))).isEqualTo(40415);
        setFcv(MEMBERS.get(0), "5.0", false);

        assertThat(fcvSeenBy(MEMBERS.get(0))).isEqualTo("5.0");
    }

    @Test
    void aBinaryOlderThanTheSetsFcvRefusesToStartAndTheUpgradedOneStarts() throws Exception {
        startAll("8.0.3");
        initiate();
        running.remove(MEMBERS.get(2)).close();

        assertThatThrownBy(() -> start(MEMBERS.get(2), "7.0.14"))
                .isInstanceOfSatisfying(
                        MongoStartupRefusedException.class,
                        e -> {
                            assertThat(e.exitCode()).isEqualTo(62);
                            assertThat(e.getMessage()).contains("UPGRADE PROBLEM", "\"8.0\"");
                        });
        assertThat(replicaSet.isRunning(MEMBERS.get(2))).isFalse();

        start(MEMBERS.get(2), "8.0.4");
        assertThat(run(MEMBERS.get(2), new Document("buildInfo", 1)).getString("version"))
                .isEqualTo("8.0.4");
    }

    @Test
    void aStoppedPrimaryIsReplacedAfterTheElectionTimeoutAndComesBackAsSecondary()
            throws Exception {
        startAll("7.0.14");
        initiate();

        running.remove(MEMBERS.get(0)).close();
        assertThat(states(MEMBERS.get(1)))
                .containsEntry(MEMBERS.get(0), "(not reachable/healthy)")
                .doesNotContainValue("PRIMARY");

        clock.advance(ELECTION_TIMEOUT);
        assertThat(states(MEMBERS.get(1)))
                .containsEntry(MEMBERS.get(1), "PRIMARY")
                .containsEntry(MEMBERS.get(2), "SECONDARY");

        start(MEMBERS.get(0), "7.0.14");
        assertThat(states(MEMBERS.get(0)))
                .containsEntry(MEMBERS.get(0), "SECONDARY")
                .containsEntry(MEMBERS.get(1), "PRIMARY");
    }

    @Test
    void withoutAMajorityThePrimaryStepsDownAndNobodyIsElected() throws Exception {
        startAll("7.0.14");
        initiate();

        running.remove(MEMBERS.get(1)).close();
        running.remove(MEMBERS.get(2)).close();
        clock.advance(ELECTION_TIMEOUT.multipliedBy(2));

        assertThat(states(MEMBERS.get(0))).doesNotContainValue("PRIMARY");
    }

    @Test
    void usersLiveInTheDataFilesUntilTheMemberJoinsThenTheSetsAreUsed() throws Exception {
        startAll("7.0.14");
        initiate();
        run(
                MEMBERS.get(0),
                new Document("createUser", "monitor")
                        .append("pwd", "M0n-pw")
                        .append(
                                "roles",
                                List.of(
                                        new Document("role", "clusterMonitor")
                                                .append("db", "admin"))));

        // The restarted member has the same data files and reads the set's users.
        running.remove(MEMBERS.get(2)).close();
        start(MEMBERS.get(2), "7.0.14");
        assertThat(
                        run(MEMBERS.get(2), new Document("usersInfo", "monitor"))
                                .getList("users", Document.class))
                .hasSize(1);
        assertThat(replicaSet.passwordMatches("monitor", "M0n-pw")).isTrue();
        // A member that is in no configuration has only what its own data files hold.
        start("m-3.m:27017", "7.0.14");
        assertThat(
                        run("m-3.m:27017", new Document("usersInfo", "monitor"))
                                .getList("users", Document.class))
                .isEmpty();
    }
}
