package dev.vigil.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.status.DatabaseHealth;
import dev.vigil.status.StatusEvent;
import dev.vigil.testing.MutableClock;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The canary steps of {@link RolloutStateMachine}, pass by pass, moving an injected clock: three
 * members, the default steps (one member for 5m, then two for 5m, then all), member 0 the primary.
 */
class CanaryRolloutTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final GatePasses passes = new GatePasses(T0);
    private final MutableClock clock = passes.clock;
    private final RolloutStateMachine machine = passes.machine;

    private static MonitoredDatabase database(long generation, String version, String extra) {
        return Serialization.unmarshal(
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: catalog, namespace: shop, generation: %d}
                spec:
                  engine: PostgreSQL
                  version: "%s"
                  replicas: 3
                  healthGate: {timeout: 10m%s}
                """
                        .formatted(generation, version, extra),
                MonitoredDatabase.class);
    }

    private static MonitoredDatabase generation2(String extra) {
        return database(2, "16.5", extra);
    }

    private RolloutDecision pass(MonitoredDatabase database, Observed observed) {
        return passes.pass(database, observed);
    }

    /** The partition the next pass applies. */
    private OptionalInt partition(MonitoredDatabase database) {
        return RolloutStateMachine.partition(
                Optional.ofNullable(passes.status),
                database.getMetadata().getGeneration(),
                SchemaDefaults.withDefaults(database).getSpec(),
                true);
    }

    private static List<String> events(RolloutDecision decision) {
        return GatePasses.events(decision).stream().map(StatusEvent::reason).toList();
    }

    @BeforeEach
    void generation1Passed() {
        RolloutDecision first = pass(database(1, "16.4", ""), Observed.rolledOut("rev-1"));
        assertThat(first.state()).isEqualTo(RolloutState.Passed);
        assertThat(first.rollout().getCanary()).isNull();
    }

    /** Generation 2 starts, and its template reaches the StatefulSet controller. */
    private void startGeneration2(MonitoredDatabase database) {
        assertThat(partition(database)).hasValue(3);
        RolloutDecision start = pass(database, Observed.justWritten("rev-1"));
        assertThat(start.state()).isEqualTo(RolloutState.Verifying);
        assertThat(start.rollout().getCanary().getPosition()).isEqualTo("1/3 (1 member)");
        assertThat(partition(database)).hasValue(3);
    }

    @Test
    void aGoodChangeGoesStepByStepWithThePrimaryLast() {
        MonitoredDatabase database = generation2("");
        startGeneration2(database);

        RolloutDecision step1 = pass(database, Observed.canary("rev-1", "rev-2", 3));
        assertThat(step1.rollout().getCanary().getMembers()).containsExactly("catalog-2");
        assertThat(partition(database)).hasValue(2);

        RolloutDecision canaryReady = pass(database, Observed.canary("rev-1", "rev-2", 2));
        assertThat(canaryReady.state()).isEqualTo(RolloutState.Verifying);
        assertThat(canaryReady.rollout().getCanary().getStepPassedAt())
                .isEqualTo("2026-03-01T10:00:00Z");
        assertThat(canaryReady.rollout().getMessage()).contains("must keep passing until");

        clock.advance(Duration.ofMinutes(5));
        RolloutDecision step2 = pass(database, Observed.canary("rev-1", "rev-2", 2));
        assertThat(events(step2)).containsExactly(RolloutMessages.EVENT_CANARY_STEP_PASSED);
        assertThat(step2.rollout().getCanary().getPosition()).isEqualTo("2/3 (2 members)");
        assertThat(step2.rollout().getCanary().getMembers())
                .containsExactly("catalog-1", "catalog-2");
        assertThat(partition(database)).hasValue(1);

        pass(database, Observed.canary("rev-1", "rev-2", 1));
        clock.advance(Duration.ofMinutes(5));
        RolloutDecision handOver = pass(database, Observed.canary("rev-1", "rev-2", 1));
        assertThat(handOver.rollout().getCanary().getPosition()).isEqualTo("3/3 (all 3)");
        assertThat(handOver.rollout().getCanary().getHandOverTo())
                .containsExactly("catalog-1", "catalog-2");
        assertThat(events(handOver))
                .containsExactly(
                        RolloutMessages.EVENT_CANARY_STEP_PASSED,
                        RolloutMessages.EVENT_PRIMARY_HAND_OVER);
        assertThat(partition(database)).as("the primary's pod is kept").hasValue(1);

        RolloutDecision primaryMoved =
                pass(database, Observed.canary("rev-1", "rev-2", 1).primary(1));
        assertThat(primaryMoved.rollout().getCanary().getHandOverTo()).isNull();
        assertThat(partition(database)).hasValue(0);

        RolloutDecision passed = pass(database, Observed.canary("rev-1", "rev-2", 0).primary(1));
        assertThat(passed.state()).isEqualTo(RolloutState.Passed);
        assertThat(passed.rollout().getCanary()).isNull();
        assertThat(events(passed)).containsExactly(RolloutMessages.EVENT_HEALTH_GATE_PASSED);
        assertThat(LastStableSpec.parse(passed.rollout().getLastStableSpec()).getVersion())
                .isEqualTo("16.5");
        assertThat(partition(database)).isEmpty();
    }

    @Test
    void aFailedCanaryRollsBackOnlyTheCanary() {
        MonitoredDatabase database = generation2("");
        startGeneration2(database);
        pass(database, Observed.canary("rev-1", "rev-2", 3));

        RolloutDecision failed =
                pass(
                        database,
                        Observed.canary("rev-1", "rev-2", 2)
                                .member2("rev-2", "CrashLoopBackOff", 3));

        assertThat(failed.state()).isEqualTo(RolloutState.RollingBack);
        assertThat(failed.target()).isEqualTo(RolloutTarget.LAST_STABLE_SPEC);
        assertThat(failed.rollout().getMessage())
                .startsWith("step 1/3 ([catalog-2]): a hard failure: pod catalog-2");
        assertThat(failed.rolledBack().message()).contains("step 1/3");
        assertThat(failed.rollout().getCanary()).isNull();
        assertThat(failed.rollout().getFailedRevision()).isEqualTo("rev-2");
        assertThat(partition(database))
                .as("the stable template comes back without a partition")
                .isEmpty();

        RolloutDecision rolledBack = pass(database, Observed.rolledOut("rev-1"));
        assertThat(rolledBack.state()).isEqualTo(RolloutState.RolledBack);
        assertThat(rolledBack.rolledBack().status()).isTrue();
        RolloutDecision resynced = pass(database, Observed.rolledOut("rev-1"));
        assertThat(resynced.state()).as("not retried").isEqualTo(RolloutState.RolledBack);
    }

    @Test
    void aStepThatNeverPassesFailsAtTheTimeoutCountedFromItsStart() {
        MonitoredDatabase database = generation2("");
        startGeneration2(database);
        pass(database, Observed.canary("rev-1", "rev-2", 3));
        Observed lagging =
                Observed.canary("rev-1", "rev-2", 2)
                        .database(DatabaseHealth.failing("ReplicationLagging", "catalog-2 (40s)"));

        clock.advance(Duration.ofMinutes(9));
        assertThat(pass(database, lagging).state()).isEqualTo(RolloutState.Verifying);
        clock.advance(Duration.ofMinutes(1));
        RolloutDecision failed = pass(database, lagging);

        assertThat(failed.state()).isEqualTo(RolloutState.RollingBack);
        assertThat(failed.rollout().getMessage())
                .contains("step 1/3")
                .contains("not passed within 10m")
                .contains("DatabaseHealthy (ReplicationLagging: catalog-2 (40s))");
    }

    @Test
    void rollbackManualPausesAtTheFailingStep() {
        MonitoredDatabase database = generation2(", rollback: Manual");
        startGeneration2(database);
        pass(database, Observed.canary("rev-1", "rev-2", 3));

        RolloutDecision blocked =
                pass(
                        database,
                        Observed.canary("rev-1", "rev-2", 2).member2("rev-2", "ErrImagePull", 0));

        assertThat(blocked.state()).isEqualTo(RolloutState.Blocked);
        assertThat(blocked.target()).isEqualTo(RolloutTarget.SPEC);
        assertThat(partition(database)).as("the other members stay as they were").hasValue(2);

        RolloutDecision resumed = pass(database, Observed.canary("rev-1", "rev-2", 2));
        assertThat(resumed.state())
                .as("the step passes after all: the canary goes on")
                .isEqualTo(RolloutState.Verifying);
        assertThat(resumed.rollout().getCanary().getStep()).isEqualTo(1);
    }

    @Test
    void aPrimaryAmongTheFirstCanaryHandsOverBeforeAnyPodMoves() {
        MonitoredDatabase database = generation2("");
        startGeneration2(database);

        RolloutDecision handOver = pass(database, Observed.canary("rev-1", "rev-2", 3).primary(2));

        assertThat(handOver.rollout().getCanary().getHandOverTo())
                .containsExactly("catalog-0", "catalog-1");
        assertThat(partition(database)).hasValue(3);
        pass(database, Observed.canary("rev-1", "rev-2", 3).primary(0));
        assertThat(partition(database)).hasValue(2);
    }

    @Test
    void aChangeThatRestartsNoPodSkipsTheSteps() {
        MonitoredDatabase database = generation2("");
        startGeneration2(database);

        RolloutDecision passed = pass(database, Observed.rolledOut("rev-1"));

        assertThat(passed.state()).isEqualTo(RolloutState.Passed);
        assertThat(partition(database)).isEmpty();
    }

    @Test
    void theAnalysesOfAStepJudgeItsPodsOnly() {
        MonitoredDatabase database = generation2("");
        startGeneration2(database);
        pass(database, Observed.canary("rev-1", "rev-2", 3));

        ObservationPlan plan =
                machine.plan(
                        SchemaDefaults.withDefaults(database).getSpec(),
                        Optional.of(passes.status),
                        2);

        assertThat(plan.podsUnderTest()).containsExactly("catalog-2");
    }

    @Test
    void rollingAndSmallDatabasesRollAtOnce() {
        MonitoredDatabase rolling = generation2("");
        rolling.getSpec().setUpgrade(new dev.vigil.api.v1alpha1.UpgradeSpec());
        rolling.getSpec().getUpgrade().setStrategy(dev.vigil.api.v1alpha1.UpgradeStrategy.Rolling);
        assertThat(partition(rolling)).isEmpty();

        MonitoredDatabase scaled = generation2("");
        scaled.getSpec().setReplicas(5);
        assertThat(partition(scaled)).as("a scale change rolls at once").isEmpty();
    }
}
