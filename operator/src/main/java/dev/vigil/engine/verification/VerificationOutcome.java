package dev.vigil.engine.verification;

import dev.vigil.api.v1alpha1.RestoreVerification;
import dev.vigil.api.v1alpha1.TableCount;
import dev.vigil.backup.VerificationResult;
import dev.vigil.engine.TerminatedContainers;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a verification pod ({@link VerificationPods}): whether its verification has ended and how,
 * from the states of its containers (a failed restore is a failed verification, with the restore's
 * reason; the verifier's termination message is its JSON result). Pure: it reads the pod it is
 * given.
 */
public final class VerificationOutcome {

    /** The annotation holding when the operator created the pod (RFC 3339). */
    public static final String STARTED_AT = "vigil.dev/verification-started-at";

    /**
     * How long past {@link VerificationPods#TIMEOUT} a pod may linger before it counts as stuck.
     */
    static final Duration GRACE = Duration.ofMinutes(10);

    private VerificationOutcome() {}

    /** When the verification in {@code pod} started: the annotation, else the pod's creation. */
    public static Instant startedAt(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String started = annotations == null ? null : annotations.get(STARTED_AT);
        if (started == null) {
            started = pod.getMetadata().getCreationTimestamp();
        }
        return started == null ? Instant.EPOCH : OffsetDateTime.parse(started).toInstant();
    }

    /** The verification's outcome if it has ended by {@code now}; empty while it runs. */
    public static Optional<RestoreVerification> of(Pod pod, Instant now) {
        Instant started = startedAt(pod);
        var status = pod.getStatus();
        List<ContainerStatus> init =
                status == null || status.getInitContainerStatuses() == null
                        ? List.of()
                        : status.getInitContainerStatuses();
        List<ContainerStatus> main =
                status == null || status.getContainerStatuses() == null
                        ? List.of()
                        : status.getContainerStatuses();
        for (ContainerStatus container : init) {
            ContainerStateTerminated ended = TerminatedContainers.of(container);
            if (TerminatedContainers.failed(ended)) {
                return Optional.of(
                        failed(
                                started,
                                finished(ended, now),
                                (VerificationPods.RESTORE.equals(container.getName())
                                                ? "the restore failed: "
                                                : "init container "
                                                        + container.getName()
                                                        + " failed: ")
                                        + TerminatedContainers.reason(
                                                ended, VerificationResult.MAX_MESSAGE)));
            }
        }
        Optional<String> cannotStart =
                TerminatedContainers.cannotStart(
                        java.util.stream.Stream.concat(init.stream(), main.stream()).toList());
        if (cannotStart.isPresent()) {
            return Optional.of(failed(started, now, cannotStart.get()));
        }
        ContainerStateTerminated verifier =
                TerminatedContainers.named(main, VerificationPods.VERIFIER);
        if (verifier != null) {
            return Optional.of(fromVerifier(started, finished(verifier, now), verifier));
        }
        ContainerStateTerminated server =
                VerificationPods.SERVERS.stream()
                        .map(name -> TerminatedContainers.named(main, name))
                        .filter(t -> t != null)
                        .findFirst()
                        .orElse(null);
        if (server != null) {
            return Optional.of(
                    failed(
                            started,
                            finished(server, now),
                            "the restored server stopped before it was verified: "
                                    + TerminatedContainers.reason(
                                            server, VerificationResult.MAX_MESSAGE)));
        }
        if (status != null && "Failed".equals(status.getPhase())) {
            return Optional.of(
                    failed(
                            started,
                            now,
                            "the verification pod failed: "
                                    + (status.getReason() == null ? "" : status.getReason() + ": ")
                                    + (status.getMessage() == null ? "" : status.getMessage())));
        }
        Duration limit = VerificationPods.TIMEOUT.plus(GRACE);
        if (Duration.between(started, now).compareTo(limit) > 0) {
            return Optional.of(
                    failed(
                            started,
                            now,
                            "the verification did not finish within "
                                    + limit.toMinutes()
                                    + " minutes"));
        }
        return Optional.empty();
    }

    private static RestoreVerification fromVerifier(
            Instant started, Instant finished, ContainerStateTerminated verifier) {
        VerificationResult result;
        try {
            result =
                    VerificationResult.parse(
                            verifier.getMessage() == null ? "" : verifier.getMessage().strip());
        } catch (IllegalArgumentException e) {
            return failed(
                    started,
                    finished,
                    "the verifier ended with exit code "
                            + verifier.getExitCode()
                            + " and no result: "
                            + TerminatedContainers.reason(
                                    verifier, VerificationResult.MAX_MESSAGE));
        }
        if (!result.verified()) {
            return failed(started, finished, result.message());
        }
        RestoreVerification verification = new RestoreVerification();
        verification.setStartedAt(started.toString());
        verification.setFinishedAt(finished.toString());
        verification.setRestoreSeconds(result.restoreSeconds());
        verification.setRecoveredTo(result.recoveredTo());
        if (result.tables() != null) {
            verification.setTables(
                    result.tables().stream()
                            .map(t -> new TableCount(t.database(), t.table(), t.rows()))
                            .toList());
        }
        return verification;
    }

    private static RestoreVerification failed(Instant started, Instant finished, String message) {
        RestoreVerification verification = new RestoreVerification();
        verification.setStartedAt(started.toString());
        verification.setFinishedAt(finished.toString());
        String line = message == null ? "no reason given" : message.replace('\n', ' ').strip();
        if (line.length() > VerificationResult.MAX_MESSAGE) {
            line = line.substring(0, VerificationResult.MAX_MESSAGE - 3) + "...";
        }
        verification.setMessage(line);
        return verification;
    }

    private static Instant finished(ContainerStateTerminated ended, Instant now) {
        return ended.getFinishedAt() == null
                ? now
                : OffsetDateTime.parse(ended.getFinishedAt()).toInstant();
    }
}
