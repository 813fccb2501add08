package dev.vigil.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.api.v1alpha1.RolloutStatus;
import dev.vigil.status.ConditionFactory;
import dev.vigil.status.ConditionType;
import dev.vigil.status.Phase;
import dev.vigil.status.Reason;
import dev.vigil.testing.MutableClock;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GatedStatusTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final ConditionFactory conditions = new ConditionFactory(clock);
    private final GatedStatus gated = new GatedStatus(conditions);

    private MonitoredDatabaseStatus observed(boolean ready, Phase phase, String version) {
        MonitoredDatabaseStatus status = new MonitoredDatabaseStatus();
        status.setObservedGeneration(2L);
        status.setPhase(phase.name());
        status.setCurrentVersion(version);
        status.setConditions(
                List.of(
                        conditions.condition(
                                List.of(), ConditionType.READY, ready, Reason.READY, "serving", 2L),
                        conditions.condition(
                                List.of(),
                                ConditionType.PROGRESSING,
                                !ready,
                                Reason.CONVERGED,
                                "",
                                2L),
                        conditions.condition(
                                List.of(), ConditionType.DEGRADED, false, Reason.HEALTHY, "", 2L)));
        return status;
    }

    private static RolloutDecision decision(RolloutState state) {
        RolloutStatus rollout = new RolloutStatus();
        rollout.setGeneration(2L);
        rollout.setState(state.name());
        boolean rolledBack = state == RolloutState.RolledBack;
        return new RolloutDecision(
                rollout,
                state,
                rolledBack || state == RolloutState.RollingBack
                        ? RolloutTarget.LAST_STABLE_SPEC
                        : RolloutTarget.SPEC,
                new ConditionVerdict(
                        state == RolloutState.Passed,
                        state == RolloutState.Verifying
                                ? RolloutMessages.VERIFYING
                                : RolloutMessages.HEALTH_GATE_FAILED,
                        "gate says"),
                new ConditionVerdict(rolledBack, RolloutMessages.ROLLING_BACK, "rollback says"),
                List.of());
    }

    private static Condition condition(MonitoredDatabaseStatus status, String type) {
        return ConditionFactory.find(status.getConditions(), type).orElseThrow();
    }

    private MonitoredDatabaseStatus previous() {
        MonitoredDatabaseStatus previous = observed(true, Phase.Ready, "7.0.14");
        previous.setObservedGeneration(1L);
        return previous;
    }

    @Test
    void aDatabaseUpOnTheNewSpecIsVerifyingUntilTheGatePasses() {
        MonitoredDatabaseStatus status =
                gated.apply(
                        observed(true, Phase.Ready, "7.0.15"),
                        Optional.of(previous()),
                        decision(RolloutState.Verifying),
                        2);

        assertThat(status.getPhase()).isEqualTo(Phase.Verifying.name());
        assertThat(condition(status, ConditionType.READY))
                .satisfies(
                        c -> {
                            assertThat(c.getStatus()).isEqualTo("False");
                            assertThat(c.getReason()).isEqualTo(RolloutMessages.VERIFYING);
                            assertThat(c.getMessage()).isEqualTo("gate says");
                        });
        assertThat(condition(status, ConditionType.PROGRESSING).getStatus()).isEqualTo("True");
        assertThat(condition(status, ConditionType.HEALTH_GATE).getReason())
                .isEqualTo(RolloutMessages.VERIFYING);
        assertThat(condition(status, ConditionType.ROLLED_BACK).getStatus()).isEqualTo("False");
        assertThat(status.getCurrentVersion()).isEqualTo("7.0.14");
    }

    @Test
    void aDatabaseStillRollingOutKeepsItsPhase() {
        MonitoredDatabaseStatus status =
                gated.apply(
                        observed(false, Phase.Updating, "7.0.14"),
                        Optional.of(previous()),
                        decision(RolloutState.Verifying),
                        2);

        assertThat(status.getPhase()).isEqualTo(Phase.Updating.name());
        assertThat(condition(status, ConditionType.READY).getReason()).isEqualTo(Reason.READY);
    }

    @Test
    void aPassedGateLeavesTheObservedStatusAndAddsItsConditions() {
        MonitoredDatabaseStatus observed = observed(true, Phase.Ready, "7.0.15");

        MonitoredDatabaseStatus status =
                gated.apply(observed, Optional.of(previous()), decision(RolloutState.Passed), 2);

        assertThat(status.getPhase()).isEqualTo(Phase.Ready.name());
        assertThat(status.getCurrentVersion()).isEqualTo("7.0.15");
        assertThat(status.getConditions().subList(0, 3)).isEqualTo(observed.getConditions());
        assertThat(status.getConditions())
                .extracting(Condition::getType)
                .containsExactly(
                        ConditionType.READY,
                        ConditionType.PROGRESSING,
                        ConditionType.DEGRADED,
                        ConditionType.HEALTH_GATE,
                        ConditionType.ROLLED_BACK);
        assertThat(status.getRollout().getState()).isEqualTo("Passed");
    }

    @ParameterizedTest
    @EnumSource(
            value = RolloutState.class,
            names = {"RollingBack", "RolledBack", "Blocked", "Failed"})
    void aFailedGateIsNotReadyAndNamesItsPhase(RolloutState state) {
        MonitoredDatabaseStatus status =
                gated.apply(
                        observed(true, Phase.Ready, "7.0.14"),
                        Optional.of(previous()),
                        decision(state),
                        2);

        assertThat(status.getPhase()).isEqualTo(state.name());
        Condition ready = condition(status, ConditionType.READY);
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason())
                .isEqualTo(
                        switch (state) {
                            case RollingBack -> RolloutMessages.ROLLING_BACK;
                            case RolledBack -> RolloutMessages.ROLLED_BACK;
                            default -> RolloutMessages.HEALTH_GATE_FAILED;
                        });
        assertThat(condition(status, ConditionType.PROGRESSING).getStatus())
                .isEqualTo(state == RolloutState.RollingBack ? "True" : "False");
        assertThat(condition(status, ConditionType.ROLLED_BACK).getStatus())
                .isEqualTo(state == RolloutState.RolledBack ? "True" : "False");
    }

    @Test
    void conditionsKeepTheirTransitionTimeWhileTheirStatusHolds() {
        MonitoredDatabaseStatus first =
                gated.apply(
                        observed(false, Phase.Updating, "7.0.14"),
                        Optional.of(previous()),
                        decision(RolloutState.RollingBack),
                        2);
        clock.advance(Duration.ofMinutes(5));

        MonitoredDatabaseStatus second =
                gated.apply(
                        observed(false, Phase.Updating, "7.0.14"),
                        Optional.of(first),
                        decision(RolloutState.RolledBack),
                        2);

        assertThat(condition(second, ConditionType.HEALTH_GATE).getLastTransitionTime())
                .isEqualTo("2026-03-01T10:00:00Z");
        assertThat(condition(second, ConditionType.ROLLED_BACK).getLastTransitionTime())
                .isEqualTo("2026-03-01T10:05:00Z");
    }
}
