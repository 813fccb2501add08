package dev.vigil.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.vigil.api.v1alpha1.BackupSpec;
import dev.vigil.api.v1alpha1.BackupStatus;
import dev.vigil.api.v1alpha1.BootstrapSpec;
import dev.vigil.api.v1alpha1.HealthGateSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.NetworkPolicySpec;
import dev.vigil.api.v1alpha1.NetworkSpec;
import dev.vigil.api.v1alpha1.RestoreRecord;
import dev.vigil.api.v1alpha1.RestoreVerification;
import dev.vigil.apply.ResourceApplier;
import dev.vigil.backup.VerificationResult;
import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.engine.DatabaseClients;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.DatabaseException;
import dev.vigil.engine.mongodb.DriverMongoReplicaSetClient;
import dev.vigil.engine.mongodb.FeatureCompatibilityVersion;
import dev.vigil.engine.mongodb.MongoReplicaSetClient;
import dev.vigil.engine.mongodb.MongoReplicaSetStep;
import dev.vigil.engine.mongodb.ReplicaSetObservation;
import dev.vigil.engine.mongodb.backup.MongoBackupCronJob;
import dev.vigil.engine.mongodb.backup.MongoRestorePod;
import dev.vigil.engine.postgres.JdbcPostgresClient;
import dev.vigil.names.ResourceNames;
import dev.vigil.names.StandardLabels;
import dev.vigil.status.ConditionType;
import dev.vigil.status.Reason;
import dev.vigil.testing.StubExporterProbe;
import dev.vigil.testing.kube.DatabaseView;
import dev.vigil.testing.kube.RunningOperator;
import dev.vigil.testing.kube.SharedApiServer;
import dev.vigil.testing.kube.StatefulSetSimulator;
import dev.vigil.testing.mongo.MongoMemberState;
import dev.vigil.testing.mongo.MongoReplicaSetDouble;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator as it runs, against a real API server (server-side apply on) and a MongoDB
 * wire-protocol double for the replica set. The test plays the StatefulSet controller.
 */
class MonitoredDatabaseReconcilerTest {

    private static final String NAME = "catalog";
    private static final String PASSWORD = "generated-password-for-tests";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String EXPANDABLE_STORAGE = "vigil-test-expandable";
    private static final String UNPARSABLE_FIELD = "spec.healthGate.analysis[0].successCondition";

    private static final CredentialGenerator FIXED_CREDENTIALS =
            new CredentialGenerator() {
                @Override
                public String password() {
                    return PASSWORD;
                }

                @Override
                public String mongoKeyfile() {
                    return "a2V5ZmlsZS1mb3ItdGVzdHM=";
                }
            };

    private String namespace;
    private RunningOperator operator;
    private KubernetesClient client;
    private DatabaseView view;
    private MongoReplicaSetDouble mongo;
    private final List<String> membershipViolations = new CopyOnWriteArrayList<>();
    private MonitoredDatabaseReconciler reconciler;
    private SimpleMeterRegistry registry;
    private StatefulSetSimulator statefulSets;

    @BeforeEach
    void startOperator() {
        // The replica set's double answers at the members' addresses, which name the namespace.
        namespace = SharedApiServer.get().newNamespace();
        mongo =
                MongoReplicaSetDouble.builder()
                        .members(
                                ResourceNames.memberAddresses(
                                        database(3), 5, ResourceNames.DEFAULT_CLUSTER_DOMAIN))
                        .admin(new DatabaseCredentials("vigil-admin", PASSWORD))
                        .start();
        operator =
                new RunningOperator(
                        namespace,
                        new DatabaseClients(
                                new MembershipGuard(
                                        new DriverMongoReplicaSetClient(
                                                mongo.resolver(), Duration.ofSeconds(2))),
                                new JdbcPostgresClient(mongo.resolver(), Duration.ofSeconds(2)),
                                StubExporterProbe.reportingUp()),
                        FIXED_CREDENTIALS,
                        Clock.systemUTC());
        client = operator.client();
        reconciler = operator.reconciler();
        registry = operator.registry();
        view = new DatabaseView(client, namespace, NAME);
        statefulSets = operator.statefulSets();
    }

    @AfterEach
    void stopOperator() {
        operator.close();
        mongo.close();
    }

    private MonitoredDatabase database(int replicas) {
        return Serialization.unmarshal(
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: catalog, namespace: %s}
                spec:
                  engine: MongoDB
                  version: "7.0.14"
                  replicas: %d
                  monitoring:
                    labels: {release: kube-prometheus-stack}
                """
                        .formatted(namespace, replicas),
                MonitoredDatabase.class);
    }

    private MonitoredDatabase createReady(int replicas) {
        MonitoredDatabase created = client.resource(database(replicas)).create();
        await().atMost(WAIT).until(() -> view.statefulSet() != null);
        statefulSets.markAllReady(namespace, NAME);
        await().atMost(WAIT).until(view::isReady);
        return created;
    }

    @Test
    void createsEveryObjectOwnedByTheDatabaseAndBecomesReady() {
        MonitoredDatabase created = client.resource(database(3)).create();

        await().atMost(WAIT).until(() -> view.statefulSet() != null);
        List<HasMetadata> children =
                List.of(
                        view.statefulSet(),
                        client.services().inNamespace(namespace).withName("catalog").get(),
                        client.services().inNamespace(namespace).withName("catalog-members").get(),
                        client.services().inNamespace(namespace).withName("catalog-metrics").get(),
                        client.configMaps()
                                .inNamespace(namespace)
                                .withName("catalog-config")
                                .get());
        List<HasMetadata> credentials =
                List.of(
                        client.secrets().inNamespace(namespace).withName("catalog-admin").get(),
                        client.secrets()
                                .inNamespace(namespace)
                                .withName("catalog-monitoring")
                                .get(),
                        client.secrets().inNamespace(namespace).withName("catalog-keyfile").get());
        assertThat(children).doesNotContainNull();
        assertThat(credentials).doesNotContainNull();
        assertThat(credentials)
                .as("the credentials outlive the database with its volumes (retainOnDelete)")
                .allSatisfy(
                        secret -> assertThat(secret.getMetadata().getOwnerReferences()).isEmpty());
        assertThat(children)
                .allSatisfy(
                        child ->
                                assertThat(child.getMetadata().getOwnerReferences())
                                        .singleElement()
                                        .satisfies(
                                                ref ->
                                                        assertThat(ref.getUid())
                                                                .isEqualTo(
                                                                        created.getMetadata()
                                                                                .getUid())));
        assertThat(view.statefulSet().getMetadata().getManagedFields())
                .as("applied with server-side apply, as in production")
                .anySatisfy(
                        fields -> {
                            assertThat(fields.getManager())
                                    .isEqualTo(ResourceApplier.FIELD_MANAGER);
                            assertThat(fields.getOperation()).isEqualTo("Apply");
                        });
        await().atMost(WAIT)
                .untilAsserted(
                        () -> {
                            assertThat(view.current().getStatus().getPhase()).isEqualTo("Creating");
                            assertThat(view.condition(ConditionType.READY).getReason())
                                    .isEqualTo(Reason.PODS_NOT_READY);
                        });
        assertThat(mongo.config()).isEmpty();

        statefulSets.markAllReady(namespace, NAME);

        await().atMost(WAIT).until(view::isReady);
        MonitoredDatabase ready = view.current();
        assertThat(ready.getStatus().getPhase()).isEqualTo("Ready");
        assertThat(ready.getStatus().getReadyReplicas()).isEqualTo(3);
        assertThat(ready.getStatus().getCurrentVersion()).isEqualTo("7.0.14");
        assertThat(ready.getStatus().getObservedGeneration())
                .isEqualTo(ready.getMetadata().getGeneration());
        assertThat(ready.getStatus().getEndpoints().getConnectionString())
                .isEqualTo(
                        "mongodb://"
                                + String.join(",", mongo.members().subList(0, 3))
                                + "/?replicaSet=rs0");
        assertThat(Serialization.asJson(ready.getStatus())).doesNotContain(PASSWORD);
        assertThat(mongo.config().orElseThrow().hosts())
                .containsExactlyElementsOf(mongo.members().subList(0, 3));
        assertThat(mongo.user("vigil-monitor"))
                .hasValueSatisfying(
                        user ->
                                assertThat(user.roles())
                                        .extracting(r -> r.role() + "@" + r.db())
                                        .containsExactlyInAnyOrder(
                                                "clusterMonitor@admin", "read@local"));
        assertThat(mongo.passwordMatches("vigil-monitor", PASSWORD)).isTrue();
        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                assertThat(view.eventReasons())
                                        .contains(
                                                MongoReplicaSetStep.EVENT_INITIATED,
                                                MongoReplicaSetStep.EVENT_MONITORING_USER,
                                                "Ready"));
        assertThat(registry.get("vigil_database_ready").tag("database", NAME).gauge().value())
                .isEqualTo(1.0);
        assertThat(
                        registry.get("vigil_database_phase")
                                .tags("database", NAME, "phase", "Ready")
                                .gauge()
                                .value())
                .isEqualTo(1.0);
        assertThat(
                        registry.get("vigil_database_condition")
                                .tags("database", NAME, "condition", "Degraded", "status", "False")
                                .gauge()
                                .value())
                .isEqualTo(1.0);
        assertThat(registry.get("vigil_database_rollouts_total").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("vigil_database_health_gate_seconds").timer().count()).isEqualTo(1);
    }

    @Test
    void aSpecChangeUpdatesTheChildren() {
        createReady(3);

        view.edit(db -> db.getSpec().setVersion("7.0.15"));

        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                assertThat(
                                                view.statefulSet()
                                                        .getSpec()
                                                        .getTemplate()
                                                        .getSpec()
                                                        .getContainers())
                                        .anySatisfy(
                                                c ->
                                                        assertThat(c.getImage())
                                                                .isEqualTo("mongo:7.0.15")));
    }

    @Test
    void aMemberLaggingBeyondTheThresholdIsReported() {
        createReady(3);

        mongo.setLag(mongo.members().get(2), Duration.ofSeconds(45));

        await().atMost(WAIT)
                .untilAsserted(
                        () -> {
                            Condition degraded = view.condition(ConditionType.DEGRADED);
                            assertThat(degraded.getStatus()).isEqualTo("True");
                            assertThat(degraded.getReason()).isEqualTo(Reason.REPLICATION_LAGGING);
                            assertThat(degraded.getMessage())
                                    .isEqualTo(
                                            "members behind the primary by more than 30s: "
                                                    + mongo.members().get(2)
                                                    + " (45s)");
                        });
    }

    @Test
    void aDeletedChildComesBack() {
        createReady(3);

        client.services().inNamespace(namespace).withName("catalog").delete();

        await().atMost(WAIT)
                .until(
                        () ->
                                client.services().inNamespace(namespace).withName("catalog").get()
                                        != null);
    }

    @Test
    void theNetworkPolicyGoesAwayWhenTheDatabaseOptsOut() {
        createReady(3);
        await().atMost(WAIT).until(() -> networkPolicy() != null);

        view.edit(
                db -> {
                    NetworkPolicySpec policy = new NetworkPolicySpec();
                    policy.setEnabled(false);
                    NetworkSpec network = new NetworkSpec();
                    network.setPolicy(policy);
                    db.getSpec().setNetwork(network);
                });

        await().atMost(WAIT).until(() -> networkPolicy() == null);
    }

    @Test
    void aBackupScheduleGivesACronJobWhoseRunsFillTheStatusAndItGoesWithTheSchedule() {
        createReady(3);
        succeededBackupRun();

        view.edit(
                db ->
                        db.getSpec()
                                .setBackup(
                                        Serialization.unmarshal(
                                                """
                                                schedule: '30 1 * * *'
                                                store:
                                                  volume: {claimName: catalog-backups}
                                                """,
                                                BackupSpec.class)));

        await().atMost(WAIT).until(() -> backupCronJob() != null);
        assertThat(backupCronJob().getSpec().getSchedule()).isEqualTo("30 1 * * *");
        await().atMost(WAIT).until(() -> view.current().getStatus().getBackup() != null);
        BackupStatus backup = view.current().getStatus().getBackup();
        assertThat(backup.getLastSuccessful().getLabel()).isEqualTo("20261205T013000Z");
        assertThat(backup.getLastSuccessful().getSizeBytes()).isEqualTo(73400320L);
        assertThat(backup.getRecoverableFrom()).isEqualTo("2026-11-28T01:31:40Z");
        await().atMost(WAIT).until(() -> view.eventReasons().contains("BackupSucceeded"));

        view.edit(db -> db.getSpec().setBackup(null));

        await().atMost(WAIT).until(() -> backupCronJob() == null);
        // The report of what is in the store stays, as the dumps do.
        assertThat(view.current().getStatus().getBackup().getLastSuccessful().getLabel())
                .isEqualTo("20261205T013000Z");
    }

    @Test
    void aBootstrappedDatabaseIsRestoredByItsPodBeforeItIsReadyAndRecordsTheDump() {
        createBootstrapped(3, "2026-12-05T02:00:00Z");

        await().atMost(WAIT).until(() -> restorePod() != null);
        await().atMost(WAIT)
                .until(
                        () ->
                                Reason.RESTORING.equals(
                                        view.condition(ConditionType.READY).getReason()));
        assertThat(view.isReady()).isFalse();
        assertThat(restorePod().getSpec().getContainers())
                .extracting(Container::getName)
                .containsExactly(MongoRestorePod.DOWNLOAD, MongoRestorePod.MONGORESTORE);
        assertThat(restorePod().getSpec().getContainers().get(0).getArgs())
                .containsSequence("--target-time", "2026-12-05T02:00:00Z");

        finish(
                restorePod(),
                terminated(MongoRestorePod.DOWNLOAD, 0, REPORT),
                terminated(MongoRestorePod.MONGORESTORE, 0, null));

        await().atMost(WAIT).until(view::isReady);
        RestoreRecord restored = view.current().getStatus().getRestoredFrom();
        assertThat(restored.getSource()).isEqualTo(namespace + "/old-catalog");
        assertThat(restored.getLabel()).isEqualTo("20261205T013000Z");
        assertThat(restored.getBackupFinishedAt()).isEqualTo("2026-12-05T01:31:12Z");
        await().atMost(WAIT).until(() -> view.eventReasons().contains("Restored"));
        await().atMost(WAIT).until(() -> restorePod() == null);
    }

    @Test
    void aFailedRestoreKeepsTheDatabaseFromReadyWithMongorestoresReason() {
        createBootstrapped(1, null);
        await().atMost(WAIT).until(() -> restorePod() != null);

        finish(
                restorePod(),
                terminated(MongoRestorePod.DOWNLOAD, 0, REPORT),
                terminated(
                        MongoRestorePod.MONGORESTORE,
                        1,
                        "Failed: catalog.items: error restoring from archive: E11000"));

        await().atMost(WAIT)
                .until(
                        () ->
                                Reason.RESTORE_FAILED.equals(
                                        view.condition(ConditionType.READY).getReason()));
        assertThat(view.condition(ConditionType.READY).getMessage())
                .contains("mongorestore failed: Failed: catalog.items: error restoring")
                .contains("delete it to try again");
        assertThat(view.isReady()).isFalse();
        assertThat(view.current().getStatus().getRestoredFrom()).isNull();
        assertThat(restorePod()).as("kept for its logs").isNotNull();
    }

    @Test
    void noRestoreRunsOverADatabaseThatHoldsData() {
        String member = mongo.members().get(0);
        InetSocketAddress address = mongo.resolver().resolve(member.split(":")[0], 27017);
        try (MongoClient direct =
                MongoClients.create(
                        "mongodb://vigil-admin:"
                                + PASSWORD
                                + "@"
                                + address.getHostString()
                                + ":"
                                + address.getPort()
                                + "/?directConnection=true&authSource=admin")) {
            direct.getDatabase("orders").getCollection("items").insertOne(new Document("n", 1));
        }
        createBootstrapped(1, null);

        await().atMost(WAIT)
                .until(
                        () ->
                                Reason.RESTORE_FAILED.equals(
                                        view.condition(ConditionType.READY).getReason()));
        assertThat(view.condition(ConditionType.READY).getMessage())
                .contains("already holds data (orders)");
        assertThat(restorePod()).isNull();
    }

    /**
     * Creates {@code catalog} with a bootstrap from the dumps of {@code old-catalog} (to {@code
     * targetTime} unless null), and plays the StatefulSet controller until its pods are ready.
     */
    private void createBootstrapped(int replicas, String targetTime) {
        MonitoredDatabase bootstrapped = database(replicas);
        bootstrapped
                .getSpec()
                .setBootstrap(
                        Serialization.unmarshal(
                                """
                                backup:
                                  store:
                                    volume: {claimName: catalog-backups}
                                  database: {name: old-catalog}
                                """,
                                BootstrapSpec.class));
        bootstrapped.getSpec().getBootstrap().getBackup().setTargetTime(targetTime);
        client.resource(bootstrapped).create();
        await().atMost(WAIT).until(() -> view.statefulSet() != null);
        statefulSets.markAllReady(namespace, NAME);
    }

    private static final String REPORT =
            "{\"label\":\"20261205T013000Z\",\"finishedAt\":\"2026-12-05T01:31:12Z\"}";

    private Pod restorePod() {
        return client.pods().inNamespace(namespace).withName("catalog-restore").get();
    }

    private void finish(Pod pod, ContainerStatus... containers) {
        pod.setStatus(
                new PodStatusBuilder()
                        .withPhase(
                                java.util.Arrays.stream(containers)
                                                .allMatch(
                                                        c ->
                                                                c.getState()
                                                                                .getTerminated()
                                                                                .getExitCode()
                                                                        == 0)
                                        ? "Succeeded"
                                        : "Failed")
                        .withContainerStatuses(containers)
                        .build());
        client.resource(pod).updateStatus();
    }

    private static ContainerStatus terminated(String name, int exitCode, String message) {
        return new ContainerStatusBuilder()
                .withName(name)
                .withImage("image")
                .withImageID("")
                .withReady(false)
                .withRestartCount(0)
                .withNewState()
                .withNewTerminated()
                .withExitCode(exitCode)
                .withMessage(message)
                .withFinishedAt("2026-12-05T09:00:00Z")
                .endTerminated()
                .endState()
                .build();
    }

    /** A run the CronJob's Job made, as the kubelet leaves it: ended, with the report. */
    private void succeededBackupRun() {
        Pod run =
                client.resource(
                                new PodBuilder()
                                        .withNewMetadata()
                                        .withName("catalog-backup-29417010-x7k2p")
                                        .withNamespace(namespace)
                                        .withLabels(
                                                StandardLabels.forPod(
                                                        view.current(),
                                                        StandardLabels.COMPONENT_BACKUP))
                                        .addNewOwnerReference()
                                        .withApiVersion("batch/v1")
                                        .withKind("Job")
                                        .withName("catalog-backup-29417010")
                                        .withUid("0b0e1f7c-5d2a-4c8e-9f31-6a7b8c9d0e1f")
                                        .endOwnerReference()
                                        .endMetadata()
                                        .withNewSpec()
                                        .withRestartPolicy("Never")
                                        .addNewContainer()
                                        .withName(MongoBackupCronJob.UPLOAD)
                                        .withImage("ghcr.io/vigil-dev/vigil-operator:0.1.0")
                                        .endContainer()
                                        .endSpec()
                                        .build())
                        .create();
        run.setStatus(
                new PodStatusBuilder()
                        .withPhase("Succeeded")
                        .addNewContainerStatus()
                        .withName(MongoBackupCronJob.UPLOAD)
                        .withImage("ghcr.io/vigil-dev/vigil-operator:0.1.0")
                        .withImageID("")
                        .withReady(false)
                        .withRestartCount(0)
                        .withNewState()
                        .withNewTerminated()
                        .withExitCode(0)
                        .withFinishedAt("2026-12-05T01:31:13Z")
                        .withMessage(
                                "{\"label\":\"20261205T013000Z\","
                                        + "\"finishedAt\":\"2026-12-05T01:31:12Z\","
                                        + "\"sizeBytes\":73400320,\"durationSeconds\":70.4,"
                                        + "\"recoverableFrom\":\"2026-11-28T01:31:40Z\","
                                        + "\"recoverableTo\":\"2026-12-05T01:31:12Z\"}")
                        .endTerminated()
                        .endState()
                        .endContainerStatus()
                        .build());
        client.resource(run).updateStatus();
    }

    @Test
    void aMongoDbRestoreIsVerifiedInAThrowawayPodReadIntoTheStatusAndDeleted() {
        createReady(3);
        succeededBackupRun();

        view.edit(
                db ->
                        db.getSpec()
                                .setBackup(
                                        Serialization.unmarshal(
                                                """
                                                schedule: '30 1 * * *'
                                                verify: {schedule: '0 5 * * 0'}
                                                store:
                                                  volume: {claimName: catalog-backups}
                                                """,
                                                BackupSpec.class)));

        // The first verification runs as soon as a backup exists.
        await().atMost(WAIT).until(() -> !verificationPods().isEmpty());
        Pod pod = verificationPods().get(0);
        assertThat(pod.getMetadata().getName()).startsWith("catalog-verify-");
        assertThat(pod.getSpec().getContainers())
                .extracting(Container::getName)
                .containsExactly("mongod", "download", "mongorestore", "verifier");
        finish(
                pod,
                terminated("download", 0, REPORT),
                terminated("mongorestore", 0, null),
                terminated(
                        "verifier",
                        0,
                        new VerificationResult(
                                        true,
                                        "2026-12-05T05:00:03Z",
                                        "2026-12-05T05:00:41.5Z",
                                        38.5,
                                        "2026-12-05T01:31:12Z",
                                        List.of(
                                                new VerificationResult.Table(
                                                        "shop", "items", 30000)),
                                        null)
                                .toJson()));

        await().atMost(WAIT)
                .until(
                        () ->
                                view.current().getStatus().getBackup().getLastVerifiedRestore()
                                        != null);
        RestoreVerification verified =
                view.current().getStatus().getBackup().getLastVerifiedRestore();
        assertThat(verified.getRestoreSeconds()).isEqualTo(38.5);
        assertThat(verified.getRecoveredTo()).isEqualTo("2026-12-05T01:31:12Z");
        assertThat(verified.getTables())
                .singleElement()
                .satisfies(table -> assertThat(table.getRows()).isEqualTo(30000L));
        await().atMost(WAIT).until(() -> view.eventReasons().contains("RestoreVerified"));
        await().atMost(WAIT).until(() -> verificationPods().isEmpty());
    }

    private List<Pod> verificationPods() {
        return client.pods()
                .inNamespace(namespace)
                .withLabel("app.kubernetes.io/component", "backup-verification")
                .list()
                .getItems();
    }

    private CronJob backupCronJob() {
        return client.batch()
                .v1()
                .cronjobs()
                .inNamespace(namespace)
                .withName("catalog-backup")
                .get();
    }

    @Test
    void theDisruptionBudgetGoesAwayWhenTheSetShrinksToOneMember() {
        createReady(3);
        await().atMost(WAIT).until(() -> disruptionBudget() != null);

        view.edit(db -> db.getSpec().setReplicas(1));
        await().atMost(WAIT).until(() -> view.statefulSet().getSpec().getReplicas() == 1);

        await().atMost(WAIT).until(() -> disruptionBudget() == null);
        assertThat(networkPolicy()).isNotNull();
    }

    private PodDisruptionBudget disruptionBudget() {
        return client.policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace(namespace)
                .withName(NAME)
                .get();
    }

    private NetworkPolicy networkPolicy() {
        return client.network()
                .networkPolicies()
                .inNamespace(namespace)
                .withName(NAME + "-network")
                .get();
    }

    @Test
    void anEditedChildIsRepaired() {
        createReady(3);

        StatefulSet edited = view.statefulSet();
        edited.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("mongo:4.4.0");
        client.resource(edited).update();

        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                assertThat(
                                                view.statefulSet()
                                                        .getSpec()
                                                        .getTemplate()
                                                        .getSpec()
                                                        .getContainers()
                                                        .get(0)
                                                        .getImage())
                                        .isEqualTo("mongo:7.0.14"));
    }

    @Test
    void anIdleOperatorSendsNoWriteRequests() {
        createReady(3);
        await().atMost(WAIT).untilAsserted(() -> assertThat(view.eventReasons()).contains("Ready"));
        operator.writes().clear();
        long before = reconciler.passes();

        await().atMost(WAIT).until(() -> reconciler.passes() >= before + 5);

        assertThat(operator.writes().list()).isEmpty();
    }

    @Test
    void aRefusedStatusWriteDoesNotRecordTheEventsOfItsPassTwice() {
        client.resource(database(3)).create();
        await().atMost(WAIT).until(() -> view.current().getStatus() != null);
        // The passes that see the members ready cannot write their status; JOSDK retries them.
        operator.writes().refuseNext("/monitoreddatabases/" + NAME + "/status", 2);

        statefulSets.markAllReady(namespace, NAME);

        await().atMost(WAIT).until(view::isReady);
        await().atMost(WAIT).untilAsserted(() -> assertThat(view.eventReasons()).contains("Ready"));
        assertThat(view.eventReasons())
                .as("each Event once, though the passes that saw the members ready were retried")
                .doesNotHaveDuplicates();
    }

    /**
     * A health gate whose success condition does not parse: the API server takes it (the CRD's
     * schema and CEL rules cannot parse conditions), Vigil's own validation refuses it.
     */
    private static HealthGateSpec unparsableHealthGate() {
        return Serialization.unmarshal(
                """
                prometheusUrl: http://prometheus.monitoring.svc:9090
                analysis:
                - {name: errors, query: vector(0), successCondition: "result <"}
                """,
                HealthGateSpec.class);
    }

    @Test
    void anInvalidSpecIsReportedWithTheFieldAndCreatesNothing() {
        MonitoredDatabase invalid = database(3);
        invalid.getSpec().setHealthGate(unparsableHealthGate());
        client.resource(invalid).create();

        await().atMost(WAIT)
                .untilAsserted(
                        () -> {
                            Condition ready = view.condition(ConditionType.READY);
                            assertThat(ready).isNotNull();
                            assertThat(ready.getReason()).isEqualTo(Reason.INVALID_SPEC);
                            assertThat(ready.getMessage()).contains(UNPARSABLE_FIELD);
                            assertThat(view.current().getStatus().getPhase()).isEqualTo("Invalid");
                        });
        assertThat(view.statefulSet()).isNull();
        assertThat(view.eventReasons()).containsOnlyOnce(Reason.INVALID_SPEC);
    }

    @Test
    void anInvalidChangeLeavesTheRunningDatabaseAlone() {
        createReady(3);
        StatefulSet before = view.statefulSet();

        view.edit(db -> db.getSpec().setHealthGate(unparsableHealthGate()));

        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                assertThat(view.condition(ConditionType.READY).getMessage())
                                        .contains(UNPARSABLE_FIELD));
        assertThat(view.statefulSet().getSpec()).isEqualTo(before.getSpec());
    }

    @Test
    void aMissingCredentialsSecretIsNamedInStatus() {
        MonitoredDatabase db = database(3);
        db.getSpec().setCredentials(new dev.vigil.api.v1alpha1.CredentialsSpec());
        db.getSpec().getCredentials().setAdminSecretName("catalog-root");
        client.resource(db).create();

        await().atMost(WAIT)
                .untilAsserted(
                        () -> {
                            Condition ready = view.condition(ConditionType.READY);
                            assertThat(ready).isNotNull();
                            assertThat(ready.getReason()).isEqualTo(Reason.INVALID_SPEC);
                            assertThat(ready.getMessage())
                                    .contains("spec.credentials.adminSecretName")
                                    .contains("catalog-root");
                        });
        assertThat(view.statefulSet()).isNull();
    }

    @Test
    void scalingUpAddsMembersAndScalingDownRemovesThemBeforeThePods() {
        createReady(3);

        view.edit(db -> db.getSpec().setReplicas(5));
        await().atMost(WAIT).until(() -> view.statefulSet().getSpec().getReplicas() == 5);
        statefulSets.markAllReady(namespace, NAME);
        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                assertThat(mongo.config().orElseThrow().hosts())
                                        .containsExactlyElementsOf(mongo.members()));
        await().atMost(WAIT).until(view::isReady);

        view.edit(db -> db.getSpec().setReplicas(3));
        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                assertThat(mongo.config().orElseThrow().hosts())
                                        .containsExactlyElementsOf(mongo.members().subList(0, 3)));
        await().atMost(WAIT).until(() -> view.statefulSet().getSpec().getReplicas() == 3);
        statefulSets.markAllReady(namespace, NAME);
        await().atMost(WAIT).until(view::isReady);

        assertThat(membershipViolations).isEmpty();
        assertThat(view.eventReasons())
                .contains(
                        MongoReplicaSetStep.EVENT_MEMBER_ADDED,
                        MongoReplicaSetStep.EVENT_MEMBER_REMOVED);
    }

    @Test
    void scalingDownAwayFromThePrimaryStepsItDownThenRemovesIt() {
        createReady(3);
        view.edit(db -> db.getSpec().setReplicas(5));
        await().atMost(WAIT).until(() -> view.statefulSet().getSpec().getReplicas() == 5);
        statefulSets.markAllReady(namespace, NAME);
        await().atMost(WAIT).until(view::isReady);
        // After a failover, the last member leads the set.
        List<String> members = mongo.members();
        mongo.setState(members.get(0), MongoMemberState.SECONDARY);
        mongo.setState(members.get(4), MongoMemberState.PRIMARY);

        view.edit(db -> db.getSpec().setReplicas(3));
        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                assertThat(mongo.config().orElseThrow().hosts())
                                        .containsExactlyElementsOf(members.subList(0, 3)));
        await().atMost(WAIT).until(() -> view.statefulSet().getSpec().getReplicas() == 3);
        statefulSets.markAllReady(namespace, NAME);
        await().atMost(WAIT).until(view::isReady);

        assertThat(membershipViolations).isEmpty();
        assertThat(mongo.commandCount(members.get(4), "replSetStepDown")).isEqualTo(1);
        assertThat(view.eventReasons())
                .contains(
                        MongoReplicaSetStep.EVENT_PRIMARY_STEPPED_DOWN,
                        MongoReplicaSetStep.EVENT_MEMBER_REMOVED);
    }

    @Test
    void aStorageShrinkIsRefusedAndTheRunningDatabaseIsLeftAlone() {
        createReady(3);
        StatefulSet before = view.statefulSet();

        view.edit(
                db -> {
                    db.getSpec().setStorage(new dev.vigil.api.v1alpha1.StorageSpec());
                    db.getSpec().getStorage().setSize("5Gi");
                });

        await().atMost(WAIT)
                .untilAsserted(
                        () -> {
                            Condition ready = view.condition(ConditionType.READY);
                            assertThat(ready.getReason())
                                    .isEqualTo(
                                            dev.vigil.validation.ChangeRules
                                                    .STORAGE_SHRINK_UNSUPPORTED);
                            assertThat(ready.getMessage()).contains("spec.storage.size");
                        });
        assertThat(view.statefulSet().getSpec()).isEqualTo(before.getSpec());
        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                assertThat(view.eventReasons())
                                        .containsOnlyOnce(
                                                dev.vigil.validation.ChangeRules
                                                        .STORAGE_SHRINK_UNSUPPORTED));
    }

    @Test
    void growingTheStorageGrowsEachMembersClaimAndKeepsTheImmutableTemplate() {
        createReady(3);
        for (int ordinal = 0; ordinal < 3; ordinal++) {
            boundClaim("data-catalog-" + ordinal, "10Gi");
        }
        Object templatesBefore = view.statefulSet().getSpec().getVolumeClaimTemplates();

        view.edit(
                db -> {
                    db.getSpec().setStorage(new dev.vigil.api.v1alpha1.StorageSpec());
                    db.getSpec().getStorage().setSize("20Gi");
                });

        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                assertThat(
                                                client.persistentVolumeClaims()
                                                        .inNamespace(namespace)
                                                        .list()
                                                        .getItems())
                                        .allSatisfy(
                                                claim ->
                                                        assertThat(
                                                                        claim.getSpec()
                                                                                .getResources()
                                                                                .getRequests()
                                                                                .get("storage")
                                                                                .toString())
                                                                .isEqualTo("20Gi")));
        assertThat(view.statefulSet().getSpec().getVolumeClaimTemplates())
                .isEqualTo(templatesBefore);
        // The Event is posted at the end of the pass that patched the claims.
        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                assertThat(view.eventReasons())
                                        .contains(VolumeExpansionStep.EVENT_VOLUME_EXPANSION));
    }

    /**
     * A member's claim as the StatefulSet and volume controllers leave it: bound, of a storage
     * class that allows expansion (the API server refuses to grow any other claim).
     */
    private void boundClaim(String name, String size) {
        client.resource(
                        new StorageClassBuilder()
                                .withNewMetadata()
                                .withName(EXPANDABLE_STORAGE)
                                .endMetadata()
                                .withProvisioner("vigil.dev/simulated")
                                .withAllowVolumeExpansion(true)
                                .build())
                .serverSideApply();
        PersistentVolumeClaim claim =
                client.resource(
                                new PersistentVolumeClaimBuilder()
                                        .withNewMetadata()
                                        .withName(name)
                                        .withNamespace(namespace)
                                        .endMetadata()
                                        .withNewSpec()
                                        .withAccessModes("ReadWriteOnce")
                                        .withStorageClassName(EXPANDABLE_STORAGE)
                                        .withNewResources()
                                        .addToRequests("storage", new Quantity(size))
                                        .endResources()
                                        .endSpec()
                                        .build())
                        .create();
        claim.setStatus(
                new PersistentVolumeClaimStatusBuilder()
                        .withPhase("Bound")
                        .withAccessModes("ReadWriteOnce")
                        .addToCapacity("storage", new Quantity(size))
                        .build());
        client.resource(claim).updateStatus();
    }

    /**
     * Checks, at every replica-set call, that the StatefulSet never has fewer pods than the replica
     * set has members: a member whose pod is gone still votes.
     */
    private final class MembershipGuard implements MongoReplicaSetClient {

        private final MongoReplicaSetClient delegate;

        MembershipGuard(MongoReplicaSetClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<String> userDatabases(List<String> members, DatabaseCredentials admin)
                throws DatabaseException {
            return delegate.userDatabases(members, admin);
        }

        @Override
        public ReplicaSetObservation converge(
                String replicaSetName, List<String> desiredMembers, DatabaseCredentials admin)
                throws DatabaseException {
            ReplicaSetObservation observed =
                    delegate.converge(replicaSetName, desiredMembers, admin);
            StatefulSet statefulSet = view.statefulSet();
            int pods = statefulSet == null ? 0 : statefulSet.getSpec().getReplicas();
            if (pods < observed.configuredMembers().size()) {
                membershipViolations.add(
                        pods + " pods for members " + observed.configuredMembers());
            }
            return observed;
        }

        @Override
        public Optional<String> stepDownPrimary(
                String replicaSetName, List<String> members, DatabaseCredentials admin)
                throws DatabaseException {
            return delegate.stepDownPrimary(replicaSetName, members, admin);
        }

        @Override
        public void ensureMonitoringUser(
                List<String> members, DatabaseCredentials admin, DatabaseCredentials monitoring)
                throws DatabaseException {
            delegate.ensureMonitoringUser(members, admin, monitoring);
        }

        @Override
        public FeatureCompatibilityVersion featureCompatibilityVersion(
                List<String> members, DatabaseCredentials admin) throws DatabaseException {
            return delegate.featureCompatibilityVersion(members, admin);
        }

        @Override
        public void setFeatureCompatibilityVersion(
                List<String> members, DatabaseCredentials admin, String version)
                throws DatabaseException {
            delegate.setFeatureCompatibilityVersion(members, admin, version);
        }
    }
}
