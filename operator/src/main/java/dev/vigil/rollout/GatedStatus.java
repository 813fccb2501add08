package dev.vigil.rollout;

import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.status.ConditionFactory;
import dev.vigil.status.ConditionType;
import dev.vigil.status.Phase;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts a {@link RolloutDecision} into the status computed from what the pass observed: {@code
 * status.rollout}, the HealthGate and RolledBack conditions, and, where the gate has the last word,
 * the phase and the Ready and Progressing conditions.
 *
 * <ul>
 *   <li>Verifying: a database that is otherwise ready is not Ready yet (reason {@value
 *       RolloutMessages#VERIFYING}), and its phase is Verifying; one still rolling out keeps its
 *       phase (Creating, Updating, Degraded).
 *   <li>Passed: the status stands as observed.
 *   <li>RollingBack, RolledBack, Blocked and Failed: not Ready, and the phase of the same name.
 *       Ready describes the resource's spec, which does not run as asked.
 * </ul>
 */
public final class GatedStatus {

    private final ConditionFactory conditions;

    public GatedStatus(ConditionFactory conditions) {
        this.conditions = conditions;
    }

    /**
     * {@code observed} with the gate's say.
     *
     * @param observed the status computed from the pass' observation; not changed
     * @param previous the status the last pass computed, for the conditions' transition times
     * @param generation the resource's generation
     */
    public MonitoredDatabaseStatus apply(
            MonitoredDatabaseStatus observed,
            Optional<MonitoredDatabaseStatus> previous,
            RolloutDecision decision,
            long generation) {
        MonitoredDatabaseStatus status = copyOf(observed);
        List<Condition> old = previous.map(MonitoredDatabaseStatus::getConditions).orElse(null);
        boolean observedReady =
                ConditionFactory.isTrue(observed.getConditions(), ConditionType.READY);
        List<Condition> all = new ArrayList<>(observed.getConditions());
        replace(all, old, ConditionType.HEALTH_GATE, decision.healthGate(), generation);
        replace(all, old, ConditionType.ROLLED_BACK, decision.rolledBack(), generation);
        status.setRollout(decision.rollout());
        switch (decision.state()) {
            case Verifying -> {
                if (observedReady) {
                    ConditionVerdict waiting =
                            new ConditionVerdict(
                                    false,
                                    RolloutMessages.VERIFYING,
                                    decision.healthGate().message());
                    replace(all, old, ConditionType.READY, waiting, generation);
                    replace(all, old, ConditionType.PROGRESSING, flip(waiting), generation);
                    status.setPhase(Phase.Verifying.name());
                }
            }
            case Passed -> {}
            case RollingBack -> {
                ConditionVerdict rollingBack =
                        new ConditionVerdict(
                                false,
                                RolloutMessages.ROLLING_BACK,
                                decision.rolledBack().message());
                replace(all, old, ConditionType.READY, rollingBack, generation);
                replace(all, old, ConditionType.PROGRESSING, flip(rollingBack), generation);
                status.setPhase(Phase.RollingBack.name());
            }
            case RolledBack -> {
                ConditionVerdict rolledBack =
                        new ConditionVerdict(
                                false,
                                RolloutMessages.ROLLED_BACK,
                                decision.rolledBack().message());
                replace(all, old, ConditionType.READY, rolledBack, generation);
                replace(all, old, ConditionType.PROGRESSING, rolledBack, generation);
                status.setPhase(Phase.RolledBack.name());
            }
            case Blocked, Failed -> {
                ConditionVerdict failed =
                        new ConditionVerdict(
                                false,
                                RolloutMessages.HEALTH_GATE_FAILED,
                                decision.healthGate().message()
                                        + "; "
                                        + decision.rolledBack().message());
                replace(all, old, ConditionType.READY, failed, generation);
                replace(all, old, ConditionType.PROGRESSING, failed, generation);
                status.setPhase(
                        decision.state() == RolloutState.Blocked
                                ? Phase.Blocked.name()
                                : Phase.Failed.name());
            }
        }
        if (observedReady && decision.state() != RolloutState.Passed) {
            // The version last seen Ready stays: this one has not passed its gate.
            status.setCurrentVersion(
                    previous.map(MonitoredDatabaseStatus::getCurrentVersion).orElse(null));
        }
        status.setConditions(List.copyOf(all));
        return status;
    }

    private static ConditionVerdict flip(ConditionVerdict verdict) {
        return new ConditionVerdict(!verdict.status(), verdict.reason(), verdict.message());
    }

    private void replace(
            List<Condition> all,
            List<Condition> old,
            String type,
            ConditionVerdict verdict,
            long generation) {
        Condition condition =
                conditions.condition(
                        old,
                        type,
                        verdict.status(),
                        verdict.reason(),
                        verdict.message(),
                        generation);
        for (int i = 0; i < all.size(); i++) {
            if (type.equals(all.get(i).getType())) {
                all.set(i, condition);
                return;
            }
        }
        all.add(condition);
    }

    private static MonitoredDatabaseStatus copyOf(MonitoredDatabaseStatus observed) {
        return io.fabric8.kubernetes.client.utils.Serialization.jsonMapper()
                .convertValue(observed, MonitoredDatabaseStatus.class);
    }
}
