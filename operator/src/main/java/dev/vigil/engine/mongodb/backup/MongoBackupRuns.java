package dev.vigil.engine.mongodb.backup;

import dev.vigil.api.v1alpha1.BackupRun;
import dev.vigil.api.v1alpha1.BackupStatus;
import dev.vigil.engine.TerminatedContainers;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the pods of a MongoDB database's backup runs into {@code status.backup}: the newest stored
 * dump, the newest failure, and the recoverable window as the newest successful run reported it
 * (from the oldest dump kept to the newest). A run still going counts for nothing yet. Pure: it
 * reads the pods it is given.
 */
public final class MongoBackupRuns {

    /** The longest reason kept in the status. */
    static final int MAX_MESSAGE = 512;

    private MongoBackupRuns() {}

    /** What the ended runs among {@code pods} report; empty when none has ended. */
    public static Optional<BackupStatus> of(List<Pod> pods) {
        List<BackupRun> successes = new ArrayList<>();
        List<BackupRun> failures = new ArrayList<>();
        TransferReport newestReport = null;
        String newestReportTime = null;
        for (Pod pod : pods) {
            PodStatus status = pod.getStatus();
            if (status == null) {
                continue;
            }
            ContainerStateTerminated upload = terminated(status, MongoBackupCronJob.UPLOAD);
            Optional<TransferReport> report =
                    Optional.ofNullable(upload).flatMap(u -> TransferReport.parse(u.getMessage()));
            if ("Succeeded".equals(status.getPhase())
                    && report.isPresent()
                    && report.get().succeeded()) {
                TransferReport kept = report.get();
                successes.add(success(kept));
                if (newestReportTime == null || later(kept.finishedAt(), newestReportTime)) {
                    newestReport = kept;
                    newestReportTime = kept.finishedAt();
                }
            } else if ("Failed".equals(status.getPhase()) || failedInit(status).isPresent()) {
                failures.add(failure(pod, status, upload, report));
            }
        }
        if (successes.isEmpty() && failures.isEmpty()) {
            return Optional.empty();
        }
        BackupStatus backup = new BackupStatus();
        backup.setLastSuccessful(newest(successes));
        backup.setLastFailed(newest(failures));
        if (newestReport != null) {
            backup.setRecoverableFrom(newestReport.recoverableFrom());
            backup.setRecoverableTo(newestReport.recoverableTo());
        }
        return Optional.of(backup);
    }

    private static BackupRun success(TransferReport report) {
        BackupRun run = new BackupRun();
        run.setFinishedAt(report.finishedAt());
        run.setSizeBytes(report.sizeBytes());
        run.setDurationSeconds(report.durationSeconds());
        run.setLabel(report.label());
        return run;
    }

    private static BackupRun failure(
            Pod pod,
            PodStatus status,
            ContainerStateTerminated upload,
            Optional<TransferReport> report) {
        BackupRun run = new BackupRun();
        ContainerStateTerminated dump = terminated(status, MongoBackupCronJob.MONGODUMP);
        String finishedAt =
                report.map(TransferReport::failedAt)
                        .or(() -> Optional.ofNullable(upload).map(u -> u.getFinishedAt()))
                        .or(() -> Optional.ofNullable(dump).map(d -> d.getFinishedAt()))
                        .or(
                                () ->
                                        failedInit(status)
                                                .map(c -> c.getState().getTerminated())
                                                .map(ContainerStateTerminated::getFinishedAt))
                        .orElse(pod.getMetadata().getCreationTimestamp());
        run.setFinishedAt(normalized(finishedAt));
        report.map(TransferReport::durationSeconds).ifPresent(run::setDurationSeconds);
        run.setMessage(reason(status, upload, dump, report));
        return run;
    }

    /**
     * Why a run failed: mongodump's own last lines when it failed, else the upload's reason, else
     * the pod's (e.g. the deadline passed).
     */
    private static String reason(
            PodStatus status,
            ContainerStateTerminated upload,
            ContainerStateTerminated dump,
            Optional<TransferReport> report) {
        Optional<ContainerStatus> init = failedInit(status);
        if (init.isPresent()) {
            return "init container "
                    + init.get().getName()
                    + " failed: "
                    + TerminatedContainers.reason(
                            init.get().getState().getTerminated(), MAX_MESSAGE);
        }
        if (dump != null && dump.getExitCode() != null && dump.getExitCode() != 0) {
            return "mongodump failed: " + TerminatedContainers.reason(dump, MAX_MESSAGE);
        }
        if (report.isPresent() && report.get().message() != null) {
            return clipped("the upload failed: " + report.get().message());
        }
        if (upload != null && upload.getExitCode() != null && upload.getExitCode() != 0) {
            return "the upload failed: " + TerminatedContainers.reason(upload, MAX_MESSAGE);
        }
        String podReason =
                (status.getReason() == null ? "" : status.getReason())
                        + (status.getMessage() == null ? "" : ": " + status.getMessage());
        return clipped("the backup pod failed" + (podReason.isEmpty() ? "" : ": " + podReason));
    }

    /** An init container that ended in failure: the pod, never restarted, goes no further. */
    private static Optional<ContainerStatus> failedInit(PodStatus status) {
        List<ContainerStatus> init = status.getInitContainerStatuses();
        if (init == null) {
            return Optional.empty();
        }
        return init.stream()
                .filter(c -> TerminatedContainers.failed(TerminatedContainers.of(c)))
                .findFirst();
    }

    private static BackupRun newest(List<BackupRun> runs) {
        return runs.stream()
                .filter(run -> run.getFinishedAt() != null)
                .max(Comparator.comparing(run -> instant(run.getFinishedAt())))
                .orElse(null);
    }

    private static ContainerStateTerminated terminated(PodStatus status, String container) {
        return status.getContainerStatuses() == null
                ? null
                : TerminatedContainers.named(status.getContainerStatuses(), container);
    }

    private static boolean later(String a, String b) {
        return instant(a).isAfter(instant(b));
    }

    private static String normalized(String rfc3339) {
        return rfc3339 == null ? null : instant(rfc3339).toString();
    }

    private static Instant instant(String rfc3339) {
        return OffsetDateTime.parse(rfc3339).toInstant();
    }

    private static String clipped(String line) {
        String one = line.replace('\n', ' ').strip();
        return one.length() > MAX_MESSAGE ? one.substring(0, MAX_MESSAGE - 3) + "..." : one;
    }
}
