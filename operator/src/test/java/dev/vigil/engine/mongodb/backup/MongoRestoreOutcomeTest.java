package dev.vigil.engine.mongodb.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.mongodb.backup.MongoRestoreOutcome.State;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class MongoRestoreOutcomeTest {

    @Test
    void bothContainersEndedWellIsARestoreWithTheDownloadsReport() {
        MongoRestoreOutcome outcome =
                MongoRestoreOutcome.of(
                        pod(
                                List.of(),
                                List.of(
                                        ended(
                                                MongoRestorePod.DOWNLOAD,
                                                0,
                                                "{\"label\":\"20261205T013000Z\","
                                                    + "\"finishedAt\":\"2026-12-05T01:31:12Z\"}"),
                                        ended(MongoRestorePod.MONGORESTORE, 0, null))));

        assertThat(outcome.state()).isEqualTo(State.RESTORED);
        assertThat(outcome.report().orElseThrow().finishedAt()).isEqualTo("2026-12-05T01:31:12Z");
    }

    @Test
    void aDownloadThatFoundNoDumpGivesItsReportsMessage() {
        MongoRestoreOutcome outcome =
                MongoRestoreOutcome.of(
                        pod(
                                List.of(),
                                List.of(
                                        ended(
                                                MongoRestorePod.DOWNLOAD,
                                                1,
                                                "{\"failedAt\":\"2026-12-05T09:00:01Z\","
                                                        + "\"message\":\"no dump finished at or"
                                                        + " before 2026-12-01T00:00:00Z\"}"),
                                        running(MongoRestorePod.MONGORESTORE))));

        assertThat(outcome.state()).isEqualTo(State.FAILED);
        assertThat(outcome.reason())
                .isEqualTo(
                        "the download failed: no dump finished at or before 2026-12-01T00:00:00Z");
    }

    @Test
    void aFailedInitContainerOrAnImageThatCannotBePulledFailsTheRestore() {
        assertThat(
                        MongoRestoreOutcome.of(
                                        pod(
                                                List.of(ended(MongoBackupCronJob.FIFO, 127, null)),
                                                List.of()))
                                .reason())
                .isEqualTo("init container fifo failed: exit code 127");
        ContainerStatus pulling =
                new ContainerStatusBuilder()
                        .withName(MongoRestorePod.MONGORESTORE)
                        .withNewState()
                        .withNewWaiting()
                        .withReason("ImagePullBackOff")
                        .endWaiting()
                        .endState()
                        .build();
        assertThat(MongoRestoreOutcome.of(pod(List.of(), List.of(pulling))).reason())
                .isEqualTo("container mongorestore cannot start: ImagePullBackOff");
    }

    @Test
    void aRestoreStillGoingIsRunning() {
        assertThat(
                        MongoRestoreOutcome.of(
                                        pod(
                                                List.of(ended(MongoBackupCronJob.FIFO, 0, null)),
                                                List.of(
                                                        running(MongoRestorePod.DOWNLOAD),
                                                        running(MongoRestorePod.MONGORESTORE))))
                                .state())
                .isEqualTo(State.RUNNING);
    }

    private static Pod pod(List<ContainerStatus> init, List<ContainerStatus> main) {
        return new PodBuilder()
                .withNewMetadata()
                .withName("catalog-restore")
                .endMetadata()
                .withNewStatus()
                .withPhase("Running")
                .withInitContainerStatuses(init)
                .withContainerStatuses(main)
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
                .endTerminated()
                .endState()
                .build();
    }

    private static ContainerStatus running(String name) {
        return new ContainerStatusBuilder()
                .withName(name)
                .withNewState()
                .withNewRunning()
                .endRunning()
                .endState()
                .build();
    }
}
