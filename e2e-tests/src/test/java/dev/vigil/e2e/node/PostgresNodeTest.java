package dev.vigil.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.credentials.SecureRandomCredentials;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.DatabaseResources;
import dev.vigil.engine.postgres.JdbcPostgresClient;
import dev.vigil.resources.BuildContext;
import dev.vigil.resources.DesiredResources;
import dev.vigil.testing.kube.MockApiServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real PostgreSQL pods on the simulated node, built from the operator's own rendering of a
 * PostgreSQL {@code MonitoredDatabase}: the real bootstrap script initialises the primary and
 * clones a standby through the read-write Service, the real exporter sidecar reports the server up,
 * data outlive the pod, and a setting PostgreSQL refuses is a crash loop. The test stands in for
 * the StatefulSet controller (it creates the pods and claims) and for the operator (it creates the
 * roles and the slot, through the same client the operator uses).
 */
class PostgresNodeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String NAME = "ledger";
    private static final AtomicInteger CLUSTER_IPS = new AtomicInteger();

    /** Small and not durable: the data are thrown away after the test. */
    private static final Map<String, String> FAST =
            Map.of(
                    "shared_buffers", "16MB",
                    "max_connections", "20",
                    "fsync", "off",
                    "synchronous_commit", "off",
                    "wal_receiver_status_interval", "1s");

    @TempDir static Path work;

    private static MockApiServer api;
    private static KubernetesClient client;
    private static SimulatedNode node;

    @RegisterExtension
    final ContainerLogDump logs =
            new ContainerLogDump(() -> node == null ? null : node.kubelet().logDirectory());

    @BeforeAll
    static void startNode() {
        api = new MockApiServer();
        client = api.client();
        node =
                SimulatedNode.start(
                        client,
                        NodeOptions.defaults(work)
                                .withPodNetwork(TestAddresses.podNetwork())
                                .withBackOff(Duration.ofMillis(500), Duration.ofSeconds(4)),
                        List.of());
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
        api.close();
    }

    @Test
    void aPrimaryAndAStreamingStandbyRunFromTheOperatorsTemplateAndKeepTheirData()
            throws Exception {
        String ns = "pg-node";
        Database db = deploy(ns, FAST);
        DatabaseCredentials superuser = db.credentials(NAME + "-admin");
        JdbcPostgresClient operator = new JdbcPostgresClient(node.dns(), Duration.ofSeconds(10));
        String primary = member(ns, 0);

        db.createMember(0);
        Pod first = awaitPod(ns, NAME + "-0", PostgresNodeTest::ready);

        operator.ensureReplicationRole(primary, superuser, db.credentials(NAME + "-replication"));
        operator.ensureMonitoringRole(primary, superuser, db.credentials(NAME + "-monitoring"));
        operator.ensureReplicationSlots(primary, superuser, Set.of("vigil_1"));
        await("pg_up 1 from the exporter sidecar")
                .atMost(TIMEOUT)
                .ignoreExceptions()
                .until(() -> scrape(first.getStatus().getPodIP()).contains("\npg_up 1"));
        execute(
                primary,
                superuser,
                "CREATE TABLE kept (v text)",
                "INSERT INTO kept VALUES ('before')");

        db.createMember(1);
        awaitPod(ns, NAME + "-1", PostgresNodeTest::ready);
        await("ledger-1 streaming from ledger-0")
                .atMost(TIMEOUT)
                .ignoreExceptions()
                .until(
                        () ->
                                "streaming"
                                        .equals(
                                                query(
                                                        primary,
                                                        superuser,
                                                        "SELECT state FROM pg_stat_replication"
                                                                + " WHERE application_name ="
                                                                + " 'ledger-1'")));
        assertThat(query(member(ns, 1), superuser, "SELECT v FROM kept")).isEqualTo("before");
        assertThat(log(ns, NAME + "-1", "bootstrap"))
                .contains("cloning the primary at " + db.clusterIp(NAME + "-rw"));
        await("the read-write Service reaching the primary through the proxy")
                .atMost(TIMEOUT)
                .ignoreExceptions()
                .until(
                        () ->
                                "primary"
                                        .equals(
                                                query(
                                                        NAME
                                                                + "-rw."
                                                                + ns
                                                                + ".svc.cluster.local:5432",
                                                        superuser,
                                                        "SELECT CASE WHEN pg_is_in_recovery() THEN"
                                                            + " 'standby' ELSE 'primary' END")));

        client.pods().inNamespace(ns).withName(NAME + "-0").delete();
        db.createMember(0);
        Pod second =
                awaitPod(
                        ns,
                        NAME + "-0",
                        p ->
                                ready(p)
                                        && !p.getMetadata()
                                                .getUid()
                                                .equals(first.getMetadata().getUid()));

        assertThat(second.getStatus().getPodIP()).isNotEqualTo(first.getStatus().getPodIP());
        assertThat(query(primary, superuser, "SELECT v FROM kept")).isEqualTo("before");
        assertThat(log(ns, NAME + "-0", "bootstrap"))
                .contains("existing data: starting as the primary");
    }

    @Test
    void aSettingPostgresRefusesIsACrashLoop() throws Exception {
        String ns = "pg-crash";
        Map<String, String> refused = new java.util.HashMap<>(FAST);
        refused.put("shared_buffers", "nonsense");
        Database db = deploy(ns, refused);

        db.createMember(0);

        Pod pod =
                awaitPod(
                        ns,
                        NAME + "-0",
                        p -> {
                            ContainerStatus postgres = status(p, "postgres");
                            return postgres != null
                                    && postgres.getRestartCount() >= 2
                                    && postgres.getState().getWaiting() != null
                                    && "CrashLoopBackOff"
                                            .equals(postgres.getState().getWaiting().getReason());
                        });
        ContainerStatus postgres = status(pod, "postgres");
        assertThat(postgres.getLastState().getTerminated().getExitCode()).isEqualTo(1);
        assertThat(postgres.getLastState().getTerminated().getReason()).isEqualTo("Error");
        assertThat(
                        pod.getStatus()
                                .getInitContainerStatuses()
                                .get(0)
                                .getState()
                                .getTerminated()
                                .getReason())
                .isEqualTo("Completed");
        assertThat(ready(pod)).isFalse();
        assertThat(log(ns, NAME + "-0", "postgres"))
                .contains("invalid value for parameter \"shared_buffers\": \"nonsense\"");
    }

    // The database's objects, as the operator would create them.

    private record Database(String namespace, StatefulSet set, Map<String, String> clusterIps) {

        DatabaseCredentials credentials(String secret) {
            Secret live = client.secrets().inNamespace(namespace).withName(secret).get();
            Map<String, String> values = live.getStringData();
            return new DatabaseCredentials(values.get("username"), values.get("password"));
        }

        String clusterIp(String service) {
            return clusterIps.get(service);
        }

        /** What the StatefulSet controller does for one ordinal: claim, then pod. */
        void createMember(int ordinal) {
            var claim = StatefulSetPods.claim(set, ordinal);
            if (client.persistentVolumeClaims()
                            .inNamespace(namespace)
                            .withName(claim.getMetadata().getName())
                            .get()
                    == null) {
                client.persistentVolumeClaims().inNamespace(namespace).resource(claim).create();
            }
            client.pods()
                    .inNamespace(namespace)
                    .resource(StatefulSetPods.pod(set, ordinal))
                    .create();
        }
    }

    private static Database deploy(String namespace, Map<String, String> parameters) {
        MonitoredDatabase database =
                Serialization.unmarshal(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata:
                          name: %s
                          namespace: %s
                          uid: 6b1f3c2e-0000-4000-8000-%012d
                        spec:
                          engine: PostgreSQL
                          version: "16.4"
                          replicas: 2
                          storage:
                            size: 1Gi
                        """
                                .formatted(NAME, namespace, CLUSTER_IPS.get()),
                        MonitoredDatabase.class);
        database.getSpec().setPostgres(new dev.vigil.api.v1alpha1.PostgresSpec());
        database.getSpec().getPostgres().setParameters(parameters);
        DesiredResources desired =
                DatabaseResources.desired(
                        database,
                        BuildContext.of(Clock.systemUTC(), new SecureRandomCredentials()));
        StatefulSet set = null;
        Map<String, String> clusterIps = new java.util.HashMap<>();
        for (HasMetadata object : desired.all()) {
            if (object instanceof Secret || object instanceof ConfigMap) {
                client.resource(object).inNamespace(namespace).create();
            } else if (object instanceof Service service) {
                if (service.getSpec().getClusterIP() == null) {
                    // What the API server does: a cluster IP from the Service range.
                    CLUSTER_IPS.incrementAndGet();
                    service.getSpec().setClusterIP(TestAddresses.address());
                    clusterIps.put(
                            service.getMetadata().getName(), service.getSpec().getClusterIP());
                }
                client.resource(service).inNamespace(namespace).create();
            } else if (object instanceof StatefulSet statefulSet) {
                set = statefulSet;
            }
        }
        return new Database(namespace, set, clusterIps);
    }

    // Observing.

    private static String member(String namespace, int ordinal) {
        return NAME
                + "-"
                + ordinal
                + "."
                + NAME
                + "-members."
                + namespace
                + ".svc.cluster.local:5432";
    }

    private static Pod awaitPod(String namespace, String name, Predicate<Pod> condition) {
        return PodSummary.awaitPod(client, namespace, name, TIMEOUT, condition);
    }

    private static boolean ready(Pod pod) {
        return ServiceEndpoints.ready(pod);
    }

    private static ContainerStatus status(Pod pod, String container) {
        List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses();
        return statuses == null
                ? null
                : statuses.stream()
                        .filter(s -> s.getName().equals(container))
                        .findFirst()
                        .orElse(null);
    }

    private static String log(String namespace, String pod, String container) throws IOException {
        return Files.readString(node.kubelet().containerLog(namespace, pod, container));
    }

    private static String scrape(String podIp) throws IOException, InterruptedException {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("http://" + podIp + ":9187/metrics"))
                                        .timeout(Duration.ofSeconds(10))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private static Connection connect(String member, DatabaseCredentials credentials)
            throws SQLException {
        String host = member.substring(0, member.lastIndexOf(':'));
        InetSocketAddress address = node.dns().resolve(host, 5432);
        Properties properties = new Properties();
        properties.setProperty("user", credentials.username());
        properties.setProperty("password", credentials.password());
        return DriverManager.getConnection(
                "jdbc:postgresql://"
                        + address.getHostString()
                        + ":"
                        + address.getPort()
                        + "/postgres",
                properties);
    }

    private static void execute(
            String member, DatabaseCredentials credentials, String... statements)
            throws SQLException {
        try (Connection connection = connect(member, credentials);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String query(String member, DatabaseCredentials credentials, String sql)
            throws SQLException {
        try (Connection connection = connect(member, credentials);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new java.util.ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values.stream().collect(Collectors.joining(","));
        }
    }
}
