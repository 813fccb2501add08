package dev.vigil.engine.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.RestoreVerification;
import dev.vigil.backup.VerificationResult;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerificationOutcomeTest {

    private static final Instant STARTED = Instant.parse("2026-12-06T05:00:03Z");
    private static final Instant NOW = STARTED.plus(Duration.ofMinutes(3));

    @Test
    void aRunningVerificationHasNoOutcomeYet() {
        Pod pod =
                pod(
                        List.of(
                                terminated("backup-tools", 0, null),
                                terminated("restore", 0, null)),
                        List.of(running("postgres"), running("verifier")));

        assertThat(VerificationOutcome.of(pod, NOW)).isEmpty();
    }

    @Test
    void theVerifiersResultBecomesTheVerifiedRestore() {
        String result =
                new VerificationResult(
                                true,
                                "2026-12-06T05:00:05Z",
                                "2026-12-06T05:01:47.5Z",
                                102.5,
                                "2026-12-06T04:59:58Z",
                                List.of(
                                        new VerificationResult.Table(
                                                "postgres", "public.orders", 3250)),
                                null)
                        .toJson();
        Pod pod =
                pod(
                        List.of(
                                terminated("backup-tools", 0, null),
                                terminated("restore", 0, null)),
                        List.of(running("postgres"), terminated("verifier", 0, result)));

        RestoreVerification outcome = VerificationOutcome.of(pod, NOW).orElseThrow();

        assertThat(outcome.getMessage()).isNull();
        assertThat(outcome.getStartedAt()).isEqualTo(STARTED.toString());
        assertThat(outcome.getFinishedAt()).isEqualTo("2026-12-06T05:02:00Z");
        assertThat(outcome.getRestoreSeconds()).isEqualTo(102.5);
        assertThat(outcome.getRecoveredTo()).isEqualTo("2026-12-06T04:59:58Z");
        assertThat(outcome.getTables())
                .singleElement()
                .satisfies(
                        t -> {
                            assertThat(t.getDatabase()).isEqualTo("postgres");
                            assertThat(t.getTable()).isEqualTo("public.orders");
                            assertThat(t.getRows()).isEqualTo(3250);
                        });
    }

    @Test
    void aFailedRestoreIsAFailedVerificationWithTheRestoresReason() {
        Pod pod =
                pod(
                        List.of(
                                terminated("backup-tools", 0, null),
                                terminated(
                                        "restore",
                                        1,
                                        "cannot restore: the repository holds no backup\n")),
                        List.of(
                                waiting("postgres", "PodInitializing"),
                                waiting("verifier", "PodInitializing")));

        assertThat(VerificationOutcome.of(pod, NOW).map(RestoreVerification::getMessage))
                .contains("the restore failed: cannot restore: the repository holds no backup");
    }

    @Test
    void aVerifierThatReportsAFailureCarriesItsMessage() {
        String result =
                VerificationResult.failed(
                                "2026-12-06T05:00:05Z",
                                "the restored server did not finish recovery and answer within"
                                        + " PT1H: the database system is starting up")
                        .toJson();
        Pod pod =
                pod(
                        List.of(terminated("restore", 0, null)),
                        List.of(running("postgres"), terminated("verifier", 1, result)));

        assertThat(VerificationOutcome.of(pod, NOW).map(RestoreVerification::getMessage))
                .contains(
                        "the restored server did not finish recovery and answer within PT1H: the"
                                + " database system is starting up");
    }

    @Test
    void aServerThatStopsFirstFailsTheVerification() {
        Pod pod =
                pod(
                        List.of(terminated("restore", 0, null)),
                        List.of(terminated("postgres", 1, null), running("verifier")));

        assertThat(VerificationOutcome.of(pod, NOW).map(RestoreVerification::getMessage))
                .contains(
                        "the restored server stopped before it was verified: exit code 1 (Error)");
    }

    @Test
    void anImageThatCannotBePulledFailsAtOnce() {
        Pod pod =
                pod(
                        List.of(waiting("backup-tools", "ImagePullBackOff")),
                        List.of(waiting("postgres", "PodInitializing")));

        assertThat(VerificationOutcome.of(pod, NOW).map(RestoreVerification::getMessage))
                .contains("container backup-tools cannot start: ImagePullBackOff");
    }

    @Test
    void aPodStuckPastTheTimeoutFails() {
        Pod pod = pod(List.of(terminated("restore", 0, null)), List.of(running("verifier")));

        assertThat(VerificationOutcome.of(pod, STARTED.plus(VerificationPods.TIMEOUT))).isEmpty();
        Optional<RestoreVerification> late =
                VerificationOutcome.of(
                        pod, STARTED.plus(VerificationPods.TIMEOUT).plus(Duration.ofMinutes(11)));
        assertThat(late.map(RestoreVerification::getMessage))
                .contains("the verification did not finish within 430 minutes");
    }

    private static Pod pod(List<ContainerStatus> init, List<ContainerStatus> main) {
        return new PodBuilder()
                .withNewMetadata()
                .withName("orders-verify-202612060500")
                .withCreationTimestamp("2026-12-06T05:00:04Z")
                .addToAnnotations(VerificationOutcome.STARTED_AT, STARTED.toString())
                .endMetadata()
                .withNewStatus()
                .withPhase("Running")
                .withInitContainerStatuses(init)
                .withContainerStatuses(main)
                .endStatus()
                .build();
    }

    private static ContainerStatus terminated(String name, int exitCode, String message) {
        return new ContainerStatusBuilder()
                .withName(name)
                .withNewState()
                .withNewTerminated()
                .withExitCode(exitCode)
                .withReason(exitCode == 0 ? "Completed" : "Error")
                .withMessage(message)
                .withFinishedAt("2026-12-06T05:02:00Z")
                .endTerminated()
                .endState()
                .build();
    }

    private static ContainerStatus running(String name) {
        return new ContainerStatusBuilder()
                .withName(name)
                .withNewState()
                .withNewRunning()
                .withStartedAt("2026-12-06T05:01:00Z")
                .endRunning()
                .endState()
                .build();
    }

    private static ContainerStatus waiting(String name, String reason) {
        return new ContainerStatusBuilder()
                .withName(name)
                .withNewState()
                .withNewWaiting()
                .withReason(reason)
                .endWaiting()
                .endState()
                .build();
    }
}
