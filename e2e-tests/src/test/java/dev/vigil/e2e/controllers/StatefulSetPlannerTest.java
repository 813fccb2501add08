package dev.vigil.e2e.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.e2e.controllers.StatefulSetAction.CreatePod;
import dev.vigil.e2e.controllers.StatefulSetAction.DeletePod;
import dev.vigil.e2e.controllers.StatefulSetAction.Reason;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatefulSetPlannerTest {

    private static final String OLD = "db-old";
    private static final String NEW = "db-new";

    @Test
    void orderedReadyCreatesTheLowestMissingOrdinalOnly() {
        StatefulSetPlan plan = plan(ordered(3), NEW, List.of());

        assertThat(plan.actions()).containsExactly(new CreatePod(0, true));
    }

    @Test
    void orderedReadyWaitsForTheLowerOrdinalToBeRunningAndReady() {
        StatefulSetPlan plan = plan(ordered(3), NEW, List.of(notReady(0, NEW)));

        assertThat(plan.actions()).isEmpty();
    }

    @Test
    void orderedReadyCreatesTheNextOrdinalOnceTheLowerOnesAreReady() {
        StatefulSetPlan plan = plan(ordered(3), NEW, List.of(ready(0, NEW), ready(1, NEW)));

        assertThat(plan.actions()).containsExactly(new CreatePod(2, true));
    }

    @Test
    void orderedReadyRecreatesAMissingLowOrdinalBeforeAnythingElse() {
        StatefulSetPlan plan = plan(ordered(3), NEW, List.of(ready(0, NEW), ready(2, NEW)));

        assertThat(plan.actions()).containsExactly(new CreatePod(1, true));
    }

    @Test
    void parallelCreatesEveryMissingOrdinalAtOnce() {
        StatefulSetPlan plan = plan(parallel(3), NEW, List.of(notReady(1, NEW)));

        assertThat(plan.actions()).containsExactly(new CreatePod(0, true), new CreatePod(2, true));
    }

    @Test
    void orderedReadyScalesDownFromTheHighestOrdinalOneAtATime() {
        StatefulSetPlan plan =
                plan(ordered(1), NEW, List.of(ready(0, NEW), ready(1, NEW), ready(2, NEW)));

        assertThat(plan.actions()).containsExactly(new DeletePod("db-2", 2, Reason.SCALE_DOWN));
    }

    @Test
    void orderedReadyDoesNotScaleDownWhileAKeptPodIsNotReady() {
        StatefulSetPlan plan =
                plan(ordered(1), NEW, List.of(notReady(0, NEW), ready(1, NEW), ready(2, NEW)));

        assertThat(plan.actions()).isEmpty();
    }

    @Test
    void orderedReadyScaleDownMayRemoveTheLowestUnhealthyPodItself() {
        StatefulSetPlan plan = plan(ordered(1), NEW, List.of(ready(0, NEW), notReady(1, NEW)));

        assertThat(plan.actions()).containsExactly(new DeletePod("db-1", 1, Reason.SCALE_DOWN));
    }

    @Test
    void orderedReadyScaleDownWaitsWhileAHigherPodIsNotReadyAndALowerOneIs() {
        // db-2 is available, db-1 is the first unhealthy pod: db-2 goes first
        StatefulSetPlan first =
                plan(ordered(1), NEW, List.of(ready(0, NEW), notReady(1, NEW), ready(2, NEW)));
        // db-3 unhealthy, db-1 the first unhealthy pod: db-3 may not go
        StatefulSetPlan blocked =
                plan(
                        ordered(1),
                        NEW,
                        List.of(ready(0, NEW), notReady(1, NEW), ready(2, NEW), notReady(3, NEW)));

        assertThat(first.actions()).containsExactly(new DeletePod("db-2", 2, Reason.SCALE_DOWN));
        assertThat(blocked.actions()).isEmpty();
    }

    @Test
    void parallelScalesDownEveryCondemnedPodAtOnce() {
        StatefulSetPlan plan =
                plan(parallel(1), NEW, List.of(notReady(0, NEW), ready(1, NEW), notReady(2, NEW)));

        assertThat(plan.actions())
                .containsExactly(
                        new DeletePod("db-2", 2, Reason.SCALE_DOWN),
                        new DeletePod("db-1", 1, Reason.SCALE_DOWN));
    }

    @Test
    void rollingUpdateDeletesTheHighestOrdinalNotAtTheUpdateRevision() {
        StatefulSetPlan plan =
                plan(ordered(3), NEW, List.of(ready(0, OLD), ready(1, OLD), ready(2, OLD)));

        assertThat(plan.actions()).containsExactly(new DeletePod("db-2", 2, Reason.UPDATE));
    }

    @Test
    void rollingUpdateRecreatesTheDeletedPodAtTheUpdateRevision() {
        StatefulSetPlan plan = plan(ordered(3), NEW, List.of(ready(0, OLD), ready(1, OLD)));

        assertThat(plan.actions()).containsExactly(new CreatePod(2, true));
    }

    @Test
    void rollingUpdateMovesDownOnceTheUpdatedPodIsReady() {
        StatefulSetPlan plan =
                plan(ordered(3), NEW, List.of(ready(0, OLD), ready(1, OLD), ready(2, NEW)));

        assertThat(plan.actions()).containsExactly(new DeletePod("db-1", 1, Reason.UPDATE));
    }

    @Test
    void aNewPodThatNeverBecomesReadyBlocksTheRollout() {
        StatefulSetPlan plan =
                plan(ordered(3), NEW, List.of(ready(0, OLD), ready(1, OLD), notReady(2, NEW)));

        assertThat(plan.actions()).isEmpty();
    }

    @Test
    void afterARollbackTheStuckPodIsNotReplacedUntilSomeoneDeletesIt() {
        // The template is back at OLD; db-2, created at the broken revision, never got ready.
        StatefulSetPlan stuck =
                plan(ordered(3), OLD, List.of(ready(0, OLD), ready(1, OLD), notReady(2, NEW)));
        StatefulSetPlan afterDeletion =
                plan(ordered(3), OLD, List.of(ready(0, OLD), ready(1, OLD)));

        assertThat(stuck.actions()).isEmpty();
        assertThat(afterDeletion.actions()).containsExactly(new CreatePod(2, true));
    }

    @Test
    void parallelReplacesAPodNotAtTheUpdateRevisionEvenWhenItIsNotReady() {
        StatefulSetPlan plan =
                plan(parallel(3), OLD, List.of(ready(0, OLD), ready(1, OLD), notReady(2, NEW)));

        assertThat(plan.actions()).containsExactly(new DeletePod("db-2", 2, Reason.UPDATE));
    }

    @Test
    void partitionKeepsLowerOrdinalsAtTheCurrentRevision() {
        StatefulSetSettings settings = settings(3, false, false, 2);

        StatefulSetPlan updatesAbove =
                plan(settings, NEW, List.of(ready(0, OLD), ready(1, OLD), ready(2, NEW)));
        StatefulSetPlan recreatesBelow = plan(settings, NEW, List.of(ready(1, OLD), ready(2, NEW)));

        assertThat(updatesAbove.actions()).isEmpty();
        assertThat(recreatesBelow.actions()).containsExactly(new CreatePod(0, false));
    }

    @Test
    void onDeleteNeverDeletesForAnUpdateButRecreatesAtTheUpdateRevision() {
        StatefulSetSettings settings = settings(2, false, true, 0);

        StatefulSetPlan untouched = plan(settings, NEW, List.of(ready(0, OLD), ready(1, OLD)));
        StatefulSetPlan recreated = plan(settings, NEW, List.of(ready(0, OLD)));

        assertThat(untouched.actions()).isEmpty();
        assertThat(recreated.actions()).containsExactly(new CreatePod(1, true));
    }

    @Test
    void aFailedPodIsDeletedAndRecreatedAtTheNextPass() {
        StatefulSetMember failed = new StatefulSetMember("db-0", 0, NEW, false, false, false, true);

        StatefulSetPlan plan = plan(ordered(2), NEW, List.of(failed, ready(1, NEW)));

        assertThat(plan.actions()).containsExactly(new DeletePod("db-0", 0, Reason.FINISHED));
    }

    @Test
    void aTerminatingPodBlocksOrderedReady() {
        StatefulSetMember terminating =
                new StatefulSetMember("db-0", 0, OLD, true, true, true, false);

        StatefulSetPlan plan = plan(ordered(2), NEW, List.of(terminating, ready(1, OLD)));

        assertThat(plan.actions()).isEmpty();
    }

    @Test
    void aStaleClaimHoldsBackThePodOfItsOrdinal() {
        StatefulSetPlan plan =
                StatefulSetPlanner.plan(ordered(2), NEW, List.of(ready(0, NEW)), Set.of(1));

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.scaleDownReached()).isFalse();
    }

    private static StatefulSetPlan plan(
            StatefulSetSettings settings, String update, List<StatefulSetMember> members) {
        return StatefulSetPlanner.plan(settings, update, members, Set.of());
    }

    private static StatefulSetSettings ordered(int replicas) {
        return settings(replicas, false, false, 0);
    }

    private static StatefulSetSettings parallel(int replicas) {
        return settings(replicas, true, false, 0);
    }

    private static StatefulSetSettings settings(
            int replicas, boolean parallel, boolean onDelete, int partition) {
        return new StatefulSetSettings(
                replicas, parallel, onDelete, partition, 0, 10, false, false);
    }

    static StatefulSetMember ready(int ordinal, String revision) {
        return new StatefulSetMember("db-" + ordinal, ordinal, revision, true, true, false, false);
    }

    static StatefulSetMember notReady(int ordinal, String revision) {
        return new StatefulSetMember(
                "db-" + ordinal, ordinal, revision, false, false, false, false);
    }
}
