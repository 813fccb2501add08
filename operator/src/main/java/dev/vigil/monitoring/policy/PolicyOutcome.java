package dev.vigil.monitoring.policy;

import dev.vigil.api.v1alpha1.Priority;
import dev.vigil.api.v1alpha1.RejectedRule;
import java.util.List;

/**
 * What one AlertPolicy did to one database's rules: the reconciler turns it into the policy's
 * status.
 *
 * @param appliedOverrides alert names of the default alerts this policy's overrides retuned or
 *     turned off, in the order of the default alerts
 * @param addedRules alert names of this policy's custom rules that were installed, sorted
 * @param appliedPriorities priorities whose labels this policy's mappings decided, sorted
 * @param notApplicable alert names of this policy's overrides that name a default alert of Vigil's
 *     that this database does not have (another engine's, or one its shape leaves out), in the
 *     policy's order: they change nothing here and are not rejections
 * @param rejected overrides, custom rules and priority mappings of this policy that were not
 *     applied, each with the reason; a priority mapping is reported as rule {@code priority P1}
 */
public record PolicyOutcome(
        List<String> appliedOverrides,
        List<String> addedRules,
        List<Priority> appliedPriorities,
        List<String> notApplicable,
        List<RejectedRule> rejected) {

    public PolicyOutcome {
        appliedOverrides = List.copyOf(appliedOverrides);
        addedRules = List.copyOf(addedRules);
        appliedPriorities = List.copyOf(appliedPriorities);
        notApplicable = List.copyOf(notApplicable);
        rejected = List.copyOf(rejected);
    }
}
