package dev.vigil.validation;

import dev.vigil.api.v1alpha1.CanaryStep;
import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import dev.vigil.api.v1alpha1.UpgradeSpec;
import dev.vigil.api.v1alpha1.UpgradeStrategy;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code spec.upgrade}'s canary: a strategy that has a standby to start with, and steps whose
 * {@code members} is a count or a percentage.
 */
final class CanaryRules {

    static final String MEMBERS_FORMAT =
            "must be a number of members of at least 1 (2) or a percentage from 1% to 99% (50%)";

    private static final Pattern PERCENT = Pattern.compile("[1-9][0-9]?%");

    private CanaryRules() {}

    /** Adds to {@code errors} what {@code spec} (defaulted) breaks. */
    static void check(MonitoredDatabaseSpec spec, List<FieldError> errors) {
        UpgradeSpec upgrade = spec.getUpgrade();
        if (upgrade == null) {
            return;
        }
        if (upgrade.getStrategy() == UpgradeStrategy.Canary
                && spec.getReplicas() != null
                && spec.getReplicas() < 2) {
            errors.add(
                    new FieldError(
                            "spec.upgrade.strategy",
                            "Canary needs at least 2 members (spec.replicas is "
                                    + spec.getReplicas()
                                    + "): the canary is a standby, never the primary"));
        }
        List<CanaryStep> steps = upgrade.getSteps();
        for (int i = 0; steps != null && i < steps.size(); i++) {
            if (!valid(steps.get(i).getMembers())) {
                errors.add(new FieldError("spec.upgrade.steps[" + i + "].members", MEMBERS_FORMAT));
            }
        }
    }

    private static boolean valid(IntOrString members) {
        if (members == null) {
            return false;
        }
        if (members.getIntVal() != null) {
            return members.getIntVal() >= 1;
        }
        String text = members.getStrVal();
        if (text == null) {
            return false;
        }
        if (PERCENT.matcher(text).matches()) {
            return true;
        }
        try {
            return Integer.parseInt(text) >= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
