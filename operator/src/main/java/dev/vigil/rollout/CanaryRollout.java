package dev.vigil.rollout;

import dev.vigil.api.v1alpha1.CanaryStatus;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import dev.vigil.api.v1alpha1.RolloutStatus;
import dev.vigil.names.ResourceNames;
import dev.vigil.status.StatusEvent;
import dev.vigil.validation.SpecDuration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The steps of a canary rollout on one pass ({@code docs/rollback.md}): the StatefulSet's partition
 * moves down one {@link CanaryPlan} step at a time, each step judged by the gate's checks on its
 * pods and held for its pause, and the primary hands its role to an updated member before the
 * partition reaches it. {@link RolloutStateMachine} owns what follows a failed or passed last step.
 */
final class CanaryRollout {

    /** What a step came to on this pass. */
    sealed interface Outcome {

        /** The step goes on; {@code message} says what it waits for. */
        record Waiting(String message) implements Outcome {}

        /** The step failed: {@code why} names the step and the failed checks. */
        record Failed(String why) implements Outcome {}

        /** The last step, every member, passed. */
        record Passed() implements Outcome {}
    }

    private CanaryRollout() {}

    /**
     * Whether a new generation of {@code spec} rolls as a canary: its strategy says so, an earlier
     * generation passed (a first deployment has no pods to spare), with as many members (a scale
     * change rolls at once), and the StatefulSet exists.
     *
     * @param lastStableSpec {@code status.rollout.lastStableSpec}, or null
     */
    static boolean applies(
            MonitoredDatabaseSpec spec, String lastStableSpec, boolean statefulSetExists) {
        if (CanaryPlan.of(spec).isEmpty() || lastStableSpec == null || !statefulSetExists) {
            return false;
        }
        Integer stableReplicas = LastStableSpec.parse(lastStableSpec).getReplicas();
        return Objects.equals(stableReplicas, spec.getReplicas());
    }

    /** Starts the canary of a new generation's {@code rollout}, holding every member back. */
    static void begin(RolloutInput input, RolloutStatus rollout, Instant now) {
        if (!applies(
                input.spec(),
                rollout.getLastStableSpec(),
                input.observation().statefulSet().isPresent())) {
            return;
        }
        CanaryPlan plan = CanaryPlan.of(input.spec()).orElseThrow();
        CanaryStatus canary = new CanaryStatus();
        canary.setStep(1);
        canary.setSteps(plan.steps().size());
        canary.setPartition(plan.replicas());
        canary.setMembers(List.of());
        canary.setStepStartedAt(Times.format(now));
        canary.setPosition(position(plan, 1));
        rollout.setCanary(canary);
    }

    /** The partition a pass applies for {@code rollout}'s canary, if one holds members back. */
    static OptionalInt partition(RolloutStatus rollout) {
        CanaryStatus canary = rollout.getCanary();
        return canary == null || canary.getPartition() == null
                ? OptionalInt.empty()
                : OptionalInt.of(canary.getPartition());
    }

    /** Moves the canary of {@code rollout} on, as far as this pass' observation allows. */
    static Outcome advance(
            RolloutInput input, RolloutStatus rollout, Instant now, List<RolloutAction> actions) {
        CanaryStatus canary = rollout.getCanary();
        CanaryPlan plan = CanaryPlan.of(input.spec()).orElseThrow();
        int number = canary.getStep();
        CanaryPlan.Step step = plan.step(number);
        Instant started = Times.parse(canary.getStepStartedAt());
        Instant deadline = started.plus(SpecDuration.parse(timeout(input)));
        String name = "step " + number + "/" + plan.steps().size();
        Optional<StatefulSetObservation> statefulSet = input.observation().statefulSet();
        if (statefulSet.isEmpty() || !statefulSet.get().controllerCaughtUp()) {
            return waiting(
                    name + ": the StatefulSet controller has not observed the new template yet",
                    deadline,
                    now,
                    input);
        }
        int applied = canary.getPartition();
        if (number == 1 && applied == plan.replicas() && nothingToRoll(statefulSet.get())) {
            // The pod template did not change: no pod restarts, so no step has anything to judge.
            canary.setStep(plan.steps().size());
            canary.setStepStartedAt(Times.format(now));
            canary.setPartition(0);
            canary.setPosition(position(plan, plan.steps().size()));
            return advance(input, rollout, now, actions);
        }
        if (applied > step.partition()) {
            return movePartition(input, canary, plan, step, name, deadline, now, actions);
        }
        GateChecks.Evaluation evaluation =
                GateChecks.evaluate(
                        input.spec(),
                        input.observation(),
                        rollout.getChecks(),
                        started,
                        now,
                        plan.last(number) ? List.of() : canary.getMembers());
        rollout.setChecks(evaluation.checks());
        String pods = plan.last(number) ? "every member" : String.valueOf(canary.getMembers());
        if (!evaluation.hardFailures().isEmpty()) {
            return new Outcome.Failed(
                    String.format(
                            "%s (%s): " + RolloutMessages.MSG_HARD_FAILURE,
                            name,
                            pods,
                            String.join("; ", evaluation.hardFailures())));
        }
        if (!evaluation.passed()) {
            canary.setStepPassedAt(null);
            if (!now.isBefore(deadline)) {
                return new Outcome.Failed(
                        String.format(
                                "%s (%s): " + RolloutMessages.MSG_TIMED_OUT,
                                name,
                                pods,
                                timeout(input),
                                String.join("; ", evaluation.notPassed())));
            }
            return new Outcome.Waiting(
                    String.format(
                            RolloutMessages.MSG_VERIFYING,
                            input.generation(),
                            name + " (" + pods + "): " + String.join("; ", evaluation.notPassed()),
                            Times.format(deadline)));
        }
        if (plan.last(number)) {
            return new Outcome.Passed();
        }
        if (canary.getStepPassedAt() == null) {
            canary.setStepPassedAt(Times.format(now));
        }
        Instant next = Times.parse(canary.getStepPassedAt()).plus(step.pause());
        if (now.isBefore(next)) {
            return new Outcome.Waiting(
                    "generation "
                            + input.generation()
                            + ": "
                            + name
                            + " ("
                            + pods
                            + ") passed its checks; they must keep passing until "
                            + Times.format(next)
                            + ", when step "
                            + (number + 1)
                            + " starts");
        }
        actions.add(
                new RolloutAction.RecordEvent(
                        StatusEvent.normal(
                                RolloutMessages.EVENT_CANARY_STEP_PASSED,
                                name
                                        + " passed: "
                                        + pods
                                        + " ran generation "
                                        + input.generation()
                                        + " for "
                                        + step.pause().toSeconds()
                                        + "s with every check passing; step "
                                        + (number + 1)
                                        + " moves "
                                        + plan.step(number + 1).members()
                                        + " of "
                                        + plan.replicas()
                                        + " members")));
        canary.setStep(number + 1);
        canary.setStepStartedAt(Times.format(now));
        canary.setStepPassedAt(null);
        canary.setPosition(position(plan, number + 1));
        rollout.setChecks(List.of());
        return advance(input, rollout, now, actions);
    }

    /**
     * Lowers the partition to {@code step}'s once the primary is out of its way: below it, or on
     * the new revision already. Otherwise asks the primary to move to a member it may keep.
     */
    private static Outcome movePartition(
            RolloutInput input,
            CanaryStatus canary,
            CanaryPlan plan,
            CanaryPlan.Step step,
            String name,
            Instant deadline,
            Instant now,
            List<RolloutAction> actions) {
        GateObservation observed = input.observation();
        OptionalInt primary = observed.primaryOrdinal();
        if (primary.isEmpty()) {
            return waiting(
                    name + ": waiting for the database to name its primary", deadline, now, input);
        }
        int p = primary.getAsInt();
        if (p < step.partition()
                || observed.updated(ResourceNames.memberPod(input.resource(), p))) {
            MonitoredDatabase resource = input.resource();
            List<String> members = new ArrayList<>();
            for (int ordinal = step.partition(); ordinal < plan.replicas(); ordinal++) {
                members.add(ResourceNames.memberPod(resource, ordinal));
            }
            canary.setPartition(step.partition());
            canary.setMembers(members);
            canary.setHandOverTo(null);
            return new Outcome.Waiting(
                    "generation "
                            + input.generation()
                            + ": "
                            + name
                            + ": moving "
                            + members
                            + " to the new revision");
        }
        List<String> targets = handOverTargets(input, canary.getPartition(), step.partition(), p);
        if (canary.getHandOverTo() == null) {
            actions.add(
                    new RolloutAction.RecordEvent(
                            StatusEvent.normal(
                                    RolloutMessages.EVENT_PRIMARY_HAND_OVER,
                                    name
                                            + ": the primary "
                                            + ResourceNames.memberPod(input.resource(), p)
                                            + " hands over to one of "
                                            + targets
                                            + " before its pod is replaced")));
        }
        canary.setHandOverTo(targets);
        return waiting(
                name
                        + ": waiting for the primary "
                        + ResourceNames.memberPod(input.resource(), p)
                        + " to hand over to one of "
                        + targets,
                deadline,
                now,
                input);
    }

    /**
     * Where the primary may go: the members on the new revision already, which no later step
     * restarts; before the first step, none is, so a member this step leaves alone.
     */
    private static List<String> handOverTargets(
            RolloutInput input, int applied, int partition, int primary) {
        MonitoredDatabase resource = input.resource();
        List<String> targets = new ArrayList<>();
        int replicas = input.spec().getReplicas();
        for (int ordinal = applied; ordinal < replicas; ordinal++) {
            String pod = ResourceNames.memberPod(resource, ordinal);
            if (ordinal != primary && input.observation().updated(pod)) {
                targets.add(pod);
            }
        }
        if (targets.isEmpty()) {
            for (int ordinal = 0; ordinal < partition; ordinal++) {
                if (ordinal != primary) {
                    targets.add(ResourceNames.memberPod(resource, ordinal));
                }
            }
        }
        return targets;
    }

    private static boolean nothingToRoll(StatefulSetObservation statefulSet) {
        return statefulSet.updateRevision().isEmpty()
                || statefulSet.updateRevision().equals(statefulSet.currentRevision());
    }

    private static Outcome waiting(String what, Instant deadline, Instant now, RolloutInput input) {
        if (!now.isBefore(deadline)) {
            return new Outcome.Failed(
                    String.format(RolloutMessages.MSG_TIMED_OUT, timeout(input), what));
        }
        return new Outcome.Waiting(
                String.format(
                        RolloutMessages.MSG_VERIFYING,
                        input.generation(),
                        what,
                        Times.format(deadline)));
    }

    private static String timeout(RolloutInput input) {
        return input.spec().getHealthGate().getTimeout();
    }

    /** How kubectl shows step {@code number}: {@code 1/3 (1 member)}, {@code 3/3 (all 5)}. */
    static String position(CanaryPlan plan, int number) {
        CanaryPlan.Step step = plan.step(number);
        String members =
                plan.last(number)
                        ? "all " + plan.replicas()
                        : step.members() + (step.members() == 1 ? " member" : " members");
        return number + "/" + plan.steps().size() + " (" + members + ")";
    }
}
