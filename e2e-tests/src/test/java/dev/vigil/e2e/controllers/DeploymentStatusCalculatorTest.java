package dev.vigil.e2e.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentStatusCalculatorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final DeploymentSettings settings =
            DeploymentSettings.of(RolloutPlannerTest.deployment(2, null, null));

    @Test
    void aNewReplicaSetStartsTheRolloutAndItsAbsenceOfPodsMakesItUnavailable() {
        ReplicaSet fresh = replicaSet("web-b", 1, 0, 0);

        DeploymentStatus status =
                DeploymentStatusCalculator.compute(
                        settings, 1, null, fresh, List.of(fresh), true, T0);

        assertThat(condition(status, "Progressing").getReason()).isEqualTo("NewReplicaSetCreated");
        assertThat(condition(status, "Progressing").getMessage())
                .isEqualTo("Created new replica set \"web-b\"");
        assertThat(condition(status, "Available").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Available").getReason())
                .isEqualTo("MinimumReplicasUnavailable");
        assertThat(status.getUnavailableReplicas()).isEqualTo(1);
    }

    @Test
    void progressIsReportedAsReplicaSetUpdated() {
        ReplicaSet fresh = replicaSet("web-b", 1, 1, 0);
        ReplicaSet old = replicaSet("web-a", 2, 2, 2);
        DeploymentStatus before =
                DeploymentStatusCalculator.compute(
                        settings, 2, null, fresh, List.of(fresh, old), true, T0);
        ReplicaSet freshReady = replicaSet("web-b", 1, 1, 1);

        DeploymentStatus status =
                DeploymentStatusCalculator.compute(
                        settings, 2, before, freshReady, List.of(freshReady, old), false, T0);

        assertThat(status.getReplicas()).isEqualTo(3);
        assertThat(status.getUpdatedReplicas()).isEqualTo(1);
        assertThat(status.getAvailableReplicas()).isEqualTo(3);
        assertThat(condition(status, "Progressing").getReason()).isEqualTo("ReplicaSetUpdated");
        assertThat(condition(status, "Progressing").getMessage())
                .isEqualTo("ReplicaSet \"web-b\" is progressing.");
        assertThat(condition(status, "Available").getReason())
                .isEqualTo("MinimumReplicasAvailable");
    }

    @Test
    void aCompleteRolloutIsNewReplicaSetAvailable() {
        ReplicaSet fresh = replicaSet("web-b", 2, 2, 2);

        DeploymentStatus status =
                DeploymentStatusCalculator.compute(
                        settings, 3, null, fresh, List.of(fresh), false, T0);

        assertThat(status.getObservedGeneration()).isEqualTo(3);
        assertThat(status.getUpdatedReplicas()).isEqualTo(2);
        assertThat(status.getReadyReplicas()).isEqualTo(2);
        assertThat(condition(status, "Progressing").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Progressing").getReason())
                .isEqualTo("NewReplicaSetAvailable");
        assertThat(condition(status, "Progressing").getMessage())
                .isEqualTo("ReplicaSet \"web-b\" has successfully progressed.");
    }

    @Test
    void noProgressForTheDeadlineIsProgressDeadlineExceeded() {
        ReplicaSet created = replicaSet("web-b", 1, 0, 0);
        ReplicaSet podNeverReady = replicaSet("web-b", 1, 1, 0);
        ReplicaSet old = replicaSet("web-a", 2, 2, 2);
        DeploymentStatus started =
                DeploymentStatusCalculator.compute(
                        settings, 2, null, created, List.of(created, old), true, T0);
        DeploymentStatus lastProgress =
                DeploymentStatusCalculator.compute(
                        settings,
                        2,
                        started,
                        podNeverReady,
                        List.of(podNeverReady, old),
                        false,
                        T0);

        DeploymentStatus early =
                DeploymentStatusCalculator.compute(
                        settings,
                        2,
                        lastProgress,
                        podNeverReady,
                        List.of(podNeverReady, old),
                        false,
                        T0.plus(Duration.ofSeconds(599)));
        DeploymentStatus late =
                DeploymentStatusCalculator.compute(
                        settings,
                        2,
                        lastProgress,
                        podNeverReady,
                        List.of(podNeverReady, old),
                        false,
                        T0.plus(Duration.ofSeconds(601)));

        assertThat(condition(lastProgress, "Progressing").getReason())
                .isEqualTo("ReplicaSetUpdated");
        assertThat(DeploymentStatusCalculator.sameStatus(lastProgress, early)).isTrue();
        assertThat(condition(late, "Progressing").getStatus()).isEqualTo("False");
        assertThat(condition(late, "Progressing").getReason())
                .isEqualTo("ProgressDeadlineExceeded");
        assertThat(condition(late, "Progressing").getMessage())
                .isEqualTo("ReplicaSet \"web-b\" has timed out progressing.");
    }

    private static DeploymentCondition condition(DeploymentStatus status, String type) {
        return status.getConditions().stream()
                .filter(c -> type.equals(c.getType()))
                .findFirst()
                .orElseThrow();
    }

    private static ReplicaSet replicaSet(String name, int spec, int pods, int available) {
        return new ReplicaSetBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withReplicas(spec)
                .endSpec()
                .withNewStatus()
                .withReplicas(pods)
                .withReadyReplicas(available)
                .withAvailableReplicas(available)
                .endStatus()
                .build();
    }
}
