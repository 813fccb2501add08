package dev.vigil.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.engine.exporter.HttpExporterProbe;
import dev.vigil.engine.mongodb.DriverMongoReplicaSetClient;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter sidecar the operator renders, run through {@link MongodbExporterRuntime} next to
 * mongod pods, read by the operator's real {@link HttpExporterProbe}.
 */
class MongodbExporterRuntimeTest {

    private static final String EXPORTER = "percona/mongodb_exporter:0.47.1";
    private static final String MONGO_7 = "mongo:7.0.14";

    @TempDir Path root;

    private MongoPodFixture pods;
    private MongoContainerRuntime mongo;
    private final MongodbExporterRuntime exporters = new MongodbExporterRuntime();
    private final List<RunningContainer> running = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        pods = new MongoPodFixture(root);
        mongo =
                new MongoContainerRuntime(
                        Clock.systemUTC(), Duration.ofMillis(500), "cluster.local", Set.of());
        for (int i = 0; i < 3; i++) {
            running.add(pods.startMongod(mongo, i, MONGO_7));
        }
        DriverMongoReplicaSetClient client =
                new DriverMongoReplicaSetClient(pods.dns(), Duration.ofSeconds(2));
        client.converge("rs0", pods.members(3), pods.admin());
        client.ensureMonitoringUser(pods.members(3), pods.admin(), pods.monitoring());
    }

    @AfterEach
    void stop() {
        running.forEach(RunningContainer::close);
    }

    private ContainerLaunch exporterOf(int ordinal) {
        Pod pod = pods.pod(ordinal, MONGO_7);
        return pods.launch(pod, ordinal, pods.newPodDirectory(ordinal), "exporter", false);
    }

    private RunningContainer startExporter(ContainerLaunch launch) throws Exception {
        RunningContainer exporter = exporters.start(launch);
        running.add(exporter);
        await().atMost(Duration.ofSeconds(5)).until(exporter::ready);
        return exporter;
    }

    private OptionalDouble mongodbUp(int ordinal) throws Exception {
        return new HttpExporterProbe(pods.dns(), Duration.ofSeconds(5))
                .read("catalog-" + ordinal + MongoPodFixture.DOMAIN + ":9216", "mongodb_up");
    }

    private String page(int ordinal) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://" + pods.ip(ordinal) + ":9216/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void runsOnlyPerconasExporterImage() {
        assertThat(exporters.canRun(EXPORTER)).isTrue();
        assertThat(exporters.canRun("docker.io/percona/mongodb_exporter:0.40")).isTrue();
        assertThat(exporters.canRun("percona/mongodb_exporter:latest")).isFalse();
        assertThat(exporters.canRun("quay.io/prometheuscommunity/postgres-exporter:v0.17.1"))
                .isFalse();
    }

    @Test
    void withTheMonitoringUsersCredentialsItReportsItsMemberUpAndTheSet() throws Exception {
        startExporter(exporterOf(1));

        assertThat(mongodbUp(1)).hasValue(1.0);
        String page = page(1);
        String member0 = pods.member(0);
        assertThat(page)
                .contains(
                        "mongodb_rs_members_health{member_idx=\""
                                + member0
                                + "\",member_state=\"PRIMARY\",rs_nm=\"rs0\",rs_state=\"2\"} 1",
                        "mongodb_rs_members_state{member_idx=\""
                                + pods.member(1)
                                + "\",member_state=\"SECONDARY\",rs_nm=\"rs0\",rs_state=\"2\"} 2",
                        "mongodb_rs_members_optimeDate{member_idx=\"" + member0,
                        "mongodb_ss_connections{conn_type=\"current\"}",
                        "mongodb_ss_connections{conn_type=\"available\"}",
                        "mongodb_ss_opcounters{legacy_op_type=\"command\"}",
                        "mongodb_ss_uptime ");
    }

    @Test
    void aStoppedMemberShowsDownInTheSetAndItsOwnExporterReportsItDown() throws Exception {
        startExporter(exporterOf(0));
        startExporter(exporterOf(2));

        running.get(2).close();

        assertThat(mongodbUp(2)).hasValue(0.0);
        assertThat(page(0))
                .contains(
                        "mongodb_rs_members_health{member_idx=\""
                                + pods.member(2)
                                + "\",member_state=\"(not reachable/healthy)\"");
    }

    @Test
    void withAWrongPasswordItReportsMongodbDownAndNeverPrintsIt() throws Exception {
        ContainerLaunch launch =
                MongoPodFixture.withEnv(exporterOf(0), "MONGODB_PASSWORD", "not-the-password");
        startExporter(launch);

        assertThat(mongodbUp(0)).hasValue(0.0);
        assertThat(page(0)).doesNotContain("mongodb_rs_");
        assertThat(Files.readString(launch.logFile()))
                .contains("cannot connect to MongoDB")
                .doesNotContain("not-the-password")
                .doesNotContain(pods.monitoring().password());
    }

    @Test
    void withoutAUriItExitsAsTheExporterDoes() throws Exception {
        ContainerLaunch launch = exporterOf(0);
        ContainerLaunch withoutUri =
                new ContainerLaunch(
                        launch.pod(),
                        new io.fabric8.kubernetes.api.model.ContainerBuilder(launch.container())
                                .withArgs("--web.listen-address=:9216")
                                .build(),
                        false,
                        launch.podIp(),
                        launch.env(),
                        launch.mounts(),
                        launch.logFile(),
                        launch.dns());

        assertThat(exporters.start(withoutUri).exitCode()).hasValue(1);
    }
}
