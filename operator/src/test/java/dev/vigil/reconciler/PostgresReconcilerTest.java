package dev.vigil.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.api.v1alpha1.BackupSpec;
import dev.vigil.api.v1alpha1.BackupStatus;
import dev.vigil.api.v1alpha1.BootstrapSpec;
import dev.vigil.api.v1alpha1.FailoverPolicy;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.RestoreVerification;
import dev.vigil.api.v1alpha1.TableCount;
import dev.vigil.backup.VerificationResult;
import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.engine.DatabaseClients;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.mongodb.DriverMongoReplicaSetClient;
import dev.vigil.engine.postgres.HttpBackupAgentClient;
import dev.vigil.engine.postgres.JdbcPostgresClient;
import dev.vigil.engine.postgres.PostgresClusterStep;
import dev.vigil.engine.postgres.ReplicationSlotNames;
import dev.vigil.engine.postgres.backup.BackupContainers;
import dev.vigil.engine.postgres.backup.BackupPaths;
import dev.vigil.names.DatabaseAddressResolver;
import dev.vigil.names.ResourceNames;
import dev.vigil.names.StandardLabels;
import dev.vigil.rollout.analysis.HttpPrometheusQueries;
import dev.vigil.status.ConditionType;
import dev.vigil.status.Reason;
import dev.vigil.testing.MutableClock;
import dev.vigil.testing.StubExporterProbe;
import dev.vigil.testing.kube.DatabaseView;
import dev.vigil.testing.kube.RunningOperator;
import dev.vigil.testing.postgres.LocalPostgresCluster;
import dev.vigil.testing.postgres.LocalPostgresServer;
import dev.vigil.validation.ChangeRules;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator on a real API server, with a REAL PostgreSQL primary and streaming standby (Debian's
 * binaries, on loopback) standing for the pods {@code ledger-0} and {@code ledger-1}. The test
 * plays the StatefulSet controller; time moves by a {@link MutableClock}.
 */
class PostgresReconcilerTest {

    private static final String NAME = "ledger";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final CredentialGenerator FIXED =
            new CredentialGenerator() {
                @Override
                public String password() {
                    return "generated-for-tests";
                }

                @Override
                public String mongoKeyfile() {
                    return "a2V5ZmlsZQ==";
                }
            };

    private LocalPostgresCluster cluster;
    private MutableClock clock;
    private RunningOperator operator;
    private String namespace;
    private KubernetesClient client;
    private DatabaseView view;
    // The backup agent of ledger-0, as the operator finds it at ledger-0:9188.
    private HttpServer agent;
    private final AtomicReference<String> agentReport = new AtomicReference<>("{}");

    @BeforeEach
    void start() throws IOException {
        agent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        agent.createContext(
                BackupPaths.AGENT_STATUS_PATH,
                exchange -> {
                    byte[] body = agentReport.get().getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        agent.start();
        cluster = LocalPostgresCluster.startPrimary();
        cluster.addStandby(ReplicationSlotNames.forMember(1));
        clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        DatabaseAddressResolver pods = this::resolve;
        operator =
                new RunningOperator(
                        new DatabaseClients(
                                new DriverMongoReplicaSetClient(pods, Duration.ofSeconds(2)),
                                new JdbcPostgresClient(pods, Duration.ofSeconds(3)),
                                StubExporterProbe.reportingUp(),
                                new HttpPrometheusQueries(pods, Duration.ofSeconds(2)),
                                new HttpBackupAgentClient(pods, Duration.ofSeconds(2))),
                        FIXED,
                        clock);
        namespace = operator.namespace();
        client = operator.client();
        view = new DatabaseView(client, namespace, NAME);
        client.resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName("ledger-superuser")
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
        agent.stop(0);
    }

    /** Member {@code ledger-<i>} is server {@code i} of the local cluster. */
    private InetSocketAddress resolve(String host, int port) {
        String prefix = NAME + "-";
        if (host.startsWith(prefix + "0.") && port == BackupPaths.AGENT_PORT) {
            return new InetSocketAddress("127.0.0.1", agent.getAddress().getPort());
        }
        if (host.startsWith(prefix) && port == 5432) {
            int ordinal = Integer.parseInt(host.substring(prefix.length(), host.indexOf('.')));
            if (ordinal < cluster.servers().size()) {
                return new InetSocketAddress("127.0.0.1", cluster.servers().get(ordinal).port());
            }
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    private MonitoredDatabase database(FailoverPolicy failover) {
        return Serialization.unmarshal(
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: ledger, namespace: %s}
                spec:
                  engine: PostgreSQL
                  version: "%d.1"
                  replicas: 2
                  credentials: {adminSecretName: ledger-superuser}
                  postgres: {failover: %s}
                """
                        .formatted(namespace, cluster.majorVersion(), failover),
                MonitoredDatabase.class);
    }

    private void createReady(FailoverPolicy failover) {
        createReady(database(failover));
    }

    private void createReady(MonitoredDatabase database) {
        client.resource(database).create();
        await().atMost(WAIT).until(() -> view.statefulSet() != null);
        operator.statefulSets().markAllReady(namespace, NAME);
        await().atMost(WAIT).until(view::isReady);
    }

    private boolean isPrimary(LocalPostgresServer server) throws Exception {
        try (Connection connection = cluster.connectAsSuperuser(server);
                ResultSet row =
                        connection.createStatement().executeQuery("SELECT pg_is_in_recovery()")) {
            row.next();
            return !row.getBoolean(1);
        }
    }

    @Test
    void becomesReadyWithTheMonitoringRoleAndTheStandbyStreaming() throws Exception {
        createReady(FailoverPolicy.Manual);

        MonitoredDatabase db = view.current();
        assertThat(db.getStatus().getPrimary()).isEqualTo("ledger-0");
        assertThat(view.condition(ConditionType.READY).getMessage())
                .isEqualTo("primary ledger-0 with 1 streaming standbys");
        assertThat(db.getStatus().getEndpoints().getReadWrite())
                .isEqualTo("ledger-rw." + namespace + ".svc.cluster.local:5432");
        assertThat(db.getStatus().getEndpoints().getReadOnly())
                .isEqualTo("ledger-ro." + namespace + ".svc.cluster.local:5432");
        try (Connection connection = cluster.connectAsSuperuser(cluster.primary());
                ResultSet rows =
                        connection
                                .createStatement()
                                .executeQuery(
                                        "SELECT g.rolname FROM pg_auth_members m"
                                                + " JOIN pg_roles r ON r.oid = m.member"
                                                + " JOIN pg_roles g ON g.oid = m.roleid"
                                                + " WHERE r.rolname = 'vigil_monitor'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("pg_monitor");
            assertThat(rows.next()).isFalse();
        }
        assertThat(
                        client.services()
                                .inNamespace(namespace)
                                .withName(ResourceNames.readWriteService(db))
                                .get()
                                .getSpec()
                                .getSelector())
                .containsEntry(StandardLabels.STATEFULSET_POD_NAME, "ledger-0");
        assertThat(view.eventReasons()).contains(PostgresClusterStep.EVENT_ROLES_READY, "Ready");
    }

    /**
     * Issue #19, database faults: the monitoring role's password changed behind Vigil's back (a
     * DBA's ALTER ROLE) left the exporter locked out for good, since the roles were written only
     * when their Secrets changed. Now the next pass sets it back and says so.
     */
    @Test
    void aMonitoringPasswordChangedBehindVigilsBackIsSetBackWithAWarning() throws Exception {
        createReady(FailoverPolicy.Manual);
        DatabaseCredentials monitoring = new DatabaseCredentials("vigil_monitor", FIXED.password());
        assertThat(logsIn(monitoring)).isTrue();

        try (Connection connection = cluster.connectAsSuperuser(cluster.primary())) {
            connection
                    .createStatement()
                    .execute("ALTER ROLE vigil_monitor PASSWORD 'changed-by-hand'");
        }
        assertThat(logsIn(monitoring)).isFalse();

        await().atMost(WAIT).until(() -> logsIn(monitoring));
        await().atMost(WAIT)
                .until(
                        () ->
                                view.warningReasons()
                                        .contains(
                                                PostgresClusterStep
                                                        .EVENT_MONITORING_ROLE_REPAIRED));
        assertThat(view.vigilEvents())
                .filteredOn(
                        e ->
                                PostgresClusterStep.EVENT_MONITORING_ROLE_REPAIRED.equals(
                                        e.getReason()))
                .allSatisfy(
                        e ->
                                assertThat(e.getMessage())
                                        .contains("vigil_monitor")
                                        .doesNotContain(FIXED.password())
                                        .doesNotContain("changed-by-hand"));
        assertThat(view.warningReasons())
                .doesNotContain(PostgresClusterStep.EVENT_REPLICATION_ROLE_REPAIRED);
    }

    /** Whether {@code credentials} log in to the primary. */
    private boolean logsIn(DatabaseCredentials credentials) throws SQLException {
        try (Connection ignored = cluster.connect(cluster.primary(), credentials)) {
            return true;
        } catch (SQLException e) {
            if ("28P01".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    @Test
    void aMajorUpgradeIsRefusedAndTheStatefulSetIsLeftAlone() {
        createReady(FailoverPolicy.Manual);
        StatefulSet before = view.statefulSet();

        view.edit(db -> db.getSpec().setVersion((cluster.majorVersion() + 1) + ".0"));

        await().atMost(WAIT)
                .untilAsserted(
                        () -> {
                            Condition ready = view.condition(ConditionType.READY);
                            assertThat(ready.getStatus()).isEqualTo("False");
                            assertThat(ready.getReason())
                                    .isEqualTo(ChangeRules.MAJOR_UPGRADE_UNSUPPORTED);
                            assertThat(ready.getMessage()).contains("spec.version");
                        });
        assertThat(view.statefulSet().getSpec()).isEqualTo(before.getSpec());
        assertThat(view.eventReasons()).contains(ChangeRules.MAJOR_UPGRADE_UNSUPPORTED);
    }

    @Test
    void aLostPrimaryIsReportedAndNotReplacedWhenFailoverIsManual() throws Exception {
        createReady(FailoverPolicy.Manual);

        cluster.stop(cluster.primary());
        clock.advance(Duration.ofMinutes(5));

        await().atMost(WAIT)
                .untilAsserted(
                        () -> {
                            Condition degraded = view.condition(ConditionType.DEGRADED);
                            assertThat(degraded.getStatus()).isEqualTo("True");
                            assertThat(degraded.getReason()).isEqualTo(Reason.PRIMARY_LOST);
                            assertThat(degraded.getMessage()).contains("Manual");
                        });
        assertThat(isPrimary(cluster.servers().get(1))).isFalse();
        assertThat(view.current().getStatus().getLastFailover()).isNull();
    }

    @Test
    void withAutomaticFailoverTheStandbyIsPromotedAfterTheGrace() throws Exception {
        createReady(FailoverPolicy.Automatic);

        cluster.stop(cluster.primary());
        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                assertThat(view.condition(ConditionType.DEGRADED).getReason())
                                        .isEqualTo(Reason.PRIMARY_LOST));
        assertThat(isPrimary(cluster.servers().get(1))).isFalse();

        clock.advance(PostgresClusterStep.FAILOVER_GRACE.plusSeconds(1));

        await().atMost(WAIT)
                .untilAsserted(
                        () -> {
                            MonitoredDatabase db = view.current();
                            assertThat(db.getStatus().getPrimary()).isEqualTo("ledger-1");
                            assertThat(db.getStatus().getLastFailover().getFrom())
                                    .isEqualTo("ledger-0");
                            assertThat(db.getStatus().getLastFailover().getTo())
                                    .isEqualTo("ledger-1");
                        });
        assertThat(isPrimary(cluster.servers().get(1))).isTrue();
        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                assertThat(
                                                client.services()
                                                        .inNamespace(namespace)
                                                        .withName("ledger-rw")
                                                        .get()
                                                        .getSpec()
                                                        .getSelector())
                                        .containsEntry(
                                                StandardLabels.STATEFULSET_POD_NAME, "ledger-1"));
        assertThat(view.eventReasons()).containsOnlyOnce(PostgresClusterStep.EVENT_FAILOVER);
    }

    @Test
    void aMemberRunningAsPrimaryBesideTheDesignatedOneHasItsPodDeleted() throws Exception {
        createReady(FailoverPolicy.Manual);
        for (int ordinal = 0; ordinal < 2; ordinal++) {
            client.resource(
                            new PodBuilder()
                                    .withNewMetadata()
                                    .withName(NAME + "-" + ordinal)
                                    .withNamespace(namespace)
                                    .withLabels(
                                            StandardLabels.forPod(
                                                    view.current(),
                                                    StandardLabels.COMPONENT_DATABASE))
                                    .endMetadata()
                                    .withNewSpec()
                                    .addNewContainer()
                                    .withName("postgres")
                                    .withImage("postgres:16.4")
                                    .endContainer()
                                    .endSpec()
                                    .build())
                    .create();
        }

        // ledger-1 promoted behind Vigil's back: a second primary, as a former one coming back.
        try (Connection connection = cluster.connectAsSuperuser(cluster.servers().get(1));
                ResultSet row = connection.createStatement().executeQuery("SELECT pg_promote()")) {
            row.next();
        }
        clock.advance(Duration.ofMinutes(1));

        await().atMost(WAIT)
                .until(
                        () ->
                                client.pods().inNamespace(namespace).withName(NAME + "-1").get()
                                        == null);
        assertThat(client.pods().inNamespace(namespace).withName(NAME + "-0").get()).isNotNull();
        assertThat(view.current().getStatus().getPrimary()).isEqualTo("ledger-0");
        await().atMost(WAIT)
                .until(
                        () ->
                                view.warningReasons()
                                        .contains(
                                                PostgresClusterStep
                                                        .EVENT_FORMER_PRIMARY_RESTARTED));
        assertThat(
                        client.configMaps()
                                .inNamespace(namespace)
                                .withName(NAME + "-primary")
                                .get()
                                .getData())
                .containsEntry("pod", "ledger-0");
    }

    @Test
    void aFailedRestoreIsReportedAsRestoreFailedWithTheInitContainersReason() {
        MonitoredDatabase database = database(FailoverPolicy.Manual);
        database.getSpec()
                .setBootstrap(
                        Serialization.unmarshal(
                                """
                                backup:
                                  store: {volume: {claimName: backups}}
                                  database: {name: orders}
                                  targetTime: "2026-12-05T09:00:00Z"
                                """,
                                BootstrapSpec.class));
        client.resource(database).create();
        await().atMost(WAIT).until(() -> view.statefulSet() != null);
        // The member's pod, as the kubelet reports it after recover failed twice; no pod is ready.
        Pod pod =
                client.resource(
                                new PodBuilder()
                                        .withNewMetadata()
                                        .withName(ResourceNames.memberPod(database, 0))
                                        .withNamespace(namespace)
                                        .withLabels(
                                                StandardLabels.selector(
                                                        view.current(),
                                                        StandardLabels.COMPONENT_DATABASE))
                                        .endMetadata()
                                        .withNewSpec()
                                        .addNewContainer()
                                        .withName("postgres")
                                        .withImage("postgres:16.4")
                                        .endContainer()
                                        .endSpec()
                                        .build())
                        .create();
        String why =
                "recovery stopped before the restored database was promoted: recovery ended"
                        + " before configured recovery target was reached";
        pod.setStatus(
                Serialization.unmarshal(
                        """
                        phase: Pending
                        initContainerStatuses:
                        - name: restore
                          image: vigil
                          imageID: ""
                          ready: true
                          restartCount: 0
                          state: {terminated: {exitCode: 0, reason: Completed}}
                        - name: recover
                          image: postgres
                          imageID: ""
                          ready: false
                          restartCount: 2
                          state: {waiting: {reason: CrashLoopBackOff}}
                          lastState: {terminated: {exitCode: 1, reason: Error, message: "%s"}}
                        """
                                .formatted(why),
                        io.fabric8.kubernetes.api.model.PodStatus.class));
        client.resource(pod).updateStatus();

        await().atMost(WAIT)
                .until(
                        () ->
                                view.condition(ConditionType.READY) != null
                                        && Reason.RESTORE_FAILED.equals(
                                                view.condition(ConditionType.READY).getReason()));
        Condition ready = view.condition(ConditionType.READY);
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getMessage())
                .isEqualTo(
                        ResourceNames.memberPod(database, 0) + ", init container recover: " + why);
        assertThat(view.current().getStatus().getPhase()).isEqualTo("Failed");
        await().atMost(WAIT).until(() -> view.warningReasons().contains(Reason.RESTORE_FAILED));
    }

    @Test
    void theStatusFollowsThePrimarysBackupAgentWithAnEventPerNewRun() {
        agentReport.set(
                """
                {"primary": true,
                 "lastSuccessful": {"finishedAt": "2026-01-01T02:00:41Z", "sizeBytes": 31457280,
                                    "durationSeconds": 41.5, "label": "20260101-020000F"},
                 "recoverableFrom": "2026-01-01T02:00:41Z",
                 "recoverableTo": "2026-01-01T09:14:30Z",
                 "walArchiveLagSeconds": 0.0}
                """);
        MonitoredDatabase database = database(FailoverPolicy.Manual);
        database.getSpec()
                .setBackup(
                        Serialization.unmarshal(
                                """
                                schedule: "0 2 * * *"
                                store:
                                  s3:
                                    endpoint: https://s3.storage.svc:9000
                                    bucket: backups
                                    accessKeyId: {name: store, key: id}
                                    secretAccessKey: {name: store, key: secret}
                                """,
                                BackupSpec.class));
        createReady(database);

        await().atMost(WAIT).until(() -> view.current().getStatus().getBackup() != null);
        BackupStatus backup = view.current().getStatus().getBackup();
        assertThat(backup.getLastSuccessful().getLabel()).isEqualTo("20260101-020000F");
        assertThat(backup.getLastSuccessful().getSizeBytes()).isEqualTo(31457280L);
        assertThat(backup.getRecoverableTo()).isEqualTo("2026-01-01T09:14:30Z");
        assertThat(backup.getLastFailed()).isNull();
        await().atMost(WAIT).until(() -> view.eventReasons().contains("BackupSucceeded"));
        assertThat(
                        view
                                .statefulSet()
                                .getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .stream()
                                .map(Container::getName))
                .contains(BackupContainers.AGENT);

        // The next run fails; any change of the spec brings a pass at once.
        agentReport.set(
                """
                {"primary": true,
                 "lastFailed": {"finishedAt": "2026-01-02T02:00:03Z", "durationSeconds": 3.0,
                                "message": "ERROR: [039]: HTTP request failed with 403"},
                 "recoverableFrom": "2026-01-01T02:00:41Z",
                 "recoverableTo": "2026-01-02T01:59:30Z",
                 "walArchiveLagSeconds": 0.0}
                """);
        MonitoredDatabase edited = view.current();
        edited.getSpec().getBackup().setSchedule("0 3 * * *");
        client.resource(edited).update();

        await().atMost(WAIT)
                .until(() -> view.current().getStatus().getBackup().getLastFailed() != null);
        backup = view.current().getStatus().getBackup();
        assertThat(backup.getLastFailed().getMessage()).contains("403");
        // What the agent no longer reports stays: the last successful backup is still there.
        assertThat(backup.getLastSuccessful().getLabel()).isEqualTo("20260101-020000F");
        await().atMost(WAIT).until(() -> view.eventReasons().contains("BackupFailed"));
        assertThat(view.eventReasons()).containsOnlyOnce("BackupSucceeded");
    }

    @Test
    void aVerificationPodIsCreatedReadIntoTheStatusWithAnEventAndDeleted() {
        agentReport.set(
                """
                {"primary": true,
                 "lastSuccessful": {"finishedAt": "2025-12-31T23:30:41Z", "sizeBytes": 31457280,
                                    "durationSeconds": 41.5, "label": "20251231-233000F"},
                 "recoverableFrom": "2025-12-31T23:30:41Z",
                 "recoverableTo": "2025-12-31T23:59:30Z",
                 "walArchiveLagSeconds": 0.0}
                """);
        MonitoredDatabase database = database(FailoverPolicy.Manual);
        database.getSpec()
                .setBackup(
                        Serialization.unmarshal(
                                """
                                schedule: "30 23 * * *"
                                verify: {schedule: "0 5 * * *"}
                                store:
                                  s3:
                                    endpoint: https://s3.storage.svc:9000
                                    bucket: backups
                                    accessKeyId: {name: store, key: id}
                                    secretAccessKey: {name: store, key: secret}
                                """,
                                BackupSpec.class));
        createReady(database);

        // The first verification runs as soon as a backup exists.
        Pod first = awaitVerificationPod();
        assertThat(first.getMetadata().getName()).isEqualTo("ledger-verify-202601010000");
        assertThat(first.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(
                        client.network()
                                .networkPolicies()
                                .inNamespace(namespace)
                                .withName("ledger-verify-network")
                                .get())
                .isNotNull();
        finish(
                first,
                List.of(terminated("backup-tools", 0, null), terminated("restore", 0, null)),
                List.of(
                        running("postgres"),
                        terminated(
                                "verifier",
                                0,
                                new VerificationResult(
                                                true,
                                                "2026-01-01T00:00:05Z",
                                                "2026-01-01T00:01:12.25Z",
                                                67.25,
                                                "2025-12-31T23:59:28Z",
                                                List.of(
                                                        new VerificationResult.Table(
                                                                "ledger", "public.entries", 1500),
                                                        new VerificationResult.Table(
                                                                "ledger", "public.accounts", 12)),
                                                null)
                                        .toJson())));

        await().atMost(VERIFICATION_WAIT)
                .until(
                        () ->
                                view.current().getStatus().getBackup().getLastVerifiedRestore()
                                        != null);
        RestoreVerification verified =
                view.current().getStatus().getBackup().getLastVerifiedRestore();
        assertThat(verified.getStartedAt()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(verified.getRestoreSeconds()).isEqualTo(67.25);
        assertThat(verified.getRecoveredTo()).isEqualTo("2025-12-31T23:59:28Z");
        assertThat(verified.getTables())
                .extracting(TableCount::getTable, TableCount::getRows)
                .containsExactly(tuple("public.entries", 1500L), tuple("public.accounts", 12L));
        assertThat(verified.getMessage()).isNull();
        await().atMost(WAIT).until(() -> view.eventReasons().contains("RestoreVerified"));
        await().atMost(WAIT).until(() -> verificationPods().isEmpty());
        // The agent's next report keeps what the operator recorded.
        assertThat(view.current().getStatus().getBackup().getLastSuccessful().getLabel())
                .isEqualTo("20251231-233000F");

        // The next time of the schedule; a spec change brings a pass at once.
        clock.advance(Duration.ofHours(5).plusSeconds(30));
        MonitoredDatabase edited = view.current();
        edited.getSpec().getBackup().getVerify().setSchedule("0 5 * * *");
        edited.getSpec().getBackup().setSchedule("30 22 * * *");
        client.resource(edited).update();
        Pod second = awaitVerificationPod();
        assertThat(second.getMetadata().getName()).isEqualTo("ledger-verify-202601010500");
        finish(
                second,
                List.of(
                        terminated("backup-tools", 0, null),
                        terminated("restore", 1, "cannot restore: the repository holds no backup")),
                List.of(waiting("postgres"), waiting("verifier")));

        await().atMost(VERIFICATION_WAIT)
                .until(
                        () ->
                                view.current().getStatus().getBackup().getLastFailedVerification()
                                        != null);
        assertThat(view.current().getStatus().getBackup().getLastFailedVerification().getMessage())
                .isEqualTo("the restore failed: cannot restore: the repository holds no backup");
        assertThat(view.current().getStatus().getBackup().getLastVerifiedRestore().getStartedAt())
                .isEqualTo("2026-01-01T00:00:00Z");
        await().atMost(WAIT)
                .until(() -> view.warningReasons().contains("RestoreVerificationFailed"));
        await().atMost(WAIT).until(() -> verificationPods().isEmpty());
        assertThat(view.eventReasons()).containsOnlyOnce("RestoreVerified");
    }

    private static final Duration VERIFICATION_WAIT = Duration.ofSeconds(90);

    private List<Pod> verificationPods() {
        return client.pods()
                .inNamespace(namespace)
                .withLabel("app.kubernetes.io/component", "backup-verification")
                .list()
                .getItems();
    }

    private Pod awaitVerificationPod() {
        await().atMost(VERIFICATION_WAIT).until(() -> verificationPods().size() == 1);
        return verificationPods().get(0);
    }

    /** Plays the kubelet: the pod's containers have reached these states. */
    private void finish(Pod pod, List<ContainerStatus> init, List<ContainerStatus> main) {
        Pod current =
                client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).get();
        current.setStatus(
                new PodStatusBuilder()
                        .withPhase("Running")
                        .withInitContainerStatuses(init)
                        .withContainerStatuses(main)
                        .build());
        client.pods().inNamespace(namespace).resource(current).updateStatus();
    }

    private static ContainerStatus terminated(String name, int exitCode, String message) {
        return status(name)
                .withNewState()
                .withNewTerminated()
                .withExitCode(exitCode)
                .withReason(exitCode == 0 ? "Completed" : "Error")
                .withMessage(message)
                .withStartedAt("2026-01-01T00:00:02Z")
                .withFinishedAt("2026-01-01T00:01:13Z")
                .endTerminated()
                .endState()
                .build();
    }

    private static ContainerStatus running(String name) {
        return status(name)
                .withNewState()
                .withNewRunning()
                .withStartedAt("2026-01-01T00:00:06Z")
                .endRunning()
                .endState()
                .build();
    }

    private static ContainerStatus waiting(String name) {
        return status(name)
                .withNewState()
                .withNewWaiting()
                .withReason("PodInitializing")
                .endWaiting()
                .endState()
                .build();
    }

    private static ContainerStatusBuilder status(String name) {
        return new ContainerStatusBuilder()
                .withName(name)
                .withImage("example/" + name + ":1")
                .withImageID("")
                .withReady(false)
                .withRestartCount(0);
    }
}
