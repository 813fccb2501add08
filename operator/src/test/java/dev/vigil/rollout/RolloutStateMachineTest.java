package dev.vigil.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.CheckResult;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.api.v1alpha1.RolloutRecord;
import dev.vigil.api.v1alpha1.RolloutStatus;
import dev.vigil.status.ConditionFactory;
import dev.vigil.status.ConditionType;
import dev.vigil.status.DatabaseHealth;
import dev.vigil.status.Reason;
import dev.vigil.status.StatusEvent;
import dev.vigil.testing.MutableClock;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every transition of the health gate, driven pass by pass with the status each pass computed,
 * moving a clock instead of waiting.
 */
class RolloutStateMachineTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final GatePasses passes = new GatePasses(T0);
    private final MutableClock clock = passes.clock;
    private final RolloutStateMachine machine = passes.machine;

    private static MonitoredDatabase mongo(long generation, String version, String healthGate) {
        return Serialization.unmarshal(
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: catalog, namespace: shop, generation: %d}
                spec:
                  engine: MongoDB
                  version: "%s"
                  replicas: 3
                  healthGate: {timeout: 10m%s}
                  upgrade: {strategy: Rolling}
                """
                        .formatted(generation, version, healthGate),
                MonitoredDatabase.class);
    }

    private static MonitoredDatabase mongo(long generation, String version) {
        return mongo(generation, version, "");
    }

    private RolloutDecision pass(MonitoredDatabase database, Observed observed) {
        return passes.pass(database, observed);
    }

    /** Generation 1 of {@code healthGate} passes at revision rev-1. */
    private void stable(String version, String healthGate) {
        assertThat(pass(mongo(1, version, healthGate), Observed.rolledOut("rev-1")).state())
                .isEqualTo(RolloutState.Passed);
    }

    private void stable() {
        stable("7.0.14", "");
    }

    /** Generation 2 (7.0.15) fails at once: its member 2 cannot pull its image. */
    private RolloutDecision failGeneration2(String healthGate) {
        return pass(
                mongo(2, "7.0.15", healthGate),
                Observed.rollingOut("rev-1", "rev-2").member2("rev-2", "ErrImagePull", 0));
    }

    private static List<StatusEvent> events(RolloutDecision decision) {
        return GatePasses.events(decision);
    }

    private static List<String> outcomes(RolloutDecision decision) {
        return decision.rollout().getHistory().stream()
                .map(r -> r.getGeneration() + ":" + r.getOutcome())
                .toList();
    }

    @Nested
    class Verifying {

        @Test
        void aNewGenerationIsVerifiedUntilItsChecksPass() {
            RolloutDecision decision =
                    pass(mongo(1, "7.0.14"), Observed.rollingOut("rev-0", "rev-1"));

            assertThat(decision.state()).isEqualTo(RolloutState.Verifying);
            assertThat(decision.target()).isEqualTo(RolloutTarget.SPEC);
            assertThat(decision.actions()).isEmpty();
            RolloutStatus rollout = decision.rollout();
            assertThat(rollout.getGeneration()).isEqualTo(1);
            assertThat(rollout.getStartedAt()).isEqualTo("2026-03-01T10:00:00Z");
            assertThat(rollout.getChecks())
                    .extracting(c -> c.getName() + "=" + c.getPassed())
                    .containsExactly(
                            "RolloutComplete=false", "DatabaseHealthy=false", "ExporterUp=false");
            assertThat(decision.healthGate())
                    .isEqualTo(
                            new ConditionVerdict(
                                    false, RolloutMessages.VERIFYING, rollout.getMessage()));
            assertThat(rollout.getMessage())
                    .contains("RolloutComplete (2/3 pods ready; revision rev-1 rolling out)")
                    .contains("fails at 2026-03-01T10:10:00Z");
            assertThat(decision.rolledBack().reason()).isEqualTo(RolloutMessages.NOT_ROLLED_BACK);
        }

        @Test
        void everyCheckPassingMakesTheSpecTheLastStableOne() {
            pass(mongo(1, "7.0.14"), Observed.rollingOut("rev-0", "rev-1"));
            clock.advance(Duration.ofMinutes(3));

            RolloutDecision decision = pass(mongo(1, "7.0.14"), Observed.rolledOut("rev-1"));

            assertThat(decision.state()).isEqualTo(RolloutState.Passed);
            RolloutStatus rollout = decision.rollout();
            assertThat(LastStableSpec.parse(rollout.getLastStableSpec()).getVersion())
                    .isEqualTo("7.0.14");
            assertThat(rollout.getLastStableSpecHash())
                    .isEqualTo(LastStableSpec.hash(rollout.getLastStableSpec()))
                    .hasSize(64);
            assertThat(rollout.getLastStableGeneration()).isEqualTo(1);
            assertThat(rollout.getFinishedAt()).isEqualTo("2026-03-01T10:03:00Z");
            assertThat(outcomes(decision)).containsExactly("1:Succeeded");
            assertThat(decision.healthGate().status()).isTrue();
            assertThat(decision.healthGate().reason()).isEqualTo(RolloutMessages.PASSED);
            assertThat(events(decision))
                    .containsExactly(
                            StatusEvent.normal(
                                    RolloutMessages.EVENT_HEALTH_GATE_PASSED,
                                    "generation 1 passed its health gate: RolloutComplete,"
                                            + " DatabaseHealthy, ExporterUp"));
        }

        @Test
        void theStableSpecIsTheSpecAsWrittenWithoutDefaults() {
            stable();

            assertThat(passes.status.getRollout().getLastStableSpec())
                    .isEqualTo(LastStableSpec.serialize(mongo(1, "7.0.14").getSpec()))
                    .doesNotContain("crashLoopRestartLimit");
        }

        @Test
        void aChangeTheStatefulSetDoesNotSeePassesOnItsFirstPass() {
            stable();

            RolloutDecision decision =
                    pass(
                            mongo(2, "7.0.14", ", maxReplicationLag: 1m"),
                            Observed.rolledOut("rev-1"));

            assertThat(decision.state()).isEqualTo(RolloutState.Passed);
            assertThat(decision.rollout().getLastStableGeneration()).isEqualTo(2);
        }

        @Test
        void aStatefulSetJustWrittenDoesNotCountAsRolledOut() {
            stable();

            RolloutDecision decision = pass(mongo(2, "7.0.15"), Observed.justWritten("rev-1"));

            assertThat(decision.state()).isEqualTo(RolloutState.Verifying);
            assertThat(decision.rollout().getChecks().get(0).getMessage())
                    .isEqualTo("the StatefulSet is being updated to this spec");
        }

        @Test
        void aCheckKeepsItsSinceWhileItsResultHolds() {
            pass(mongo(1, "7.0.14"), Observed.rollingOut("rev-0", "rev-1"));
            clock.advance(Duration.ofMinutes(1));

            RolloutDecision decision =
                    pass(mongo(1, "7.0.14"), Observed.rollingOut("rev-0", "rev-1"));

            assertThat(decision.rollout().getChecks())
                    .allSatisfy(c -> assertThat(c.getSince()).isEqualTo("2026-03-01T10:00:00Z"));
        }

        @Test
        void checksNamedInTheSpecAreTheOnlyOnes() {
            RolloutDecision decision =
                    pass(
                            mongo(1, "7.0.14", ", checks: [RolloutComplete]"),
                            Observed.rolledOut("rev-1").exporter(ExporterReading.down("pg_up 0")));

            assertThat(decision.state()).isEqualTo(RolloutState.Passed);
            assertThat(decision.rollout().getChecks())
                    .extracting(c -> c.getName())
                    .containsExactly("RolloutComplete");
        }
    }

    @Nested
    class HardFailures {

        @ParameterizedTest
        @ValueSource(strings = {"ErrImagePull", "ImagePullBackOff", "InvalidImageName"})
        void anImageThatCannotBePulledRollsBackAtOnce(String reason) {
            stable();

            RolloutDecision decision =
                    pass(
                            mongo(2, "7.0.15"),
                            Observed.rollingOut("rev-1", "rev-2").member2("rev-2", reason, 0));

            assertThat(decision.state()).isEqualTo(RolloutState.RollingBack);
            assertThat(decision.target()).isEqualTo(RolloutTarget.LAST_STABLE_SPEC);
            RolloutStatus rollout = decision.rollout();
            assertThat(rollout.getRolledBackFrom()).isEqualTo(2);
            assertThat(rollout.getFailedRevision()).isEqualTo("rev-2");
            assertThat(rollout.getReason()).isEqualTo(RolloutMessages.HEALTH_GATE_FAILED);
            assertThat(rollout.getMessage())
                    .isEqualTo(
                            "a hard failure: pod catalog-2: container mongod cannot pull its"
                                    + " image ("
                                    + reason
                                    + ")");
            assertThat(decision.healthGate())
                    .isEqualTo(
                            new ConditionVerdict(
                                    false,
                                    RolloutMessages.HEALTH_GATE_FAILED,
                                    "generation 2 failed its health gate ("
                                            + rollout.getMessage()
                                            + ")"));
            assertThat(decision.rolledBack().reason()).isEqualTo(RolloutMessages.ROLLING_BACK);
            assertThat(decision.rolledBack().message())
                    .isEqualTo(
                            String.format(
                                    RolloutMessages.MSG_ROLLING_BACK, 2, rollout.getMessage(), 1));
            assertThat(decision.actions())
                    .containsExactly(
                            new RolloutAction.RecordGateFailure(Duration.ZERO),
                            new RolloutAction.RecordEvent(
                                    StatusEvent.normal(
                                            RolloutMessages.EVENT_ROLLING_BACK,
                                            decision.rolledBack().message())));
        }

        @Test
        void aCrashLoopRollsBackOnceItReachesTheRestartLimit() {
            stable();
            MonitoredDatabase generation2 = mongo(2, "7.0.15", ", crashLoopRestartLimit: 3");

            RolloutDecision below =
                    pass(
                            generation2,
                            Observed.rollingOut("rev-1", "rev-2")
                                    .member2("rev-2", "CrashLoopBackOff", 2));
            RolloutDecision at =
                    pass(
                            generation2,
                            Observed.rollingOut("rev-1", "rev-2")
                                    .member2("rev-2", "CrashLoopBackOff", 3));

            assertThat(below.state()).isEqualTo(RolloutState.Verifying);
            assertThat(at.state()).isEqualTo(RolloutState.RollingBack);
            assertThat(at.rollout().getMessage())
                    .contains(
                            "container mongod is in CrashLoopBackOff after 3 restarts"
                                    + " (crashLoopRestartLimit 3)");
        }

        @Test
        void podsOfAnotherRevisionNeverCountAgainstTheOneUnderTest() {
            stable();
            Observed observed = Observed.rollingOut("rev-1", "rev-2");
            observed.member2("rev-1", "CrashLoopBackOff", 40);

            assertThat(pass(mongo(2, "7.0.15"), observed).state())
                    .isEqualTo(RolloutState.Verifying);
        }

        @Test
        void beforeTheControllerSawTheNewTemplateNoPodCounts() {
            stable();
            Observed observed = Observed.justWritten("rev-1").member2("rev-1", "ErrImagePull", 0);

            assertThat(pass(mongo(2, "7.0.15"), observed).state())
                    .isEqualTo(RolloutState.Verifying);
        }
    }

    @Nested
    class Timeout {

        @Test
        void anythingElseRollsBackWhenTheTimeoutPasses() {
            stable();
            MonitoredDatabase generation2 = mongo(2, "7.0.15");
            pass(generation2, Observed.rollingOut("rev-1", "rev-2"));

            clock.advance(Duration.ofMinutes(10).minusSeconds(1));
            RolloutDecision before = pass(generation2, Observed.rollingOut("rev-1", "rev-2"));
            clock.advance(Duration.ofSeconds(1));
            RolloutDecision after = pass(generation2, Observed.rollingOut("rev-1", "rev-2"));

            assertThat(before.state()).isEqualTo(RolloutState.Verifying);
            assertThat(after.state()).isEqualTo(RolloutState.RollingBack);
            assertThat(after.rollout().getMessage())
                    .startsWith(
                            "not passed within 10m: RolloutComplete (2/3 pods ready; revision"
                                    + " rev-2 rolling out); DatabaseHealthy (not asked yet");
            assertThat(after.actions(RolloutAction.RecordGateFailure.class))
                    .containsExactly(new RolloutAction.RecordGateFailure(Duration.ofMinutes(10)));
        }

        @Test
        void aDatabaseThatNeverBecomesHealthyRollsBackAtTheTimeout() {
            stable();
            MonitoredDatabase generation2 = mongo(2, "7.0.15");
            generation2.getSpec().getHealthGate().setTimeout("2m");
            Observed unhealthy =
                    Observed.rolledOut("rev-2")
                            .database(
                                    DatabaseHealth.failing(
                                            Reason.STANDBYS_NOT_STREAMING,
                                            "catalog-1 not streaming"));

            pass(generation2, unhealthy);
            clock.advance(Duration.ofMinutes(2));
            RolloutDecision decision = pass(generation2, unhealthy);

            assertThat(decision.state()).isEqualTo(RolloutState.RollingBack);
            assertThat(decision.rollout().getMessage())
                    .isEqualTo(
                            "not passed within 2m: DatabaseHealthy (StandbysNotStreaming:"
                                    + " catalog-1 not streaming)");
            assertThat(decision.rollout().getFailedRevision()).isEqualTo("rev-2");
        }
    }

    @Nested
    class Analyses {

        private static final String ERROR_RATE =
                ", prometheusUrl: 'http://prometheus:9090', analysis: [{name: error-rate, query:"
                        + " 'vector(0)', successCondition: 'result < 0.05', failureLimit: 1%s}]";

        @Test
        void anAnalysisPastItsFailureLimitRollsBackAtOnce() {
            stable();
            MonitoredDatabase generation2 = mongo(2, "7.0.15", ERROR_RATE.formatted(""));

            RolloutDecision first =
                    pass(generation2, Observed.rolledOut("rev-2").measured("error-rate", 0.2));
            clock.advance(Duration.ofSeconds(30));
            RolloutDecision second =
                    pass(generation2, Observed.rolledOut("rev-2").measured("error-rate", 0.3));

            assertThat(first.state()).isEqualTo(RolloutState.Verifying);
            assertThat(first.rollout().getChecks().get(3).getFailures()).isEqualTo(1);
            assertThat(second.state()).isEqualTo(RolloutState.RollingBack);
            assertThat(second.rollout().getMessage())
                    .isEqualTo(
                            "a hard failure: Analysis/error-rate: result 0.3 does not meet"
                                    + " 'result < 0.05' (2 failed measurements, 1 tolerated)");
        }

        @Test
        void anAnalysisWithAWindowPassesOnlyOnceItHeldThatLong() {
            MonitoredDatabase database = mongo(1, "7.0.14", ERROR_RATE.formatted(", window: 5m"));

            RolloutDecision early =
                    pass(database, Observed.rolledOut("rev-1").measured("error-rate", 0.01));
            clock.advance(Duration.ofMinutes(5));
            RolloutDecision late =
                    pass(database, Observed.rolledOut("rev-1").measured("error-rate", 0.01));

            assertThat(early.state()).isEqualTo(RolloutState.Verifying);
            assertThat(early.rollout().getMessage())
                    .contains(
                            "Analysis/error-rate (holds; its window ends at 2026-03-01T10:05:00Z)");
            assertThat(late.state()).isEqualTo(RolloutState.Passed);
        }

        @Test
        void anInconclusiveMeasurementNeitherPassesNorCounts() {
            MonitoredDatabase database = mongo(1, "7.0.14", ERROR_RATE.formatted(""));

            RolloutDecision decision =
                    pass(
                            database,
                            Observed.rolledOut("rev-1")
                                    .inconclusive("error-rate", "Prometheus did not answer"));

            assertThat(decision.state()).isEqualTo(RolloutState.Verifying);
            assertThat(decision.rollout().getChecks().get(3))
                    .satisfies(
                            c -> {
                                assertThat(c.getPassed()).isFalse();
                                assertThat(c.getFailures()).isZero();
                                assertThat(c.getMessage())
                                        .isEqualTo("inconclusive: Prometheus did not answer");
                            });
        }

        @Test
        void betweenMeasurementsTheLastResultStands() {
            MonitoredDatabase database = mongo(1, "7.0.14", ERROR_RATE.formatted(", window: 1m"));
            pass(database, Observed.rolledOut("rev-1").measured("error-rate", 0.01));
            clock.advance(Duration.ofSeconds(10));

            assertThat(machine.plan(defaults(database), Optional.of(passes.status), 1).analyses())
                    .isEmpty();
            RolloutDecision decision = pass(database, Observed.rolledOut("rev-1"));

            assertThat(decision.rollout().getChecks().get(3).getPassed()).isTrue();
            assertThat(decision.rollout().getChecks().get(3).getMeasuredAt())
                    .isEqualTo("2026-03-01T10:00:00Z");
            clock.advance(Duration.ofSeconds(20));
            assertThat(machine.plan(defaults(database), Optional.of(passes.status), 1).analyses())
                    .containsExactly("error-rate");
        }

        @Test
        void aReadyMadeAnalysisIsMeasuredReportedAndRollsBackAsAWrittenOne() {
            stable();
            MonitoredDatabase generation2 =
                    mongo(
                            2,
                            "7.0.15",
                            ", prometheusUrl: 'http://prometheus:9090',"
                                    + " standardAnalyses: [ErrorRate, ConnectionFailures]");

            assertThat(
                            machine.plan(
                                            GatePasses.underTest(generation2),
                                            Optional.of(passes.status),
                                            2)
                                    .analyses())
                    .containsExactlyInAnyOrder("error-rate", "connection-failures");
            RolloutDecision decision =
                    pass(
                            generation2,
                            Observed.rolledOut("rev-2")
                                    .measured("error-rate", 0.2)
                                    .measured("connection-failures", 0));

            assertThat(decision.rollout().getChecks())
                    .extracting(CheckResult::getName)
                    .contains("Analysis/error-rate", "Analysis/connection-failures");
            assertThat(decision.state()).isEqualTo(RolloutState.RollingBack);
            assertThat(decision.rollout().getMessage())
                    .contains(
                            "Analysis/error-rate: result 0.2 does not meet 'isNaN(result) ||"
                                    + " result <= 0.05'");
        }
    }

    @Nested
    class WithoutRollback {

        @Test
        void aFirstDeploymentThatFailsHasNothingToRollBackTo() {
            RolloutDecision decision =
                    pass(
                            mongo(1, "7.0.14"),
                            Observed.rollingOut("rev-0", "rev-1")
                                    .member2("rev-1", "ErrImagePull", 0));

            assertThat(decision.state()).isEqualTo(RolloutState.Failed);
            assertThat(decision.target()).isEqualTo(RolloutTarget.SPEC);
            assertThat(decision.rollout().getRolledBackFrom()).isNull();
            assertThat(decision.rolledBack())
                    .isEqualTo(
                            new ConditionVerdict(
                                    false,
                                    RolloutMessages.NO_STABLE_SPEC,
                                    String.format(RolloutMessages.MSG_NO_STABLE_SPEC, 1)));
            assertThat(decision.rolledBack().message()).startsWith("nothing to roll back to");
            assertThat(events(decision))
                    .singleElement()
                    .satisfies(
                            e -> {
                                assertThat(e.warning()).isTrue();
                                assertThat(e.reason())
                                        .isEqualTo(RolloutMessages.EVENT_HEALTH_GATE_FAILED);
                                assertThat(e.message())
                                        .contains("ErrImagePull", "nothing to roll back to");
                            });
            assertThat(outcomes(decision)).containsExactly("1:Failed");
        }

        @Test
        void rollbackDisabledOnlyReports() {
            stable("7.0.14", ", rollback: Disabled");

            RolloutDecision decision = failGeneration2(", rollback: Disabled");

            assertThat(decision.state()).isEqualTo(RolloutState.Failed);
            assertThat(decision.target()).isEqualTo(RolloutTarget.SPEC);
            assertThat(decision.rolledBack().reason()).isEqualTo(RolloutMessages.ROLLBACK_DISABLED);
            assertThat(decision.actions(RolloutAction.DeletePods.class)).isEmpty();
        }

        @Test
        void rollbackManualStopsAndReports() {
            stable("7.0.14", ", rollback: Manual");

            RolloutDecision decision = failGeneration2(", rollback: Manual");

            assertThat(decision.state()).isEqualTo(RolloutState.Blocked);
            assertThat(decision.target()).isEqualTo(RolloutTarget.SPEC);
            assertThat(decision.rolledBack())
                    .isEqualTo(
                            new ConditionVerdict(
                                    false,
                                    RolloutMessages.ROLLBACK_MANUAL,
                                    String.format(RolloutMessages.MSG_ROLLBACK_MANUAL, 2, 1)));
            assertThat(events(decision))
                    .extracting(StatusEvent::reason)
                    .containsExactly(RolloutMessages.EVENT_HEALTH_GATE_FAILED);
            assertThat(outcomes(decision)).containsExactly("1:Succeeded", "2:Blocked");
        }

        @Test
        void aFailedFirstDeploymentPassesOnceItsChecksPassAfterAll() {
            MonitoredDatabase generation1 = mongo(1, "7.0.14");
            pass(
                    generation1,
                    Observed.rollingOut("rev-0", "rev-1").member2("rev-1", "ImagePullBackOff", 0));
            clock.advance(Duration.ofMinutes(30));

            RolloutDecision still =
                    pass(
                            generation1,
                            Observed.rollingOut("rev-0", "rev-1")
                                    .member2("rev-1", "ImagePullBackOff", 0));
            RolloutDecision pulled = pass(generation1, Observed.rolledOut("rev-1"));

            assertThat(still.state()).isEqualTo(RolloutState.Failed);
            assertThat(still.actions()).isEmpty();
            assertThat(pulled.state()).isEqualTo(RolloutState.Passed);
            assertThat(pulled.rollout().getLastStableGeneration()).isEqualTo(1);
            assertThat(pulled.rollout().getFailedRevision()).isNull();
        }

        @Test
        void aFailedSpecThatIsTheStableOneIsNotRolledBack() {
            stable();

            RolloutDecision decision =
                    pass(
                            mongo(2, "7.0.14"),
                            Observed.rolledOut("rev-1").member2("rev-1", "CrashLoopBackOff", 9));

            assertThat(decision.state()).isEqualTo(RolloutState.Failed);
            assertThat(decision.rolledBack().reason())
                    .isEqualTo(RolloutMessages.SAME_AS_STABLE_SPEC);
        }

        @Test
        void blockedAndFailedReportOnceAndPassIfTheChecksPassAfterAll() {
            stable("7.0.14", ", rollback: Manual");
            failGeneration2(", rollback: Manual");
            clock.advance(Duration.ofHours(1));

            RolloutDecision still =
                    pass(
                            mongo(2, "7.0.15", ", rollback: Manual"),
                            Observed.rollingOut("rev-1", "rev-2")
                                    .member2("rev-2", "ImagePullBackOff", 0));
            RolloutDecision recovered =
                    pass(mongo(2, "7.0.15", ", rollback: Manual"), Observed.rolledOut("rev-2"));

            assertThat(still.state()).isEqualTo(RolloutState.Blocked);
            assertThat(still.actions()).isEmpty();
            assertThat(recovered.state()).isEqualTo(RolloutState.Passed);
            assertThat(recovered.rollout().getLastStableGeneration()).isEqualTo(2);
            assertThat(outcomes(recovered))
                    .containsExactly("1:Succeeded", "2:Blocked", "2:Succeeded");
        }
    }

    @Nested
    class RollingBack {

        @Test
        void theFailedRevisionsStuckPodsAreDeletedOnceTheControllerMovedOn() {
            stable();
            failGeneration2("");
            MonitoredDatabase generation2 = mongo(2, "7.0.15");

            // The stable StatefulSet was just written back; the controller has not seen it.
            RolloutDecision written =
                    pass(
                            generation2,
                            Observed.justWritten("rev-2").member2("rev-2", "ErrImagePull", 0));
            Observed movedOn = Observed.rollingOut("rev-2", "rev-1");
            movedOn.member2("rev-2", "ImagePullBackOff", 0);
            RolloutDecision seen = pass(generation2, movedOn);

            assertThat(written.state()).isEqualTo(RolloutState.RollingBack);
            assertThat(written.actions()).isEmpty();
            assertThat(seen.state()).isEqualTo(RolloutState.RollingBack);
            assertThat(seen.actions(RolloutAction.DeletePods.class))
                    .containsExactly(new RolloutAction.DeletePods(List.of("catalog-2"), "rev-2"));
            assertThat(events(seen))
                    .extracting(StatusEvent::reason)
                    .containsExactly(RolloutMessages.EVENT_STUCK_PODS_DELETED);
        }

        @Test
        void theRollbackEndsOnceTheStableRevisionIsReady() {
            stable();
            failGeneration2("");
            clock.advance(Duration.ofMinutes(1));

            RolloutDecision decision = pass(mongo(2, "7.0.15"), Observed.rolledOut("rev-1"));

            assertThat(decision.state()).isEqualTo(RolloutState.RolledBack);
            assertThat(decision.target()).isEqualTo(RolloutTarget.LAST_STABLE_SPEC);
            assertThat(decision.rolledBack().status()).isTrue();
            assertThat(decision.rolledBack().reason())
                    .isEqualTo(RolloutMessages.HEALTH_GATE_FAILED);
            assertThat(decision.rolledBack().message())
                    .isEqualTo(
                            "generation 2 failed its health gate (a hard failure: pod catalog-2:"
                                    + " container mongod cannot pull its image (ErrImagePull)) and"
                                    + " was rolled back to the spec of generation 1; it is not"
                                    + " retried until the spec changes");
            assertThat(events(decision))
                    .containsExactly(
                            StatusEvent.warning(
                                    RolloutMessages.EVENT_ROLLED_BACK,
                                    decision.rolledBack().message()));
            assertThat(decision.actions(RolloutAction.CountRollback.class)).hasSize(1);
            RolloutRecord last = decision.rollout().getHistory().get(1);
            assertThat(last.getOutcome()).isEqualTo(RolloutMessages.OUTCOME_ROLLED_BACK);
            assertThat(last.getFinishedAt()).isEqualTo("2026-03-01T10:01:00Z");
            assertThat(decision.rollout().getLastStableGeneration()).isEqualTo(1);
        }

        @Test
        void theRolledBackGenerationIsNotRetried() {
            stable();
            failGeneration2("");
            pass(mongo(2, "7.0.15"), Observed.rolledOut("rev-1"));

            for (int i = 0; i < 3; i++) {
                clock.advance(Duration.ofHours(8));
                RolloutDecision decision = pass(mongo(2, "7.0.15"), Observed.rolledOut("rev-1"));

                assertThat(decision.state()).isEqualTo(RolloutState.RolledBack);
                assertThat(decision.target()).isEqualTo(RolloutTarget.LAST_STABLE_SPEC);
                assertThat(decision.actions()).isEmpty();
            }
            assertThat(RolloutStateMachine.target(Optional.of(passes.status), 2))
                    .isEqualTo(RolloutTarget.LAST_STABLE_SPEC);
        }

        @Test
        void aRollbackToABinaryOlderThanTheFeatureCompatibilityVersionIsRefused() {
            pass(mongo(1, "6.0.15"), Observed.rolledOut("rev-1").fcv("6.0"));

            RolloutDecision decision =
                    pass(
                            mongo(2, "7.0.14"),
                            Observed.rollingOut("rev-1", "rev-2")
                                    .member2("rev-2", "ErrImagePull", 0)
                                    .fcv("7.0"));

            assertThat(decision.state()).isEqualTo(RolloutState.Blocked);
            assertThat(decision.target()).isEqualTo(RolloutTarget.SPEC);
            assertThat(decision.rolledBack())
                    .isEqualTo(
                            new ConditionVerdict(
                                    false,
                                    RolloutMessages.ROLLBACK_REFUSED,
                                    "rollback to generation 1 refused: MongoDB 6.0.15 cannot start"
                                            + " on data whose featureCompatibilityVersion is"
                                            + " already 7.0; fix the spec forward"));
        }

        @Test
        void aRollbackToABinaryThatRunsTheFeatureCompatibilityVersionGoesAhead() {
            pass(mongo(1, "6.0.15"), Observed.rolledOut("rev-1").fcv("6.0"));

            RolloutDecision decision =
                    pass(
                            mongo(2, "7.0.14"),
                            Observed.rollingOut("rev-1", "rev-2")
                                    .member2("rev-2", "ErrImagePull", 0)
                                    .fcv("6.0"));

            assertThat(decision.state()).isEqualTo(RolloutState.RollingBack);
        }
    }

    @Nested
    class NewGeneration {

        @Test
        void aNewSpecAfterARollbackStartsACleanRolloutAndClearsTheStuckPods() {
            stable();
            failGeneration2("");
            pass(mongo(2, "7.0.15"), Observed.rolledOut("rev-1"));

            RolloutDecision decision =
                    pass(
                            mongo(3, "7.0.16"),
                            Observed.rollingOut("rev-1", "rev-3")
                                    .member2("rev-2", "ErrImagePull", 0));

            assertThat(decision.state()).isEqualTo(RolloutState.Verifying);
            assertThat(decision.target()).isEqualTo(RolloutTarget.SPEC);
            RolloutStatus rollout = decision.rollout();
            assertThat(rollout.getGeneration()).isEqualTo(3);
            assertThat(rollout.getRolledBackFrom()).isNull();
            assertThat(rollout.getLastStableGeneration()).isEqualTo(1);
            assertThat(rollout.getChecks())
                    .noneMatch(c -> c.getFailures() != null && c.getFailures() > 0);
            assertThat(decision.actions(RolloutAction.DeletePods.class))
                    .containsExactly(new RolloutAction.DeletePods(List.of("catalog-2"), "rev-2"));
            assertThat(outcomes(decision)).containsExactly("1:Succeeded", "2:RolledBack");
        }

        @Test
        void aFixAfterAFailedFirstDeploymentStartsACleanRolloutAndClearsTheStuckPod() {
            pass(
                    mongo(1, "7.0.14"),
                    Observed.rollingOut("rev-0", "rev-1").member2("rev-1", "ErrImagePull", 0));

            Observed fixed =
                    Observed.rollingOut("rev-1", "rev-2").member2("rev-1", "ErrImagePull", 0);
            RolloutDecision decision = pass(mongo(2, "7.0.14"), fixed);

            assertThat(decision.state()).isEqualTo(RolloutState.Verifying);
            assertThat(decision.rollout().getLastStableSpec()).isNull();
            assertThat(decision.actions(RolloutAction.DeletePods.class))
                    .containsExactly(new RolloutAction.DeletePods(List.of("catalog-2"), "rev-1"));
            assertThat(outcomes(decision)).containsExactly("1:Failed");
        }

        @Test
        void aNewSpecAfterABlockedOneStartsACleanRollout() {
            stable("7.0.14", ", rollback: Manual");
            failGeneration2(", rollback: Manual");

            RolloutDecision decision =
                    pass(mongo(3, "7.0.14", ", rollback: Manual"), Observed.rolledOut("rev-1"));

            assertThat(decision.state()).isEqualTo(RolloutState.Passed);
            assertThat(decision.rollout().getLastStableGeneration()).isEqualTo(3);
            assertThat(outcomes(decision))
                    .containsExactly("1:Succeeded", "2:Blocked", "3:Succeeded");
        }

        @Test
        void aNewSpecWhileRollingBackSupersedesTheRollback() {
            stable();
            failGeneration2("");
            clock.advance(Duration.ofSeconds(5));

            RolloutDecision decision =
                    pass(mongo(3, "7.0.16"), Observed.rollingOut("rev-2", "rev-3"));

            assertThat(decision.state()).isEqualTo(RolloutState.Verifying);
            assertThat(decision.target()).isEqualTo(RolloutTarget.SPEC);
            assertThat(outcomes(decision)).containsExactly("1:Succeeded", "2:Superseded");
            assertThat(decision.rollout().getHistory().get(1).getReason())
                    .isEqualTo("generation 3 arrived");
        }

        @Test
        void aNewSpecWhileVerifyingSupersedesIt() {
            stable();
            pass(mongo(2, "7.0.15"), Observed.rollingOut("rev-1", "rev-2"));

            RolloutDecision decision = pass(mongo(3, "7.0.16"), Observed.rolledOut("rev-3"));

            assertThat(decision.state()).isEqualTo(RolloutState.Passed);
            assertThat(outcomes(decision))
                    .containsExactly("1:Succeeded", "2:Superseded", "3:Succeeded");
        }

        @Test
        void theHistoryKeepsTheLastTenRollouts() {
            for (long generation = 1; generation <= 12; generation++) {
                pass(mongo(generation, "7.0.14"), Observed.rolledOut("rev-1"));
            }

            assertThat(passes.status.getRollout().getHistory())
                    .extracting(RolloutRecord::getGeneration)
                    .containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        }

        @Test
        void aDatabaseReadyBeforeItHadAGateAdoptsItsSpecAsTheStableOne() {
            passes.status = new MonitoredDatabaseStatus();
            passes.status.setObservedGeneration(4L);
            passes.status.setConditions(
                    List.of(
                            new ConditionFactory(clock)
                                    .condition(
                                            List.of(),
                                            ConditionType.READY,
                                            true,
                                            Reason.READY,
                                            "",
                                            4L)));

            RolloutDecision decision =
                    pass(mongo(4, "7.0.14"), Observed.rollingOut("rev-1", "rev-2"));

            assertThat(decision.state()).isEqualTo(RolloutState.Passed);
            assertThat(decision.healthGate().reason()).isEqualTo(RolloutMessages.ADOPTED);
            assertThat(decision.rollout().getLastStableGeneration()).isEqualTo(4);
            assertThat(decision.actions()).isEmpty();
        }
    }

    @Nested
    class FeatureCompatibilityVersion {

        private MonitoredDatabase upgrade(String soak) {
            MonitoredDatabase database = mongo(2, "7.0.14");
            if (soak != null) {
                database.getSpec().getUpgrade().setFcvSoak(soak);
            }
            return database;
        }

        @Test
        void isRaisedOnlyAfterTheGateAndTheSoak() {
            pass(mongo(1, "6.0.15"), Observed.rolledOut("rev-1").fcv("6.0"));
            MonitoredDatabase generation2 = upgrade(null);

            RolloutDecision passed = pass(generation2, Observed.rolledOut("rev-2").fcv("6.0"));
            clock.advance(Duration.ofMinutes(59));
            RolloutDecision soaking = pass(generation2, Observed.rolledOut("rev-2").fcv("6.0"));
            clock.advance(Duration.ofMinutes(1));
            RolloutDecision unhealthy =
                    pass(
                            generation2,
                            Observed.rolledOut("rev-2")
                                    .fcv("6.0")
                                    .database(
                                            DatabaseHealth.failing(
                                                    Reason.MEMBERS_NOT_HEALTHY, "catalog-1 DOWN")));
            RolloutDecision due = pass(generation2, Observed.rolledOut("rev-2").fcv("6.0"));
            RolloutDecision raised = pass(generation2, Observed.rolledOut("rev-2").fcv("7.0"));

            assertThat(passed.state()).isEqualTo(RolloutState.Passed);
            assertThat(passed.actions(RolloutAction.RaiseFeatureCompatibilityVersion.class))
                    .isEmpty();
            assertThat(passed.healthGate().message())
                    .endsWith(
                            "; featureCompatibilityVersion 6.0 is raised to 7.0 at"
                                    + " 2026-03-01T11:00:00Z (upgrade.fcvSoak)");
            assertThat(soaking.actions()).isEmpty();
            assertThat(unhealthy.actions()).isEmpty();
            assertThat(due.actions())
                    .containsExactly(
                            new RolloutAction.RaiseFeatureCompatibilityVersion("6.0", "7.0"));
            assertThat(raised.actions()).isEmpty();
            assertThat(raised.rollout().getFeatureCompatibilityVersion()).isEqualTo("7.0");
            assertThat(raised.healthGate().message()).doesNotContain("featureCompatibilityVersion");
        }

        @Test
        void aSoakOfZeroRaisesItWithTheGate() {
            pass(mongo(1, "6.0.15"), Observed.rolledOut("rev-1").fcv("6.0"));

            RolloutDecision decision = pass(upgrade("0s"), Observed.rolledOut("rev-2").fcv("6.0"));

            assertThat(decision.actions(RolloutAction.RaiseFeatureCompatibilityVersion.class))
                    .containsExactly(
                            new RolloutAction.RaiseFeatureCompatibilityVersion("6.0", "7.0"));
        }

        @Test
        void isNotRaisedWhileTheNewVersionIsUnderTest() {
            pass(mongo(1, "6.0.15"), Observed.rolledOut("rev-1").fcv("6.0"));

            RolloutDecision decision =
                    pass(upgrade("0s"), Observed.rollingOut("rev-1", "rev-2").fcv("6.0"));

            assertThat(decision.state()).isEqualTo(RolloutState.Verifying);
            assertThat(decision.actions()).isEmpty();
        }

        @Test
        void isReadWhileItIsBelowTheVersionOnly() {
            pass(mongo(1, "6.0.15"), Observed.rolledOut("rev-1").fcv("6.0"));
            MonitoredDatabase generation2 = upgrade(null);
            pass(generation2, Observed.rolledOut("rev-2").fcv("6.0"));

            assertThat(
                            machine.plan(defaults(generation2), Optional.of(passes.status), 2)
                                    .featureCompatibilityVersion())
                    .isTrue();
            pass(generation2, Observed.rolledOut("rev-2").fcv("7.0"));
            assertThat(
                            machine.plan(defaults(generation2), Optional.of(passes.status), 2)
                                    .featureCompatibilityVersion())
                    .isFalse();
        }
    }

    @Nested
    class Plan {

        @Test
        void podsAndTheExporterAreReadOnlyWhileTheyCanChangeTheOutcome() {
            MonitoredDatabase generation1 = mongo(1, "7.0.14");
            ObservationPlan fresh = machine.plan(defaults(generation1), Optional.empty(), 1);
            stable();
            ObservationPlan settled =
                    machine.plan(defaults(generation1), Optional.of(passes.status), 1);
            failGeneration2("");
            ObservationPlan rollingBack =
                    machine.plan(defaults(mongo(2, "7.0.15")), Optional.of(passes.status), 2);
            pass(mongo(2, "7.0.15"), Observed.rolledOut("rev-1"));
            ObservationPlan rolledBack =
                    machine.plan(defaults(mongo(2, "7.0.15")), Optional.of(passes.status), 2);

            assertThat(fresh.pods()).isTrue();
            assertThat(fresh.exporter()).isTrue();
            assertThat(settled.pods()).isFalse();
            assertThat(settled.exporter()).isFalse();
            assertThat(rollingBack.pods()).isTrue();
            assertThat(rollingBack.exporter()).isFalse();
            assertThat(rolledBack.pods()).isFalse();
        }

        @Test
        void theTargetIsTheLastStableSpecOnlyForTheGenerationRolledBack() {
            assertThat(RolloutStateMachine.target(Optional.empty(), 1))
                    .isEqualTo(RolloutTarget.SPEC);
            stable();
            failGeneration2("");

            assertThat(RolloutStateMachine.target(Optional.of(passes.status), 2))
                    .isEqualTo(RolloutTarget.LAST_STABLE_SPEC);
            assertThat(RolloutStateMachine.target(Optional.of(passes.status), 3))
                    .isEqualTo(RolloutTarget.SPEC);
        }
    }

    private static dev.vigil.api.v1alpha1.MonitoredDatabaseSpec defaults(
            MonitoredDatabase database) {
        return SchemaDefaults.withDefaults(database).getSpec();
    }
}
