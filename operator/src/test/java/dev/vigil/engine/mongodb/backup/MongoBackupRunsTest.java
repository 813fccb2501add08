package dev.vigil.engine.mongodb.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.BackupStatus;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class MongoBackupRunsTest {

    private static final String KEPT =
            """
            {"label":"20261205T013000Z","startedAt":"2026-12-05T01:30:02Z",\
            "finishedAt":"2026-12-05T01:31:12Z","sizeBytes":73400320,"durationSeconds":70.4,\
            "recoverableFrom":"2026-11-28T01:31:40Z","recoverableTo":"2026-12-05T01:31:12Z",\
            "kept":8}
            """;

    @Test
    void aSucceededRunIsTheLastSuccessfulBackupAndGivesTheWindow() {
        BackupStatus status =
                MongoBackupRuns.of(
                                List.of(
                                        pod(
                                                "Succeeded",
                                                ended(MongoBackupCronJob.MONGODUMP, 0, null),
                                                ended(MongoBackupCronJob.UPLOAD, 0, KEPT))))
                        .orElseThrow();

        assertThat(status.getLastSuccessful().getFinishedAt()).isEqualTo("2026-12-05T01:31:12Z");
        assertThat(status.getLastSuccessful().getSizeBytes()).isEqualTo(73400320L);
        assertThat(status.getLastSuccessful().getDurationSeconds()).isEqualTo(70.4);
        assertThat(status.getLastSuccessful().getLabel()).isEqualTo("20261205T013000Z");
        assertThat(status.getRecoverableFrom()).isEqualTo("2026-11-28T01:31:40Z");
        assertThat(status.getRecoverableTo()).isEqualTo("2026-12-05T01:31:12Z");
        assertThat(status.getLastFailed()).isNull();
    }

    @Test
    void aFailedMongodumpGivesItsOwnLastLinesAsTheReason() {
        BackupStatus status =
                MongoBackupRuns.of(
                                List.of(
                                        pod(
                                                "Failed",
                                                ended(
                                                        MongoBackupCronJob.MONGODUMP,
                                                        1,
                                                        "Failed: can't create session: server"
                                                                + " selection error"),
                                                ended(
                                                        MongoBackupCronJob.UPLOAD,
                                                        1,
                                                        "{\"failedAt\":\"2026-12-05T01:30:33Z\","
                                                                + "\"durationSeconds\":31.0,"
                                                                + "\"message\":\"mongodump exited"
                                                                + " with status 1\"}"))))
                        .orElseThrow();

        assertThat(status.getLastSuccessful()).isNull();
        assertThat(status.getLastFailed().getFinishedAt()).isEqualTo("2026-12-05T01:30:33Z");
        assertThat(status.getLastFailed().getMessage())
                .isEqualTo(
                        "mongodump failed: Failed: can't create session: server selection error");
    }

    @Test
    void aFailedUploadGivesTheUploadsReason() {
        BackupStatus status =
                MongoBackupRuns.of(
                                List.of(
                                        pod(
                                                "Failed",
                                                ended(MongoBackupCronJob.MONGODUMP, 0, null),
                                                ended(
                                                        MongoBackupCronJob.UPLOAD,
                                                        1,
                                                        "{\"failedAt\":\"2026-12-05T01:30:40Z\","
                                                                + "\"message\":\"the store"
                                                                + " refused the upload: Access"
                                                                + " Denied\"}"))))
                        .orElseThrow();

        assertThat(status.getLastFailed().getMessage())
                .isEqualTo("the upload failed: the store refused the upload: Access Denied");
    }

    @Test
    void aRunThatHasNotEndedCountsForNothing() {
        assertThat(MongoBackupRuns.of(List.of(pod("Running", running(), running())))).isEmpty();
    }

    @Test
    void theNewestOfSeveralRunsIsReported() {
        String older = KEPT.replace("2026-12-05T01:31:12Z", "2026-12-04T01:31:02Z");
        BackupStatus status =
                MongoBackupRuns.of(
                                List.of(
                                        pod(
                                                "Succeeded",
                                                ended(MongoBackupCronJob.MONGODUMP, 0, null),
                                                ended(MongoBackupCronJob.UPLOAD, 0, KEPT)),
                                        pod(
                                                "Succeeded",
                                                ended(MongoBackupCronJob.MONGODUMP, 0, null),
                                                ended(MongoBackupCronJob.UPLOAD, 0, older))))
                        .orElseThrow();

        assertThat(status.getLastSuccessful().getFinishedAt()).isEqualTo("2026-12-05T01:31:12Z");
        assertThat(status.getRecoverableTo()).isEqualTo("2026-12-05T01:31:12Z");
    }

    @Test
    void aPodStoppedAtItsDeadlineGivesThePodsReason() {
        Pod pod = pod("Failed", running(), running());
        pod.getStatus().setReason("DeadlineExceeded");
        pod.getStatus().setMessage("Pod was active on the node longer than the specified deadline");

        assertThat(MongoBackupRuns.of(List.of(pod)).orElseThrow().getLastFailed().getMessage())
                .isEqualTo(
                        "the backup pod failed: DeadlineExceeded: Pod was active on the node"
                                + " longer than the specified deadline");
    }

    @Test
    void aFailedInitContainerIsTheReasonEvenBeforeThePodIsMarkedFailed() {
        Pod pod = pod("Pending", waiting(MongoBackupCronJob.MONGODUMP), running());
        ContainerStatus fifo = ended(MongoBackupCronJob.FIFO, 127, null);
        fifo.getState().getTerminated().setReason("Error");
        pod.getStatus().setInitContainerStatuses(List.of(fifo));

        assertThat(MongoBackupRuns.of(List.of(pod)).orElseThrow().getLastFailed())
                .satisfies(
                        failed -> {
                            assertThat(failed.getMessage())
                                    .isEqualTo("init container fifo failed: exit code 127 (Error)");
                            assertThat(failed.getFinishedAt()).isEqualTo("2026-12-05T01:31:13Z");
                        });
    }

    private static ContainerStatus waiting(String name) {
        return new ContainerStatusBuilder()
                .withName(name)
                .withNewState()
                .withNewWaiting()
                .withReason("PodInitializing")
                .endWaiting()
                .endState()
                .build();
    }

    private static Pod pod(String phase, ContainerStatus dump, ContainerStatus upload) {
        return new PodBuilder()
                .withNewMetadata()
                .withName("catalog-backup-29417010-x7k2p")
                .withCreationTimestamp("2026-12-05T01:30:00Z")
                .endMetadata()
                .withNewStatus()
                .withPhase(phase)
                .withContainerStatuses(dump, upload)
                .endStatus()
                .build();
    }

    private static ContainerStatus ended(String name, int exitCode, String message) {
        return new ContainerStatusBuilder()
                .withName(name)
                .withNewState()
                .withNewTerminated()
                .withExitCode(exitCode)
                .withMessage(message)
                .withFinishedAt("2026-12-05T01:31:13Z")
                .endTerminated()
                .endState()
                .build();
    }

    private static ContainerStatus running() {
        return new ContainerStatusBuilder()
                .withName(MongoBackupCronJob.UPLOAD)
                .withNewState()
                .withNewRunning()
                .withStartedAt("2026-12-05T01:30:02Z")
                .endRunning()
                .endState()
                .build();
    }
}
