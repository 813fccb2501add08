package dev.vigil.reconciler;

import dev.vigil.engine.LiveStatefulSet;
import dev.vigil.engine.PassContext;
import dev.vigil.rollout.ScaleDuringCanary;
import dev.vigil.validation.ChangeRules;
import dev.vigil.validation.RefusedChange;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses what no rollback could undo ({@link ChangeRules}: a major-version change the engine
 * cannot make in place, a volume shrink), comparing the spec with the live StatefulSet, and a scale
 * change while a canary holds members back ({@link ScaleDuringCanary}). A refused change is not
 * retried: what runs keeps running until the spec changes.
 */
final class RefusedChangesStep implements PassStep {

    @Override
    public StepResult run(PassContext pass) {
        List<RefusedChange> refused =
                new ArrayList<>(
                        ChangeRules.check(
                                pass.defaulted(), LiveStatefulSet.deployed(pass.statefulSet())));
        ScaleDuringCanary.check(
                        pass.defaulted(),
                        pass.previous(),
                        pass.statefulSet().map(s -> s.getSpec().getReplicas()))
                .ifPresent(refused::add);
        if (refused.isEmpty()) {
            return StepResult.PROCEED;
        }
        return StepResult.stop(
                StepResult.Kind.REFUSED,
                refused.get(0).conditionReason(),
                refused.stream().map(RefusedChange::error).toList(),
                false);
    }
}
