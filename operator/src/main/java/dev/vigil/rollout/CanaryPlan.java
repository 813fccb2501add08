package dev.vigil.rollout;

import dev.vigil.api.v1alpha1.CanaryStep;
import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import dev.vigil.api.v1alpha1.UpgradeSpec;
import dev.vigil.api.v1alpha1.UpgradeStrategy;
import dev.vigil.validation.SpecDuration;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The steps of a canary rollout for one spec, as StatefulSet partitions: step {@code k} puts the
 * members with an ordinal of {@link Step#partition()} or more on the new revision. The last step is
 * always every member (partition 0); the steps before it never reach every member.
 *
 * @param replicas the members of the database
 * @param steps the steps in order, the last one every member
 */
public record CanaryPlan(int replicas, List<Step> steps) {

    /** Databases with this many members or more roll as a canary unless the spec says otherwise. */
    public static final int CANARY_BY_DEFAULT_FROM = 3;

    /** The steps of {@code spec.upgrade.steps} when it is unset. */
    public static final List<CanaryStep> DEFAULT_STEPS =
            List.of(
                    new CanaryStep(new IntOrString(1), "5m"),
                    new CanaryStep(new IntOrString("50%"), "5m"));

    private static final String DEFAULT_PAUSE = "5m";

    public CanaryPlan {
        steps = List.copyOf(steps);
    }

    /**
     * One step.
     *
     * @param members how many members run the new revision at this step
     * @param partition the StatefulSet partition that puts them there
     * @param pause how long its checks must keep passing before the next step
     */
    public record Step(int members, int partition, Duration pause) {}

    /** The strategy {@code spec} (defaulted) rolls with. */
    public static UpgradeStrategy strategy(MonitoredDatabaseSpec spec) {
        UpgradeSpec upgrade = spec.getUpgrade();
        if (upgrade != null && upgrade.getStrategy() != null) {
            return upgrade.getStrategy();
        }
        return spec.getReplicas() != null && spec.getReplicas() >= CANARY_BY_DEFAULT_FROM
                ? UpgradeStrategy.Canary
                : UpgradeStrategy.Rolling;
    }

    /** The plan of {@code spec} (defaulted); empty when it rolls without a canary. */
    public static Optional<CanaryPlan> of(MonitoredDatabaseSpec spec) {
        int replicas = spec.getReplicas() == null ? 1 : spec.getReplicas();
        if (strategy(spec) != UpgradeStrategy.Canary || replicas < 2) {
            return Optional.empty();
        }
        List<CanaryStep> written =
                spec.getUpgrade() == null || spec.getUpgrade().getSteps() == null
                        ? DEFAULT_STEPS
                        : spec.getUpgrade().getSteps();
        List<Step> steps = new ArrayList<>();
        int before = 0;
        for (CanaryStep step : written) {
            int members = Math.min(members(step.getMembers(), replicas), replicas - 1);
            if (members <= before) {
                continue;
            }
            String pause = step.getPause() == null ? DEFAULT_PAUSE : step.getPause();
            steps.add(new Step(members, replicas - members, SpecDuration.parse(pause)));
            before = members;
        }
        steps.add(new Step(replicas, 0, Duration.ZERO));
        return Optional.of(new CanaryPlan(replicas, steps));
    }

    /**
     * The members a step's {@code members} field names: a number, or a percentage of {@code
     * replicas} rounded up; 0 when it is neither (the validation refuses it first).
     */
    public static int members(IntOrString members, int replicas) {
        if (members == null) {
            return 0;
        }
        if (members.getIntVal() != null) {
            return members.getIntVal();
        }
        String text = members.getStrVal() == null ? "" : members.getStrVal().trim();
        try {
            if (text.endsWith("%")) {
                int percent = Integer.parseInt(text.substring(0, text.length() - 1));
                return (int) Math.ceil(percent * replicas / 100.0);
            }
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Step {@code number}, from 1. */
    public Step step(int number) {
        return steps.get(number - 1);
    }

    /** Whether step {@code number} is the last one, every member. */
    public boolean last(int number) {
        return number == steps.size();
    }
}
