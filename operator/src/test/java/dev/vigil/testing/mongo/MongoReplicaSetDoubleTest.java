package dev.vigil.testing.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoSecurityException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.connection.ClusterConnectionMode;
import dev.vigil.engine.DatabaseCredentials;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The double answers the real driver as MongoDB would, including its refusals. */
class MongoReplicaSetDoubleTest {

    private static final DatabaseCredentials ADMIN = new DatabaseCredentials("root", "Adm1n-pw");
    private static final List<String> MEMBERS =
            List.of("db-0.db:27017", "db-1.db:27017", "db-2.db:27017", "db-3.db:27017");

    private MongoReplicaSetDouble replicaSet;
    private final List<MongoClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        replicaSet = MongoReplicaSetDouble.builder().members(MEMBERS).admin(ADMIN).start();
    }

    @AfterEach
    void stop() {
        clients.forEach(MongoClient::close);
        replicaSet.close();
    }

    private Document run(String member, DatabaseCredentials credentials, Document command) {
        String[] hostPort = member.split(":");
        InetSocketAddress socket =
                replicaSet.resolver().resolve(hostPort[0], Integer.parseInt(hostPort[1]));
        MongoClientSettings.Builder settings =
                MongoClientSettings.builder()
                        .applyToClusterSettings(
                                c ->
                                        c.hosts(
                                                        List.of(
                                                                new ServerAddress(
                                                                        socket.getHostString(),
                                                                        socket.getPort())))
                                                .mode(ClusterConnectionMode.SINGLE)
                                                .serverSelectionTimeout(2, TimeUnit.SECONDS));
        if (credentials != null) {
            settings.credential(
                    MongoCredential.createScramSha256Credential(
                            credentials.username(), "admin", credentials.password().toCharArray()));
        }
        MongoClient client = MongoClients.create(settings.build());
        clients.add(client);
        return client.getDatabase("admin").runCommand(command);
    }

    private Document asAdmin(String member, Document command) {
        return run(member, ADMIN, command);
    }

    private static Document initiateCommand(List<String> hosts) {
        List<Document> members = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            members.add(new Document("_id", i).append("host", hosts.get(i)));
        }
        return new Document(
                "replSetInitiate", new Document("_id", "rs0").append("members", members));
    }

    private static int code(Runnable call) {
        try {
            call.run();
        } catch (MongoCommandException e) {
            return e.getErrorCode();
        }
        throw new AssertionError("the command succeeded");
    }

    @Test
    void authenticatesWithScramSha256AndRefusesAWrongPassword() {
        assertThat(asAdmin(MEMBERS.get(0), new Document("ping", 1)).get("ok")).isEqualTo(1.0);
        assertThat(replicaSet.commandCount("saslStart")).isPositive();
        assertThat(replicaSet.commandCount("saslContinue")).isPositive();

        assertThatThrownBy(
                        () ->
                                run(
                                        MEMBERS.get(0),
                                        new DatabaseCredentials("root", "wrong"),
                                        new Document("ping", 1)))
                .isInstanceOf(MongoSecurityException.class)
                .cause()
                .isInstanceOfSatisfying(
                        MongoCommandException.class,
                        e -> {
                            assertThat(e.getErrorCode()).isEqualTo(18);
                            assertThat(e.getErrorCodeName()).isEqualTo("AuthenticationFailed");
                        });
    }

    @Test
    void refusesReplicaSetCommandsWithoutAuthentication() {
        assertThat(code(() -> run(MEMBERS.get(0), null, new Document("replSetGetStatus", 1))))
                .isEqualTo(13);
    }

    @Test
    void answersHelloBeforeAndAfterInitiate() {
        Document before = run(MEMBERS.get(1), null, new Document("hello", 1));
        assertThat(before.getBoolean("isWritablePrimary")).isFalse();
        assertThat(before.getBoolean("isreplicaset")).isTrue();
        assertThat(before.containsKey("setName")).isFalse();

        replicaSet.initiate(MEMBERS.subList(0, 3));
        Document after = run(MEMBERS.get(1), null, new Document("hello", 1));

        assertThat(after.getBoolean("isWritablePrimary")).isFalse();
        assertThat(after.getBoolean("secondary")).isTrue();
        assertThat(after.getString("setName")).isEqualTo("rs0");
        assertThat(after.getString("primary")).isEqualTo(MEMBERS.get(0));
        assertThat(after.getString("me")).isEqualTo(MEMBERS.get(1));
        assertThat(after.getList("hosts", String.class)).isEqualTo(MEMBERS.subList(0, 3));
    }

    @Test
    void initiateFollowsMongoDbRules() {
        assertThat(code(() -> asAdmin(MEMBERS.get(0), new Document("replSetGetStatus", 1))))
                .isEqualTo(94);
        // The node that runs replSetInitiate must be in the configuration.
        assertThat(code(() -> asAdmin(MEMBERS.get(3), initiateCommand(MEMBERS.subList(0, 3)))))
                .isEqualTo(93);

        asAdmin(MEMBERS.get(0), initiateCommand(MEMBERS.subList(0, 3)));

        assertThat(code(() -> asAdmin(MEMBERS.get(0), initiateCommand(MEMBERS.subList(0, 3)))))
                .isEqualTo(23);
        Document status = asAdmin(MEMBERS.get(0), new Document("replSetGetStatus", 1));
        assertThat(status.getList("members", Document.class))
                .extracting(m -> m.getString("stateStr"))
                .containsExactly("PRIMARY", "SECONDARY", "SECONDARY");
    }

    @Test
    void reconfigAcceptsOneVotingMemberChangeAtATimeOnThePrimary() {
        replicaSet.initiate(MEMBERS.subList(0, 2));
        Document config =
                asAdmin(MEMBERS.get(0), new Document("replSetGetConfig", 1))
                        .get("config", Document.class);
        List<Document> members = new ArrayList<>(config.getList("members", Document.class));
        members.add(new Document("_id", 2).append("host", MEMBERS.get(2)));
        members.add(new Document("_id", 3).append("host", MEMBERS.get(3)));
        Document twoAdded = new Document(config).append("members", members).append("version", 2);

        assertThat(code(() -> asAdmin(MEMBERS.get(0), new Document("replSetReconfig", twoAdded))))
                .isEqualTo(103);

        Document oneAdded =
                new Document(config).append("members", members.subList(0, 3)).append("version", 1);
        assertThat(code(() -> asAdmin(MEMBERS.get(0), new Document("replSetReconfig", oneAdded))))
                .as("version must grow")
                .isEqualTo(103);

        oneAdded.put("version", 2);
        assertThat(code(() -> asAdmin(MEMBERS.get(1), new Document("replSetReconfig", oneAdded))))
                .as("only on the primary")
                .isEqualTo(10107);

        asAdmin(MEMBERS.get(0), new Document("replSetReconfig", oneAdded));
        assertThat(replicaSet.config().orElseThrow().hosts()).isEqualTo(MEMBERS.subList(0, 3));
        assertThat(replicaSet.config().orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void theSetIsNamedOnceAtInitiateAndAReconfigKeepsThatReplicaSetId() {
        replicaSet.initiate(MEMBERS.subList(0, 2));
        Document config =
                asAdmin(MEMBERS.get(0), new Document("replSetGetConfig", 1))
                        .get("config", Document.class);
        ObjectId id = config.get("settings", Document.class).getObjectId("replicaSetId");
        assertThat(id).isNotNull();

        Document withoutSettings = new Document(config).append("version", 2);
        withoutSettings.remove("settings");
        asAdmin(MEMBERS.get(0), new Document("replSetReconfig", withoutSettings));
        Document kept =
                asAdmin(MEMBERS.get(0), new Document("replSetGetConfig", 1))
                        .get("config", Document.class);
        assertThat(kept.get("settings", Document.class).getObjectId("replicaSetId")).isEqualTo(id);

        Document renamed =
                new Document(kept)
                        .append("version", 3)
                        .append("settings", new Document("replicaSetId", new ObjectId()));
        assertThat(code(() -> asAdmin(MEMBERS.get(0), new Document("replSetReconfig", renamed))))
                .isEqualTo(103);
    }

    @Test
    void getDiagnosticDataSamplesServerStatusForAnAuthenticatedClientOnly() {
        replicaSet.initiate(MEMBERS.subList(0, 2));
        assertThat(code(() -> run(MEMBERS.get(1), null, new Document("getDiagnosticData", 1))))
                .isEqualTo(13);

        Document data =
                asAdmin(MEMBERS.get(1), new Document("getDiagnosticData", 1))
                        .get("data", Document.class);

        assertThat(data.getDate("start")).isNotNull().isEqualTo(data.getDate("end"));
        Document serverStatus = data.get("serverStatus", Document.class);
        assertThat(serverStatus.getString("process")).isEqualTo("mongod");
        assertThat(serverStatus.get("connections", Document.class).getInteger("current"))
                .isPositive();
        assertThat(serverStatus.get("repl", Document.class).getBoolean("secondary")).isTrue();
        assertThat(serverStatus).doesNotContainKey("ok");
        // The refused getDiagnosticData above counts as a failed command, the one after it not
        // yet; no read ran, and reads are listed all the same.
        Document commands =
                serverStatus.get("metrics", Document.class).get("commands", Document.class);
        assertThat(commands.get("getDiagnosticData", Document.class))
                .containsEntry("failed", 1L)
                .containsEntry("total", 1L);
        assertThat(commands.get("find", Document.class))
                .containsEntry("failed", 0L)
                .containsEntry("total", 0L);
        Document opLatencies = serverStatus.get("opLatencies", Document.class);
        assertThat(opLatencies.get("reads", Document.class)).containsEntry("ops", 0L);
        assertThat(opLatencies.get("commands", Document.class).getLong("ops")).isPositive();
    }

    @Test
    void reconfigOnThePrimaryCannotRemoveThePrimary() {
        replicaSet.initiate(MEMBERS.subList(0, 3));
        Document config =
                asAdmin(MEMBERS.get(0), new Document("replSetGetConfig", 1))
                        .get("config", Document.class);
        List<Document> members = config.getList("members", Document.class);
        Document withoutPrimary =
                new Document(config).append("members", members.subList(1, 3)).append("version", 2);

        assertThatThrownBy(
                        () ->
                                asAdmin(
                                        MEMBERS.get(0),
                                        new Document("replSetReconfig", withoutPrimary)))
                .isInstanceOfSatisfying(
                        MongoCommandException.class,
                        e -> {
                            assertThat(e.getErrorCode()).isEqualTo(103);
                            assertThat(e.getErrorCodeName())
                                    .isEqualTo("NewReplicaSetConfigurationIncompatible");
                            assertThat(e.getErrorMessage()).contains("maps to this node");
                        });
        assertThat(replicaSet.config().orElseThrow().hosts()).isEqualTo(MEMBERS.subList(0, 3));
    }

    @Test
    void aMemberThatSteppedDownIsNoSuccessorWithinItsStepDownPeriod() {
        replicaSet.initiate(MEMBERS.subList(0, 3));
        Document stepDown =
                new Document("replSetStepDown", 60).append("secondaryCatchUpPeriodSecs", 10);

        asAdmin(MEMBERS.get(0), stepDown);
        asAdmin(MEMBERS.get(1), stepDown);

        assertThat(
                        asAdmin(MEMBERS.get(2), new Document("hello", 1))
                                .getBoolean("isWritablePrimary"))
                .as("member 0 stepped down a moment ago, so member 2 succeeds member 1")
                .isTrue();
    }

    @Test
    void stepDownHandsThePrimaryToTheFirstElectableSecondary() {
        replicaSet.initiate(MEMBERS.subList(0, 3));
        replicaSet.setHealthy(MEMBERS.get(1), false);

        Document reply =
                asAdmin(
                        MEMBERS.get(0),
                        new Document("replSetStepDown", 60)
                                .append("secondaryCatchUpPeriodSecs", 10));

        assertThat(reply.get("ok")).isEqualTo(1.0);
        Document hello = asAdmin(MEMBERS.get(0), new Document("hello", 1));
        assertThat(hello.getBoolean("isWritablePrimary")).isFalse();
        assertThat(hello.getBoolean("secondary")).isTrue();
        assertThat(hello.getString("primary"))
                .as("member 1 is unhealthy")
                .isEqualTo(MEMBERS.get(2));
        Document status = asAdmin(MEMBERS.get(2), new Document("replSetGetStatus", 1));
        assertThat(status.getList("members", Document.class))
                .extracting(m -> m.getString("stateStr"))
                .containsExactly("SECONDARY", "(not reachable/healthy)", "PRIMARY");
        assertThat(replicaSet.config().orElseThrow().version())
                .as("a step-down leaves the configuration alone")
                .isEqualTo(1);
    }

    @Test
    void stepDownFollowsMongoDbRules() {
        replicaSet.initiate(MEMBERS.subList(0, 2));

        assertThat(code(() -> asAdmin(MEMBERS.get(1), new Document("replSetStepDown", 60))))
                .as("only on the primary")
                .isEqualTo(10107);
        assertThat(
                        code(
                                () ->
                                        asAdmin(
                                                MEMBERS.get(0),
                                                new Document("replSetStepDown", 5)
                                                        .append("secondaryCatchUpPeriodSecs", 10))))
                .as("the step-down period must outlast the catch-up period")
                .isEqualTo(2);

        replicaSet.setHealthy(MEMBERS.get(1), false);
        assertThat(code(() -> asAdmin(MEMBERS.get(0), new Document("replSetStepDown", 60))))
                .as("no electable secondary")
                .isEqualTo(262);
        assertThat(
                        asAdmin(MEMBERS.get(0), new Document("hello", 1))
                                .getBoolean("isWritablePrimary"))
                .isTrue();
    }

    @Test
    void userCommandsFollowMongoDbRules() {
        replicaSet.initiate(MEMBERS.subList(0, 3));
        Document create =
                new Document("createUser", "app")
                        .append("pwd", "app-pw")
                        .append("roles", List.of(new Document("role", "read").append("db", "x")));

        asAdmin(MEMBERS.get(0), create);

        assertThat(code(() -> asAdmin(MEMBERS.get(0), create))).isEqualTo(51003);
        assertThat(code(() -> asAdmin(MEMBERS.get(1), create))).as("not primary").isEqualTo(10107);
        assertThat(
                        code(
                                () ->
                                        asAdmin(
                                                MEMBERS.get(0),
                                                new Document("updateUser", "nobody")
                                                        .append("pwd", "x"))))
                .isEqualTo(11);
        Document info =
                asAdmin(
                        MEMBERS.get(0),
                        new Document(
                                "usersInfo", new Document("user", "app").append("db", "admin")));
        assertThat(info.getList("users", Document.class))
                .singleElement()
                .satisfies(u -> assertThat(u.getString("user")).isEqualTo("app"));
        assertThat(replicaSet.passwordMatches("app", "app-pw")).isTrue();
        assertThat(
                        run(
                                        MEMBERS.get(2),
                                        new DatabaseCredentials("app", "app-pw"),
                                        new Document("ping", 1))
                                .get("ok"))
                .isEqualTo(1.0);
    }

    @Test
    void aMemberMadeReachableAgainAnswersWhereTheResolverLeads() {
        String member = MEMBERS.get(1);
        replicaSet.makeUnreachable(member);
        assertThatThrownBy(() -> asAdmin(member, new Document("ping", 1)))
                .isInstanceOf(RuntimeException.class);

        replicaSet.makeReachable(member);

        assertThat(asAdmin(member, new Document("ping", 1)).get("ok")).isIn(1, 1.0);
    }
}
