package dev.vigil.engine.mongodb.backup;

import dev.vigil.engine.TerminatedContainers;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a {@link MongoRestorePod}: still running, restored (with the download's report of the dump
 * it sent), or failed and why: a failed init container, mongorestore's own last lines, the
 * download's reason, an image that cannot be pulled, or the pod's (its deadline passed). Pure.
 *
 * @param state where the restore is
 * @param report the download's report, once restored
 * @param reason why it failed, on one line
 */
public record MongoRestoreOutcome(State state, Optional<TransferReport> report, String reason) {

    /** Where a restore is. */
    public enum State {
        RUNNING,
        RESTORED,
        FAILED
    }

    /** The longest reason kept. */
    static final int MAX_MESSAGE = 600;

    /** How the restore in {@code pod} is doing. */
    public static MongoRestoreOutcome of(Pod pod) {
        PodStatus status = pod.getStatus();
        if (status == null) {
            return running();
        }
        List<ContainerStatus> init = orEmpty(status.getInitContainerStatuses());
        List<ContainerStatus> main = orEmpty(status.getContainerStatuses());
        for (ContainerStatus container : init) {
            ContainerStateTerminated ended = TerminatedContainers.of(container);
            if (TerminatedContainers.failed(ended)) {
                return failed(
                        "init container "
                                + container.getName()
                                + " failed: "
                                + TerminatedContainers.reason(ended, MAX_MESSAGE));
            }
        }
        ContainerStateTerminated restore =
                TerminatedContainers.named(main, MongoRestorePod.MONGORESTORE);
        if (TerminatedContainers.failed(restore)) {
            return failed(
                    "mongorestore failed: " + TerminatedContainers.reason(restore, MAX_MESSAGE));
        }
        ContainerStateTerminated download =
                TerminatedContainers.named(main, MongoRestorePod.DOWNLOAD);
        Optional<TransferReport> report =
                Optional.ofNullable(download).flatMap(d -> TransferReport.parse(d.getMessage()));
        if (TerminatedContainers.failed(download)) {
            return failed(
                    "the download failed: "
                            + report.map(TransferReport::message)
                                    .orElseGet(
                                            () ->
                                                    TerminatedContainers.reason(
                                                            download, MAX_MESSAGE)));
        }
        Optional<String> cannotStart =
                TerminatedContainers.cannotStart(
                        Stream.concat(init.stream(), main.stream()).toList());
        if (cannotStart.isPresent()) {
            return failed(cannotStart.get());
        }
        if (restore != null && download != null) {
            return new MongoRestoreOutcome(State.RESTORED, report, null);
        }
        if ("Failed".equals(status.getPhase())) {
            return failed(
                    "the restore pod failed"
                            + (status.getReason() == null ? "" : ": " + status.getReason())
                            + (status.getMessage() == null ? "" : ": " + status.getMessage()));
        }
        return running();
    }

    private static MongoRestoreOutcome running() {
        return new MongoRestoreOutcome(State.RUNNING, Optional.empty(), null);
    }

    private static MongoRestoreOutcome failed(String reason) {
        String line = reason.replace('\n', ' ').strip();
        if (line.length() > MAX_MESSAGE) {
            line = line.substring(0, MAX_MESSAGE - 3) + "...";
        }
        return new MongoRestoreOutcome(State.FAILED, Optional.empty(), line);
    }

    private static List<ContainerStatus> orEmpty(List<ContainerStatus> statuses) {
        return statuses == null ? List.of() : statuses;
    }
}
