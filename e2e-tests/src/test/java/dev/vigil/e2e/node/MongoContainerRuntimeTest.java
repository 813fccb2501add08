package dev.vigil.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.MongoSecurityException;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.DatabaseUnreachableException;
import dev.vigil.engine.mongodb.DriverMongoReplicaSetClient;
import dev.vigil.engine.mongodb.ReplicaSetObservation;
import dev.vigil.engine.mongodb.ReplicaSetObservation.Action;
import dev.vigil.engine.mongodb.ReplicaSetObservation.MemberState;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MongoDB pods rendered by the operator, run through {@link MongoContainerRuntime} and driven by
 * the operator's real {@link DriverMongoReplicaSetClient}, as on a cluster.
 */
class MongoContainerRuntimeTest {

    private static final String MONGO_7 = "mongo:7.0.14";
    private static final Duration ELECTION_TIMEOUT = Duration.ofMillis(500);

    @TempDir Path root;

    private MongoPodFixture pods;
    private MongoContainerRuntime runtime;
    private DriverMongoReplicaSetClient client;
    private final Map<Integer, RunningContainer> running = new HashMap<>();

    @BeforeEach
    void start() {
        pods = new MongoPodFixture(root);
        runtime =
                new MongoContainerRuntime(
                        Clock.systemUTC(), ELECTION_TIMEOUT, "cluster.local", Set.of());
        client = new DriverMongoReplicaSetClient(pods.dns(), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        running.values().forEach(RunningContainer::close);
    }

    private RunningContainer startPod(int ordinal, String image) throws Exception {
        RunningContainer mongod = pods.startMongod(runtime, ordinal, image);
        running.put(ordinal, mongod);
        return mongod;
    }

    private void deletePod(int ordinal) {
        running.remove(ordinal).close();
    }

    private void startSet(int members, String image) throws Exception {
        for (int i = 0; i < members; i++) {
            assertThat(startPod(i, image).ready()).isTrue();
        }
    }

    private ReplicaSetObservation converge(int members) throws Exception {
        return client.converge("rs0", pods.members(members), pods.admin());
    }

    private Map<String, String> states(ReplicaSetObservation observation) {
        return observation.members().stream()
                .collect(
                        Collectors.toMap(
                                MemberState::host, m -> m.healthy() ? m.state() : "unhealthy"));
    }

    private Document asAdmin(int ordinal, Document command) {
        return MongoTestClient.run(pods.dns(), pods.member(ordinal), pods.admin(), command);
    }

    private String fcv(int ordinal) {
        return asAdmin(
                        ordinal,
                        new Document("getParameter", 1).append("featureCompatibilityVersion", 1))
                .get("featureCompatibilityVersion", Document.class)
                .getString("version");
    }

    @Test
    void pullsOnlyMongoDb5To8Images() {
        assertThat(
                        List.of(
                                "mongo:7.0.14",
                                "mongo:7.0",
                                "mongo:8.0.3",
                                "docker.io/library/mongo:6.0.16",
                                "mongo:5.0.31"))
                .allMatch(runtime::canRun);
        assertThat(
                        List.of(
                                "mongo:4.4.29",
                                "mongo:latest",
                                "mongo:7.0.14-jammy",
                                "mongo:9.0.0",
                                "postgres:16.4",
                                "registry.example.com/mirror/mongo:6.0.16"))
                .noneMatch(runtime::canRun);
        assertThat(
                        new MongoContainerRuntime(
                                        Clock.systemUTC(),
                                        ELECTION_TIMEOUT,
                                        "cluster.local",
                                        Set.of("registry.example.com/mirror/mongo"))
                                .canRun("registry.example.com/mirror/mongo:6.0.16"))
                .isTrue();
    }

    @Test
    void theKeyfileInitContainerCopiesTheKeyForMongodOnly() throws Exception {
        var pod = pods.pod(0, MONGO_7);
        Path podDir = pods.newPodDirectory(0);

        RunningContainer init = runtime.start(pods.launch(pod, 0, podDir, "keyfile", true));

        assertThat(init.exitCode()).hasValue(0);
        Path copied = podDir.resolve("volumes/keyfile/keyfile");
        assertThat(Files.getPosixFilePermissions(copied))
                .containsExactly(PosixFilePermission.OWNER_READ);
        assertThat(copied)
                .hasSameTextualContentAs(podDir.resolve("volumes/keyfile-secret/keyfile"));
        // And again on a restart, over its own read-only copy.
        assertThat(runtime.start(pods.launch(pod, 0, podDir, "keyfile", true)).exitCode())
                .hasValue(0);
    }

    @Test
    void mongodWithoutItsKeyfileOrWithHalfTheRootUserExits() throws Exception {
        var pod = pods.pod(0, MONGO_7);
        Path podDir = pods.newPodDirectory(0);
        ContainerLaunch mongod = pods.launch(pod, 0, podDir, "mongod", false);

        assertThat(runtime.start(mongod).exitCode()).hasValue(1);
        assertThat(Files.readString(mongod.logFile()))
                .contains("keyfile: No such file or directory");

        runtime.start(pods.launch(pod, 0, podDir, "keyfile", true));
        ContainerLaunch withoutPassword =
                MongoPodFixture.withEnv(mongod, "MONGO_INITDB_ROOT_PASSWORD", null);
        assertThat(runtime.start(withoutPassword).exitCode()).hasValue(1);
        assertThat(Files.readString(mongod.logFile()))
                .contains("both must be specified")
                .doesNotContain(pods.admin().password());
    }

    @Test
    void theOperatorInitiatesASetOfThreeAndCreatesTheMonitoringUser() throws Exception {
        startSet(3, MONGO_7);

        ReplicaSetObservation initiated = converge(3);
        client.ensureMonitoringUser(pods.members(3), pods.admin(), pods.monitoring());
        ReplicaSetObservation status = converge(3);

        assertThat(initiated.action()).isEqualTo(Action.INITIATED);
        assertThat(status.action()).isEqualTo(Action.NONE);
        assertThat(status.converged(pods.members(3))).isTrue();
        assertThat(status.primary()).hasValue(pods.member(0));
        // The monitoring user logs in on a secondary: users are replicated.
        assertThat(
                        MongoTestClient.run(
                                        pods.dns(),
                                        pods.member(2),
                                        pods.monitoring(),
                                        new Document("replSetGetStatus", 1))
                                .getString("set"))
                .isEqualTo("rs0");
        assertThat(asAdmin(1, new Document("buildInfo", 1)).getString("version"))
                .isEqualTo("7.0.14");
    }

    @Test
    void aDeletedPodIsUnreachableAndDownUntilItComesBackWithItsData() throws Exception {
        startSet(3, MONGO_7);
        converge(3);
        client.ensureMonitoringUser(pods.members(3), pods.admin(), pods.monitoring());

        deletePod(2);

        assertThatThrownBy(() -> new Socket(pods.ip(2), 27017).close())
                .isInstanceOf(ConnectException.class);
        assertThat(states(converge(3))).containsEntry(pods.member(2), "unhealthy");

        startPod(2, MONGO_7);

        assertThat(states(converge(3)))
                .containsEntry(pods.member(2), "SECONDARY")
                .containsEntry(pods.member(0), "PRIMARY");
    }

    @Test
    void everyPodReCreatedOnItsClaimKeepsUsersConfigurationAndFcv() throws Exception {
        startSet(3, MONGO_7);
        converge(3);
        client.ensureMonitoringUser(pods.members(3), pods.admin(), pods.monitoring());

        for (int i = 0; i < 3; i++) {
            deletePod(i);
        }
        startSet(3, MONGO_7);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(converge(3).converged(pods.members(3))).isTrue());
        assertThat(converge(3).action()).isEqualTo(Action.NONE);
        assertThat(
                        MongoTestClient.run(
                                        pods.dns(),
                                        pods.member(1),
                                        pods.monitoring(),
                                        new Document("ping", 1))
                                .get("ok"))
                .isEqualTo(1.0);
        assertThat(fcv(0)).isEqualTo("7.0");
    }

    @Test
    void aKilledPrimaryIsReplacedAndReturnsAsSecondary() throws Exception {
        startSet(3, MONGO_7);
        converge(3);

        deletePod(0);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> {
                            ReplicaSetObservation seen = converge(3);
                            assertThat(seen.primary()).hasValue(pods.member(1));
                            assertThat(states(seen)).containsEntry(pods.member(0), "unhealthy");
                        });
        startPod(0, MONGO_7);
        assertThat(states(converge(3))).containsEntry(pods.member(0), "SECONDARY");
    }

    @Test
    void aPodAddedByScaleUpJoinsTheSameSet() throws Exception {
        startSet(3, MONGO_7);
        converge(3);

        startPod(3, MONGO_7);
        ReplicaSetObservation added = converge(4);

        assertThat(added.action()).isEqualTo(Action.MEMBER_ADDED);
        assertThat(added.configuredMembers()).containsExactlyElementsOf(pods.members(4));
        assertThat(converge(4).converged(pods.members(4))).isTrue();
        // The new member serves the set's users, not only the root user its entrypoint created.
        client.ensureMonitoringUser(pods.members(4), pods.admin(), pods.monitoring());
        MongoTestClient.run(pods.dns(), pods.member(3), pods.monitoring(), new Document("ping", 1));
    }

    @Test
    void newClaimsForEveryMemberStartANewSet() throws Exception {
        startSet(3, MONGO_7);
        converge(3);
        for (int i = 0; i < 3; i++) {
            deletePod(i);
            pods.deleteClaim(i);
        }

        startSet(3, MONGO_7);

        assertThat(converge(3).action()).isEqualTo(Action.INITIATED);
    }

    @Test
    void fcvFollowsTheManualAndAnOlderBinaryCannotRunOnANewerFcv() throws Exception {
        startSet(3, MONGO_7);
        converge(3);
        // Rolling upgrade to 8.0: the FCV stays 7.0, so going back to 7.0 is still possible.
        for (int i = 2; i >= 0; i--) {
            deletePod(i);
            assertThat(startPod(i, "mongo:8.0.3").ready()).isTrue();
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(converge(3).primary()).isPresent());
        int primary = pods.members(3).indexOf(converge(3).primary().orElseThrow());
        assertThat(asAdmin(2, new Document("buildInfo", 1)).getString("version"))
                .isEqualTo("8.0.3");
        assertThat(fcv(2)).isEqualTo("7.0");
        deletePod(2);
        assertThat(startPod(2, MONGO_7).ready()).isTrue();
        deletePod(2);
        assertThat(startPod(2, "mongo:8.0.3").ready()).isTrue();

        asAdmin(
                primary,
                new Document("setFeatureCompatibilityVersion", "8.0").append("confirm", true));

        assertThat(fcv(2)).isEqualTo("8.0");
        deletePod(2);
        RunningContainer older = startPod(2, MONGO_7);
        assertThat(older.exitCode()).hasValue(62);
        assertThat(older.ready()).isFalse();
    }

    @Test
    void aWrongPasswordIsRefusedAndNoSetIsInitiatedWithoutEveryMember() throws Exception {
        startSet(1, MONGO_7);

        assertThatThrownBy(
                        () ->
                                MongoTestClient.run(
                                        pods.dns(),
                                        pods.member(0),
                                        new DatabaseCredentials(pods.admin().username(), "wrong"),
                                        new Document("ping", 1)))
                .isInstanceOf(MongoSecurityException.class);
        assertThatThrownBy(
                        () ->
                                client.converge(
                                        "rs0",
                                        List.of(pods.member(0), pods.member(1)),
                                        pods.admin()))
                .isInstanceOf(DatabaseUnreachableException.class);
    }
}
