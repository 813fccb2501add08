package dev.vigil.e2e.controllers;

import static dev.vigil.e2e.controllers.StatefulSetPlannerTest.notReady;
import static dev.vigil.e2e.controllers.StatefulSetPlannerTest.ready;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatefulSetStatusCalculatorTest {

    private static final StatefulSetSettings ROLLING =
            new StatefulSetSettings(3, false, false, 0, 0, 10, false, false);
    private static final StatefulSetSettings ON_DELETE =
            new StatefulSetSettings(3, false, true, 0, 0, 10, false, false);

    @Test
    void countsPodsByReadinessAndRevisionDuringARollout() {
        StatefulSetStatus status =
                StatefulSetStatusCalculator.compute(
                        ROLLING,
                        4,
                        "db-a",
                        "db-b",
                        List.of(ready(0, "db-a"), ready(1, "db-a"), notReady(2, "db-b")));

        assertThat(status.getObservedGeneration()).isEqualTo(4);
        assertThat(status.getReplicas()).isEqualTo(3);
        assertThat(status.getReadyReplicas()).isEqualTo(2);
        assertThat(status.getAvailableReplicas()).isEqualTo(2);
        assertThat(status.getCurrentReplicas()).isEqualTo(2);
        assertThat(status.getUpdatedReplicas()).isEqualTo(1);
        assertThat(status.getCurrentRevision()).isEqualTo("db-a");
        assertThat(status.getUpdateRevision()).isEqualTo("db-b");
        assertThat(status.getCollisionCount()).isZero();
    }

    @Test
    void theRolloutCompletesWhenEveryPodIsUpdatedAndReady() {
        StatefulSetStatus status =
                StatefulSetStatusCalculator.compute(
                        ROLLING,
                        4,
                        "db-a",
                        "db-b",
                        List.of(ready(0, "db-b"), ready(1, "db-b"), ready(2, "db-b")));

        assertThat(status.getCurrentRevision()).isEqualTo("db-b");
        assertThat(status.getCurrentReplicas()).isEqualTo(3);
    }

    @Test
    void anUpdatedPodThatIsNotReadyKeepsTheCurrentRevision() {
        StatefulSetStatus status =
                StatefulSetStatusCalculator.compute(
                        ROLLING,
                        4,
                        "db-a",
                        "db-b",
                        List.of(ready(0, "db-b"), ready(1, "db-b"), notReady(2, "db-b")));

        assertThat(status.getCurrentRevision()).isEqualTo("db-a");
        assertThat(status.getCurrentReplicas()).isZero();
    }

    @Test
    void onDeleteNeverMovesTheCurrentRevision() {
        StatefulSetStatus status =
                StatefulSetStatusCalculator.compute(
                        ON_DELETE, 2, "db-a", "db-b", List.of(ready(0, "db-b"), ready(1, "db-b")));

        assertThat(status.getCurrentRevision()).isEqualTo("db-a");
    }

    @Test
    void terminatingPodsCountAsReplicasButNotAtARevision() {
        StatefulSetMember terminating =
                new StatefulSetMember("db-2", 2, "db-a", true, true, true, false);

        StatefulSetStatus status =
                StatefulSetStatusCalculator.compute(
                        ROLLING, 1, "db-a", "db-a", List.of(ready(0, "db-a"), terminating));

        assertThat(status.getReplicas()).isEqualTo(2);
        assertThat(status.getReadyReplicas()).isEqualTo(2);
        assertThat(status.getCurrentReplicas()).isEqualTo(1);
        assertThat(status.getUpdatedReplicas()).isEqualTo(1);
    }

    @Test
    void aStatusIsRewrittenOnlyWhenAFieldChanged() {
        StatefulSetStatus status =
                StatefulSetStatusCalculator.compute(
                        ROLLING, 1, "db-a", "db-a", List.of(ready(0, "db-a")));
        StatefulSetStatus older =
                StatefulSetStatusCalculator.compute(ROLLING, 1, "db-a", "db-a", List.of());

        assertThat(StatefulSetStatusCalculator.sameStatus(status, status)).isTrue();
        assertThat(StatefulSetStatusCalculator.sameStatus(older, status)).isFalse();
        assertThat(StatefulSetStatusCalculator.sameStatus(null, status)).isFalse();
    }
}
