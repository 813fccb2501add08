package dev.vigil.rollout;

import dev.vigil.api.v1alpha1.RolloutStatus;
import java.util.List;

/**
 * What {@link RolloutStateMachine#next} decided for one pass.
 *
 * @param rollout the next {@code status.rollout}
 * @param state its state
 * @param target the spec the database's objects must be built from from now on; when it differs
 *     from the one of the pass that asked, the reconciler runs another pass at once
 * @param healthGate the HealthGate condition
 * @param rolledBack the RolledBack condition
 * @param actions what the reconciler does now, in order
 */
public record RolloutDecision(
        RolloutStatus rollout,
        RolloutState state,
        RolloutTarget target,
        ConditionVerdict healthGate,
        ConditionVerdict rolledBack,
        List<RolloutAction> actions) {

    public RolloutDecision {
        actions = List.copyOf(actions);
    }

    /** The actions of {@code type}. */
    public <T extends RolloutAction> List<T> actions(Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
