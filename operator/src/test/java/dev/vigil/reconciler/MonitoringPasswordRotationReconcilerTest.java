package dev.vigil.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.credentials.MonitoringPasswordRotation;
import dev.vigil.credentials.SecureRandomCredentials;
import dev.vigil.engine.DatabaseClients;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.SecretCredentials;
import dev.vigil.engine.mongodb.DriverMongoReplicaSetClient;
import dev.vigil.engine.postgres.JdbcPostgresClient;
import dev.vigil.engine.postgres.PostgresSecretsBuilder;
import dev.vigil.names.CredentialKeys;
import dev.vigil.names.DatabaseAddressResolver;
import dev.vigil.testing.StubExporterProbe;
import dev.vigil.testing.kube.DatabaseView;
import dev.vigil.testing.kube.RunningOperator;
import dev.vigil.testing.postgres.LocalPostgresCluster;
import dev.vigil.testing.postgres.LocalPostgresExporter;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A monitoring-password rotation in the running operator, on a real API server, with a REAL
 * PostgreSQL server (Debian's binaries, on loopback) standing for the one member {@code notes-0},
 * and the real {@code postgres_exporter}. Passwords come from {@link SecureRandomCredentials}, as
 * in production.
 */
class MonitoringPasswordRotationReconcilerTest {

    private static final String NAME = "notes";
    private static final String MONITORING_SECRET = "notes-monitoring";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern PG_UP = Pattern.compile("(?m)^pg_up (\\S+)$");

    @TempDir Path files;

    private LocalPostgresCluster cluster;
    private RunningOperator operator;
    private String namespace;
    private KubernetesClient client;
    private DatabaseView view;

    @BeforeEach
    void start() {
        cluster = LocalPostgresCluster.startPrimary();
        DatabaseAddressResolver pods = this::resolve;
        operator =
                new RunningOperator(
                        new DatabaseClients(
                                new DriverMongoReplicaSetClient(pods, Duration.ofSeconds(2)),
                                new JdbcPostgresClient(pods, Duration.ofSeconds(3)),
                                StubExporterProbe.reportingUp()),
                        new SecureRandomCredentials(),
                        Clock.systemUTC());
        namespace = operator.namespace();
        client = operator.client();
        view = new DatabaseView(client, namespace, NAME);
        client.resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName("notes-superuser")
                                .withNamespace(namespace)
                                .endMetadata()
                                .addToStringData("username", cluster.superuser().username())
                                .addToStringData("password", cluster.superuser().password())
                                .build())
                .create();
    }

    @AfterEach
    void stop() {
        operator.close();
        cluster.close();
    }

    /** Member {@code notes-0} is the local server. */
    private InetSocketAddress resolve(String host, int port) {
        if (host.startsWith(NAME + "-0.") && port == 5432) {
            return new InetSocketAddress("127.0.0.1", cluster.primary().port());
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    private void createReady() {
        createReady("");
    }

    /** Creates the database, with {@code credentials} (YAML flow-map entries) added, and waits. */
    private void createReady(String credentials) {
        client.resource(
                        Serialization.unmarshal(
                                """
                                apiVersion: vigil.dev/v1alpha1
                                kind: MonitoredDatabase
                                metadata: {name: notes, namespace: %s}
                                spec:
                                  engine: PostgreSQL
                                  version: "%d.1"
                                  replicas: 1
                                  credentials: {adminSecretName: notes-superuser%s}
                                """
                                        .formatted(namespace, cluster.majorVersion(), credentials),
                                MonitoredDatabase.class))
                .create();
        await().atMost(WAIT).until(() -> view.statefulSet() != null);
        operator.statefulSets().markAllReady(namespace, NAME);
        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                assertThat(view.isReady())
                                        .as(() -> Serialization.asYaml(view.current().getStatus()))
                                        .isTrue());
    }

    private Secret monitoringSecret() {
        return client.secrets().inNamespace(namespace).withName(MONITORING_SECRET).get();
    }

    private String monitoringPassword() {
        return SecretCredentials.value(monitoringSecret(), CredentialKeys.PASSWORD).orElseThrow();
    }

    private boolean logsIn(String password) {
        try (Connection ignored =
                cluster.connect(
                        cluster.primary(),
                        new DatabaseCredentials(
                                PostgresSecretsBuilder.MONITORING_USERNAME, password))) {
            return true;
        } catch (SQLException e) {
            assertThat(e.getSQLState()).as("refused for its password").isEqualTo("28P01");
            return false;
        }
    }

    private void annotate(String key, String value) {
        view.edit(
                db -> {
                    Map<String, String> annotations = new HashMap<>();
                    if (db.getMetadata().getAnnotations() != null) {
                        annotations.putAll(db.getMetadata().getAnnotations());
                    }
                    annotations.put(key, value);
                    db.getMetadata().setAnnotations(annotations);
                });
    }

    private String podTemplateToken() {
        Map<String, String> annotations =
                view.statefulSet().getSpec().getTemplate().getMetadata().getAnnotations();
        return annotations.get(MonitoringPasswordRotation.POD_ANNOTATION);
    }

    private List<Event> rotationEvents() {
        return view.vigilEvents().stream()
                .filter(e -> MonitoringPasswordStep.EVENT_ROTATED.equals(e.getReason()))
                .toList();
    }

    /** Every text a user sees of the database: its status and every Event. */
    private String visibleText() {
        StringBuilder text = new StringBuilder(Serialization.asYaml(view.current().getStatus()));
        client.v1().events().inNamespace(namespace).list().getItems().stream()
                .forEach(e -> text.append(e.getReason()).append(' ').append(e.getMessage()));
        return text.toString();
    }

    private LocalPostgresExporter exporterWith(String password) throws Exception {
        Path passwordFile = files.resolve("password-" + System.nanoTime());
        Files.writeString(passwordFile, password);
        return LocalPostgresExporter.start(
                cluster.primary(),
                PostgresSecretsBuilder.MONITORING_USERNAME,
                passwordFile,
                files.resolve("exporter.log"));
    }

    private static String pgUp(String metrics) {
        Matcher matcher = PG_UP.matcher(metrics);
        assertThat(matcher.find()).as("pg_up in the scrape").isTrue();
        return matcher.group(1);
    }

    @Test
    void theAnnotationRotatesThePasswordInTheSecretTheDatabaseAndTheExporterPods()
            throws Exception {
        createReady();
        String old = monitoringPassword();
        await().atMost(WAIT).until(() -> logsIn(old));
        assertThat(podTemplateToken()).as("no token, no annotation").isNull();
        try (LocalPostgresExporter running = exporterWith(old)) {
            assertThat(pgUp(running.scrape())).isEqualTo("1");

            annotate(MonitoringPasswordRotation.TRIGGER_ANNOTATION, "2026-11-23");

            await().atMost(WAIT)
                    .until(
                            () ->
                                    MonitoringPasswordRotation.recordedToken(monitoringSecret())
                                            .equals(Optional.of("2026-11-23")));
            String rotated = monitoringPassword();
            assertThat(rotated).isNotEqualTo(old).hasSize(old.length());
            await().atMost(WAIT).until(() -> logsIn(rotated));
            assertThat(logsIn(old)).as("the old password is refused").isFalse();
            // PostgreSQL keeps the sessions opened with the old password: postgres_exporter
            // v0.17.1 keeps reporting pg_up and its built-in queries on its open connection, but
            // its collectors (pg_database_*, pg_stat_database_*, replication) log in on every
            // scrape and are gone until its pod restarts: docs/credentials.md.
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> pgUp(running.scrape()).equals("1"));
            assertThat(running.scrape())
                    .contains("pg_stat_activity_count{")
                    .doesNotContain("pg_database_size_bytes{")
                    .doesNotContain("pg_stat_database_deadlocks{");
        }
        String rotated = monitoringPassword();
        await().atMost(WAIT).until(() -> "2026-11-23".equals(podTemplateToken()));
        try (LocalPostgresExporter restarted = exporterWith(rotated)) {
            String metrics = restarted.scrape();
            assertThat(pgUp(metrics)).isEqualTo("1");
            assertThat(metrics)
                    .contains("pg_database_size_bytes{")
                    .contains("pg_stat_database_deadlocks{");
        }
        await().atMost(WAIT).until(() -> rotationEvents().size() == 1);
        Event event = rotationEvents().get(0);
        assertThat(event.getType()).isEqualTo("Normal");
        assertThat(event.getMessage()).contains(MONITORING_SECRET);
        assertThat(visibleText()).doesNotContain(old).doesNotContain(rotated);
    }

    @Test
    void theSameTokenNeverRotatesTwiceAndANewSpecTokenRotatesAgain() {
        createReady();
        annotate(MonitoringPasswordRotation.TRIGGER_ANNOTATION, "first");
        await().atMost(WAIT).until(() -> rotationEvents().size() == 1);
        String first = monitoringPassword();
        String version = monitoringSecret().getMetadata().getResourceVersion();

        // Passes with the same token, one of them caused by an unrelated change.
        long passes = operator.reconciler().passes();
        annotate("example.com/owner", "team-notes");
        await().atMost(WAIT).until(() -> operator.reconciler().passes() >= passes + 10);

        assertThat(monitoringSecret().getMetadata().getResourceVersion()).isEqualTo(version);
        assertThat(monitoringPassword()).isEqualTo(first);
        assertThat(rotationEvents()).hasSize(1);

        view.edit(db -> db.getSpec().getCredentials().setRotateMonitoringPassword("second"));

        await().atMost(WAIT).until(() -> rotationEvents().size() == 2);
        String second = monitoringPassword();
        assertThat(second).isNotEqualTo(first);
        await().atMost(WAIT).until(() -> logsIn(second));
        assertThat(logsIn(first)).isFalse();
        assertThat(podTemplateToken()).isEqualTo("spec=second;annotation=first");
        assertThat(monitoringSecret().getStringData())
                .as("the rewritten Secret keeps its values in data only")
                .isNullOrEmpty();
    }

    @Test
    void aDatabaseCreatedWithATokenKeepsItsFirstPassword() {
        createReady(", rotateMonitoringPassword: from-the-start");
        String first = monitoringPassword();
        long passes = operator.reconciler().passes();
        await().atMost(WAIT).until(() -> operator.reconciler().passes() >= passes + 10);

        assertThat(MonitoringPasswordRotation.recordedToken(monitoringSecret()))
                .contains("from-the-start");
        assertThat(monitoringPassword()).isEqualTo(first);
        assertThat(rotationEvents()).isEmpty();
        assertThat(podTemplateToken()).isEqualTo("from-the-start");
        assertThat(logsIn(first)).isTrue();
    }

    @Test
    void withTheUsersOwnSecretTheTokenOnlyRestartsTheExporters() {
        userSecret("first-user-password").create();
        createReady(", monitoringSecretName: notes-own-monitor, rotateMonitoringPassword: t1");
        await().atMost(WAIT).until(() -> logsIn("first-user-password"));
        assertThat(podTemplateToken()).isEqualTo("t1");

        // The user rotates their Secret and tells Vigil with a new token.
        userSecret("second-user-password").update();
        view.edit(db -> db.getSpec().getCredentials().setRotateMonitoringPassword("t2"));

        await().atMost(WAIT).until(() -> "t2".equals(podTemplateToken()));
        await().atMost(WAIT).until(() -> logsIn("second-user-password"));
        Secret own = client.secrets().inNamespace(namespace).withName("notes-own-monitor").get();
        assertThat(SecretCredentials.value(own, CredentialKeys.PASSWORD))
                .as("Vigil never writes a Secret the user names")
                .contains("second-user-password");
        assertThat(MonitoringPasswordRotation.recordedToken(own)).isEmpty();
        assertThat(rotationEvents()).isEmpty();
    }

    private io.fabric8.kubernetes.client.dsl.Resource<Secret> userSecret(String password) {
        return client.resource(
                new SecretBuilder()
                        .withNewMetadata()
                        .withName("notes-own-monitor")
                        .withNamespace(namespace)
                        .endMetadata()
                        .addToStringData("username", PostgresSecretsBuilder.MONITORING_USERNAME)
                        .addToStringData("password", password)
                        .build());
    }
}
