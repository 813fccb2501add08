package dev.vigil.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.api.v1alpha1.CredentialsSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.RolloutRecord;
import dev.vigil.api.v1alpha1.RolloutStatus;
import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.credentials.MonitoringPasswordRotation;
import dev.vigil.engine.DatabaseClients;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.DatabaseException;
import dev.vigil.engine.mongodb.DriverMongoReplicaSetClient;
import dev.vigil.engine.mongodb.FeatureCompatibilityVersion;
import dev.vigil.engine.mongodb.MongoReplicaSetClient;
import dev.vigil.engine.mongodb.ReplicaSetObservation;
import dev.vigil.engine.postgres.JdbcPostgresClient;
import dev.vigil.names.ResourceNames;
import dev.vigil.rollout.LastStableSpec;
import dev.vigil.rollout.RolloutMessages;
import dev.vigil.status.ConditionType;
import dev.vigil.testing.MutableClock;
import dev.vigil.testing.StubExporterProbe;
import dev.vigil.testing.kube.DatabaseView;
import dev.vigil.testing.kube.RunningOperator;
import dev.vigil.testing.kube.SharedApiServer;
import dev.vigil.testing.kube.StatefulSetSimulator;
import dev.vigil.testing.kube.StatefulSetSimulator.PodState;
import dev.vigil.testing.mongo.MongoReplicaSetDouble;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The health gate in the running operator, against a real API server and the MongoDB wire double:
 * the test plays the StatefulSet controller and the kubelet (pods that cannot pull their image, or
 * never get ready), and moves the operator's clock instead of waiting for timeouts.
 */
class RollbackReconcilerTest {

    private static final String NAME = "catalog";
    private static final String PASSWORD = "generated-password-for-tests";
    private static final String STABLE_IMAGE = "mongo:7.0.14";
    private static final String BAD_IMAGE = "registry.invalid/mongo:7.0.15";
    private static final Duration WAIT = Duration.ofSeconds(30);

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
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private MongoReplicaSetDouble mongo;
    private FeatureCompatibilityFake fcv;
    private RunningOperator operator;
    private KubernetesClient client;
    private DatabaseView view;
    private StatefulSetSimulator statefulSets;

    @BeforeEach
    void start() {
        // The replica set's double answers at the members' addresses, which name the namespace.
        namespace = SharedApiServer.get().newNamespace();
        mongo =
                MongoReplicaSetDouble.builder()
                        .members(
                                ResourceNames.memberAddresses(
                                        database(""), 3, ResourceNames.DEFAULT_CLUSTER_DOMAIN))
                        .admin(new DatabaseCredentials("vigil-admin", PASSWORD))
                        .start();
        fcv =
                new FeatureCompatibilityFake(
                        new DriverMongoReplicaSetClient(mongo.resolver(), Duration.ofSeconds(2)));
        operator =
                new RunningOperator(
                        namespace,
                        new DatabaseClients(
                                fcv,
                                new JdbcPostgresClient(mongo.resolver(), Duration.ofSeconds(2)),
                                StubExporterProbe.reportingUp()),
                        FIXED_CREDENTIALS,
                        clock);
        client = operator.client();
        view = new DatabaseView(client, namespace, NAME);
        statefulSets = operator.statefulSets();
    }

    @AfterEach
    void stop() {
        operator.close();
        mongo.close();
    }

    /**
     * A three-member replica set with {@code healthGate} added to its spec (YAML lines), rolling
     * all members at once (CanaryPostgresE2E has the canary steps against a real StatefulSet
     * controller).
     */
    private MonitoredDatabase database(String healthGate) {
        return Serialization.unmarshal(
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: catalog, namespace: %s}
                spec:
                  engine: MongoDB
                  version: "7.0.14"
                  replicas: 3
                  upgrade: {strategy: Rolling}
                  healthGate:
                    timeout: 5m
                %s
                """
                        .formatted(namespace, healthGate.indent(4)),
                MonitoredDatabase.class);
    }

    private void createReady(String healthGate) {
        client.resource(database(healthGate)).create();
        await().atMost(WAIT).until(() -> view.statefulSet() != null);
        statefulSets.markAllReady(namespace, NAME);
        awaitReady();
        assertThat(rollout().getLastStableGeneration()).isEqualTo(1);
    }

    /** Waits for Ready, showing the status if it does not come. */
    private void awaitReady() {
        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                assertThat(view.isReady())
                                        .as(() -> Serialization.asYaml(view.current().getStatus()))
                                        .isTrue());
    }

    private RolloutStatus rollout() {
        return view.current().getStatus().getRollout();
    }

    private String phase() {
        MonitoredDatabase database = view.current();
        return database.getStatus() == null ? null : database.getStatus().getPhase();
    }

    private String image() {
        return view.statefulSet().getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("mongod"))
                .findFirst()
                .orElseThrow()
                .getImage();
    }

    private List<String> warnings() {
        return view.warningReasons();
    }

    private double rollbacks() {
        var counter =
                operator.registry()
                        .find("vigil_database_rollbacks_total")
                        .tag("database", NAME)
                        .counter();
        return counter == null ? 0 : counter.count();
    }

    /**
     * Generation 2 asks for an image that cannot be pulled; the controller recreates member 2 at
     * the new revision, where it waits with ErrImagePull.
     *
     * @return the failed revision
     */
    private String updateToAnImageThatCannotBePulled() {
        view.edit(db -> db.getSpec().setImage(BAD_IMAGE));
        await().atMost(WAIT).until(() -> image().equals(BAD_IMAGE));
        String failed = statefulSets.startRollout(namespace, NAME, 2);
        statefulSets.pod(namespace, NAME, 2, failed, PodState.waiting("ErrImagePull"));
        return failed;
    }

    /** Plays the controller through a rollback: it sees the stable template, then runs it. */
    private void controllerRollsBack(String failedRevision) {
        await().atMost(WAIT).until(() -> image().equals(STABLE_IMAGE));
        assertThat(statefulSets.startRollout(namespace, NAME, 2)).isNotEqualTo(failedRevision);
        await().atMost(WAIT).until(() -> statefulSets.pod(namespace, NAME + "-2") == null);
        statefulSets.markAllReady(namespace, NAME);
        await().atMost(WAIT).until(() -> "RolledBack".equals(phase()));
    }

    @Test
    void aGoodUpdateEndsReadyWithTheNewLastStableSpec() {
        createReady("");

        view.edit(db -> db.getSpec().setVersion("7.0.15"));
        await().atMost(WAIT).until(() -> image().equals("mongo:7.0.15"));
        statefulSets.markAllReady(namespace, NAME);

        await().atMost(WAIT)
                .until(() -> view.isReady() && rollout().getLastStableGeneration() == 2);
        RolloutStatus rollout = rollout();
        assertThat(LastStableSpec.parse(rollout.getLastStableSpec()).getVersion())
                .isEqualTo("7.0.15");
        assertThat(rollout.getState()).isEqualTo("Passed");
        assertThat(rollout.getHistory())
                .extracting(RolloutRecord::getOutcome)
                .containsExactly("Succeeded", "Succeeded");
        assertThat(phase()).isEqualTo("Ready");
        assertThat(view.condition(ConditionType.HEALTH_GATE).getStatus()).isEqualTo("True");
        assertThat(view.condition(ConditionType.ROLLED_BACK).getStatus()).isEqualTo("False");
        assertThat(view.current().getStatus().getCurrentVersion()).isEqualTo("7.0.15");
    }

    @Test
    void anImageThatCannotBePulledIsRolledBackAtOnceAndTheStuckPodReplaced() {
        createReady("");

        String failed = updateToAnImageThatCannotBePulled();
        await().atMost(WAIT).until(() -> "RollingBack".equals(phase()));
        assertThat(statefulSets.pod(namespace, NAME + "-2")).isNotNull();
        controllerRollsBack(failed);

        Condition rolledBack = view.condition(ConditionType.ROLLED_BACK);
        assertThat(rolledBack.getStatus()).isEqualTo("True");
        assertThat(rolledBack.getReason()).isEqualTo(RolloutMessages.HEALTH_GATE_FAILED);
        assertThat(rolledBack.getMessage())
                .contains(
                        "cannot pull its image (ErrImagePull)",
                        "rolled back to the spec of generation 1");
        assertThat(view.condition(ConditionType.READY).getReason())
                .isEqualTo(RolloutMessages.ROLLED_BACK);
        assertThat(image()).isEqualTo(STABLE_IMAGE);
        RolloutStatus rollout = rollout();
        assertThat(rollout.getRolledBackFrom()).isEqualTo(2);
        assertThat(rollout.getLastStableGeneration()).isEqualTo(1);
        assertThat(rollout.getFailedRevision()).isEqualTo(failed);
        await().atMost(WAIT)
                .untilAsserted(
                        () -> {
                            assertThat(warnings())
                                    .containsExactly(RolloutMessages.EVENT_ROLLED_BACK);
                            assertThat(rollbacks()).isEqualTo(1);
                        });
        assertThat(view.eventReasons())
                .contains(
                        RolloutMessages.EVENT_ROLLING_BACK,
                        RolloutMessages.EVENT_STUCK_PODS_DELETED);
    }

    @Test
    void aChangeThatNeverGetsReadyIsRolledBackWhenTheTimeoutPasses() {
        createReady("");

        view.edit(db -> db.getSpec().setVersion("7.0.15"));
        await().atMost(WAIT).until(() -> image().equals("mongo:7.0.15"));
        String failed = statefulSets.startRollout(namespace, NAME, 2);
        statefulSets.pod(namespace, NAME, 2, failed, PodState.waiting("ContainerCreating"));
        await().atMost(WAIT)
                .until(
                        () ->
                                rollout().getGeneration() == 2
                                        && rollout()
                                                .getChecks()
                                                .get(0)
                                                .getMessage()
                                                .equals(
                                                        "2/3 pods ready; revision "
                                                                + failed
                                                                + " rolling out"));
        assertThat(phase()).isEqualTo("Updating");

        clock.advance(Duration.ofMinutes(5));
        controllerRollsBack(failed);

        assertThat(view.condition(ConditionType.ROLLED_BACK).getMessage())
                .contains("not passed within 5m: RolloutComplete (2/3 pods ready");
        assertThat(image()).isEqualTo(STABLE_IMAGE);
    }

    @Test
    void reapplyingTheFailedSpecDoesNotRetryIt() {
        createReady("");
        String failed = updateToAnImageThatCannotBePulled();
        controllerRollsBack(failed);
        long generation = view.current().getMetadata().getGeneration();
        long passes = operator.reconciler().passes();

        // What a GitOps tool does when it syncs the same spec again: no change of generation.
        view.edit(
                db -> db.getMetadata().setAnnotations(Map.of("argocd.argoproj.io/synced", "now")));
        await().atMost(WAIT).until(() -> operator.reconciler().passes() >= passes + 10);

        assertThat(view.current().getMetadata().getGeneration()).isEqualTo(generation);
        assertThat(phase()).isEqualTo("RolledBack");
        assertThat(image()).isEqualTo(STABLE_IMAGE);
        assertThat(warnings()).containsExactly(RolloutMessages.EVENT_ROLLED_BACK);
        assertThat(rollbacks()).isEqualTo(1);
    }

    @Test
    void aTokenSetWithAFailedChangeRotatesOnceAndTheRollbackDoesNotRotateAgain() {
        createReady("");
        // The stable spec gets a token of its own: r0.
        view.edit(db -> db.getSpec().setCredentials(rotationToken("r0")));
        await().atMost(WAIT).until(() -> rotationTokenOnPods().equals("r0"));
        statefulSets.markAllReady(namespace, NAME);
        await().atMost(WAIT).until(() -> rollout().getLastStableGeneration() == 2);

        view.edit(
                db -> {
                    db.getSpec().setImage(BAD_IMAGE);
                    db.getSpec().setCredentials(rotationToken("r1"));
                });
        await().atMost(WAIT).until(() -> image().equals(BAD_IMAGE));
        String failed = statefulSets.startRollout(namespace, NAME, 2);
        statefulSets.pod(namespace, NAME, 2, failed, PodState.waiting("ErrImagePull"));
        controllerRollsBack(failed);
        Secret rotated = monitoringSecret();
        long passes = operator.reconciler().passes();
        await().atMost(WAIT).until(() -> operator.reconciler().passes() >= passes + 10);

        // The restored spec's token r0 is not the resource's: r1 was carried out already.
        assertThat(MonitoringPasswordRotation.recordedToken(rotated)).contains("r1");
        assertThat(monitoringSecret().getMetadata().getResourceVersion())
                .isEqualTo(rotated.getMetadata().getResourceVersion());
        assertThat(view.eventReasons())
                .filteredOn(MonitoringPasswordStep.EVENT_ROTATED::equals)
                .as("one rotation for r0, one for r1")
                .hasSize(2);
        assertThat(rotationTokenOnPods())
                .as("the pods keep the resource's token: the rollback restarts them only once")
                .isEqualTo("r1");
    }

    private static CredentialsSpec rotationToken(String token) {
        CredentialsSpec credentials = new CredentialsSpec();
        credentials.setRotateMonitoringPassword(token);
        return credentials;
    }

    private String rotationTokenOnPods() {
        return String.valueOf(
                view.statefulSet()
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getAnnotations()
                        .get(MonitoringPasswordRotation.POD_ANNOTATION));
    }

    private Secret monitoringSecret() {
        return client.secrets()
                .inNamespace(namespace)
                .withName(ResourceNames.generatedMonitoringSecret(view.current()))
                .get();
    }

    @Test
    void aNewSpecAfterARollbackRollsOutAgain() {
        createReady("");
        String failed = updateToAnImageThatCannotBePulled();
        controllerRollsBack(failed);

        view.edit(
                db -> {
                    db.getSpec().setImage(null);
                    db.getSpec().setVersion("7.0.15");
                });
        await().atMost(WAIT).until(() -> image().equals("mongo:7.0.15"));
        statefulSets.markAllReady(namespace, NAME);

        await().atMost(WAIT).until(() -> "Ready".equals(phase()));
        assertThat(rollout().getLastStableGeneration()).isEqualTo(3);
        assertThat(rollout().getRolledBackFrom()).isNull();
        assertThat(view.condition(ConditionType.ROLLED_BACK).getStatus()).isEqualTo("False");
    }

    @Test
    void withRollbackManualTheFailedChangeStaysAndIsBlocked() {
        createReady("rollback: Manual");

        updateToAnImageThatCannotBePulled();

        await().atMost(WAIT).until(() -> "Blocked".equals(phase()));
        assertThat(view.condition(ConditionType.ROLLED_BACK).getReason())
                .isEqualTo(RolloutMessages.ROLLBACK_MANUAL);
        assertThat(image()).isEqualTo(BAD_IMAGE);
        assertThat(statefulSets.pod(namespace, NAME + "-2")).isNotNull();
        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                assertThat(warnings())
                                        .containsExactly(RolloutMessages.EVENT_HEALTH_GATE_FAILED));
        assertThat(rollbacks()).isZero();
    }

    @Test
    void aFirstDeploymentThatFailsHasNothingToRollBackTo() {
        MonitoredDatabase database = database("");
        database.getSpec().setImage(BAD_IMAGE);
        client.resource(database).create();
        await().atMost(WAIT).until(() -> view.statefulSet() != null);
        String revision = statefulSets.startRollout(namespace, NAME, 0);
        statefulSets.pod(namespace, NAME, 0, revision, PodState.waiting("ImagePullBackOff"));

        await().atMost(WAIT).until(() -> "Failed".equals(phase()));
        Condition rolledBack = view.condition(ConditionType.ROLLED_BACK);
        assertThat(rolledBack.getReason()).isEqualTo(RolloutMessages.NO_STABLE_SPEC);
        assertThat(rolledBack.getMessage()).startsWith("nothing to roll back to");
        assertThat(image()).isEqualTo(BAD_IMAGE);
        assertThat(rollout().getLastStableSpec()).isNull();
    }

    /** Generation 1 runs MongoDB 6.0.15 on data of featureCompatibilityVersion 6.0, and passes. */
    private void createReadyOn60() {
        MonitoredDatabase database = database("");
        database.getSpec().setVersion("6.0.15");
        fcv.set("6.0");
        client.resource(database).create();
        await().atMost(WAIT).until(() -> view.statefulSet() != null);
        statefulSets.markAllReady(namespace, NAME);
        awaitReady();
    }

    @Test
    void theFeatureCompatibilityVersionIsRaisedOnlyAfterTheGateAndTheSoak() {
        createReadyOn60();

        view.edit(db -> db.getSpec().setVersion("7.0.14"));
        await().atMost(WAIT).until(() -> image().equals("mongo:7.0.14"));
        statefulSets.markAllReady(namespace, NAME);
        await().atMost(WAIT).until(() -> rollout().getLastStableGeneration() == 2);
        long passes = operator.reconciler().passes();
        await().atMost(WAIT).until(() -> operator.reconciler().passes() >= passes + 5);

        assertThat(fcv.raisedTo).isEmpty();
        assertThat(view.condition(ConditionType.HEALTH_GATE).getMessage())
                .endsWith(
                        "featureCompatibilityVersion 6.0 is raised to 7.0 at 2026-01-01T01:00:00Z"
                                + " (upgrade.fcvSoak)");

        clock.advance(Duration.ofHours(1));

        await().atMost(WAIT).until(() -> fcv.raisedTo.equals(List.of("7.0")));
        await().atMost(WAIT).until(() -> "7.0".equals(rollout().getFeatureCompatibilityVersion()));
        assertThat(view.eventReasons()).contains(RolloutMessages.EVENT_FCV_RAISED);
    }

    @Test
    void aRollbackToABinaryOlderThanTheFeatureCompatibilityVersionIsRefused() {
        createReadyOn60();

        // Someone raised it by hand: the stable 6.0 binaries would no longer start.
        fcv.set("7.0");
        view.edit(db -> db.getSpec().setVersion("7.0.14"));
        await().atMost(WAIT).until(() -> image().equals("mongo:7.0.14"));
        String failed = statefulSets.startRollout(namespace, NAME, 2);
        statefulSets.pod(namespace, NAME, 2, failed, PodState.crashLooping(5));

        await().atMost(WAIT).until(() -> "Blocked".equals(phase()));
        assertThat(view.condition(ConditionType.ROLLED_BACK).getReason())
                .isEqualTo(RolloutMessages.ROLLBACK_REFUSED);
        assertThat(view.condition(ConditionType.ROLLED_BACK).getMessage())
                .contains(
                        "MongoDB 6.0.15 cannot start on data whose featureCompatibilityVersion is"
                                + " already 7.0");
        assertThat(image()).isEqualTo("mongo:7.0.14");
    }

    /**
     * The replica-set calls go to the wire double; the featureCompatibilityVersion is the test's,
     * and every raise is recorded.
     */
    private static final class FeatureCompatibilityFake implements MongoReplicaSetClient {

        private final MongoReplicaSetClient delegate;
        private volatile String version = "7.0";
        final List<String> raisedTo = new CopyOnWriteArrayList<>();

        FeatureCompatibilityFake(MongoReplicaSetClient delegate) {
            this.delegate = delegate;
        }

        void set(String version) {
            this.version = version;
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
            return delegate.converge(replicaSetName, desiredMembers, admin);
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
                List<String> members, DatabaseCredentials admin) {
            return new FeatureCompatibilityVersion(version, Optional.empty());
        }

        @Override
        public void setFeatureCompatibilityVersion(
                List<String> members, DatabaseCredentials admin, String version) {
            raisedTo.add(version);
            this.version = version;
        }
    }
}
