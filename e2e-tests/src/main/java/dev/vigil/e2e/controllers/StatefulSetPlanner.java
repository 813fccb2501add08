package dev.vigil.e2e.controllers;

import dev.vigil.e2e.controllers.StatefulSetAction.CreatePod;
import dev.vigil.e2e.controllers.StatefulSetAction.DeletePod;
import dev.vigil.e2e.controllers.StatefulSetAction.Reason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Decides what the StatefulSet controller does next, given the pods it observes: the decision logic
 * of {@code updateStatefulSet} in Kubernetes' {@code stateful_set_control.go}, without I/O.
 *
 * <p>In ascending ordinal order, each pod below {@code spec.replicas}: a finished pod is deleted
 * (it is re-created at the next pass), a missing one is created, at the update revision unless a
 * RollingUpdate partition keeps its ordinal at the current revision. With OrderedReady, the pass
 * stops at the first pod it creates and at the first pod that is terminating, not running and
 * ready, or not available: a pod that never becomes ready blocks everything after it. Then the pods
 * at or above {@code spec.replicas} are deleted from the highest ordinal, one per pass with
 * OrderedReady. Last, for RollingUpdate, from the highest ordinal down to the partition: the first
 * pod not at the update revision is deleted (it comes back at the update revision), and an
 * unavailable pod at the update revision stops the update, so a new pod that never becomes ready
 * leaves the lower ordinals at the old revision. A pod that is not ready at the update revision is
 * never replaced; someone must delete it. Parallel does all creations and deletions of a pass at
 * once and does not wait for readiness, except in the update step.
 */
public final class StatefulSetPlanner {

    private StatefulSetPlanner() {}

    /**
     * The pass for a set with {@code settings}, whose update revision is {@code updateRevision},
     * observing {@code members}; pods of the ordinals in {@code staleClaims} cannot be created yet
     * (a claim of a scaled-down pod is still being deleted).
     */
    public static StatefulSetPlan plan(
            StatefulSetSettings settings,
            String updateRevision,
            List<StatefulSetMember> members,
            Set<Integer> staleClaims) {
        boolean monotonic = !settings.parallel();
        int replicas = settings.replicas();
        StatefulSetMember[] slots = new StatefulSetMember[replicas];
        List<StatefulSetMember> condemned = new ArrayList<>();
        for (StatefulSetMember member : members) {
            if (member.ordinal() < 0) {
                continue;
            }
            if (member.ordinal() < replicas) {
                slots[member.ordinal()] = member;
            } else {
                condemned.add(member);
            }
        }
        condemned.sort(Comparator.comparingInt(StatefulSetMember::ordinal).reversed());
        StatefulSetMember firstUnavailable = firstUnavailable(slots, condemned);
        List<StatefulSetAction> actions = new ArrayList<>();

        for (int ordinal = 0; ordinal < replicas; ordinal++) {
            StatefulSetMember member = slots[ordinal];
            if (member != null && member.finished()) {
                if (!member.terminating()) {
                    actions.add(new DeletePod(member.name(), ordinal, Reason.FINISHED));
                    slots[ordinal] = member.deleted();
                }
                if (monotonic) {
                    return new StatefulSetPlan(actions, false);
                }
                continue;
            }
            if (member == null) {
                if (staleClaims.contains(ordinal)) {
                    if (monotonic) {
                        return new StatefulSetPlan(actions, false);
                    }
                    continue;
                }
                boolean atUpdate = settings.onDelete() || ordinal >= settings.partition();
                actions.add(new CreatePod(ordinal, atUpdate));
                // Created in this pass: not yet running, at the revision it was created at.
                slots[ordinal] =
                        new StatefulSetMember(
                                null,
                                ordinal,
                                atUpdate ? updateRevision : null,
                                false,
                                false,
                                false,
                                false);
                if (monotonic) {
                    return new StatefulSetPlan(actions, false);
                }
                continue;
            }
            if (monotonic && (member.terminating() || !member.available())) {
                return new StatefulSetPlan(actions, false);
            }
        }

        for (StatefulSetMember member : condemned) {
            if (member.terminating()) {
                if (monotonic) {
                    return new StatefulSetPlan(actions, true);
                }
                continue;
            }
            if (monotonic && !member.available() && member != firstUnavailable) {
                return new StatefulSetPlan(actions, true);
            }
            actions.add(new DeletePod(member.name(), member.ordinal(), Reason.SCALE_DOWN));
            if (monotonic) {
                return new StatefulSetPlan(actions, true);
            }
        }

        if (settings.onDelete()) {
            return new StatefulSetPlan(actions, true);
        }
        for (int ordinal = replicas - 1; ordinal >= settings.partition(); ordinal--) {
            StatefulSetMember member = slots[ordinal];
            if (member == null) {
                // Parallel, blocked by a stale claim: not there yet, so not available.
                return new StatefulSetPlan(actions, true);
            }
            if (!updateRevision.equals(member.revision()) && !member.terminating()) {
                actions.add(new DeletePod(member.name(), ordinal, Reason.UPDATE));
                return new StatefulSetPlan(actions, true);
            }
            if (member.unavailable()) {
                return new StatefulSetPlan(actions, true);
            }
        }
        return new StatefulSetPlan(actions, true);
    }

    /**
     * The lowest unavailable pod below {@code spec.replicas}, or else the lowest unavailable pod
     * above: the one pod a monotonic scale-down may delete although it is not available.
     */
    private static StatefulSetMember firstUnavailable(
            StatefulSetMember[] slots, List<StatefulSetMember> condemnedDescending) {
        for (StatefulSetMember member : slots) {
            if (member == null || member.unavailable()) {
                return member;
            }
        }
        for (int i = condemnedDescending.size() - 1; i >= 0; i--) {
            if (condemnedDescending.get(i).unavailable()) {
                return condemnedDescending.get(i);
            }
        }
        return null;
    }
}
