package dev.vigil.engine.mongodb.backup;

import dev.vigil.engine.TerminatedContainers;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
public record MongoRestoreOutcome(State state, Optional<UploadReport> report, String reason) {

    /** Where a restore is. */
    public enum State {
        RUNNING,
        RESTORED,
        FAILED
    }

    /** The longest reason kept. */
    static final int MAX_MESSAGE = 600;

    // Waiting reasons that do not go away by waiting.
    private static final Set<String> CANNOT_START =
            Set.of(
                    "ErrImagePull",
                    "ImagePullBackOff",
                    "InvalidImageName",
                    "CreateContainerConfigError",
                    "CreateContainerError");

    /** How the restore in {@code pod} is doing. */
    public static MongoRestoreOutcome of(Pod pod) {
        PodStatus status = pod.getStatus();
        if (status == null) {
            return running();
        }
        List<ContainerStatus> init = orEmpty(status.getInitContainerStatuses());
        List<ContainerStatus> main = orEmpty(status.getContainerStatuses());
        for (ContainerStatus container : init) {
            ContainerStateTerminated ended = terminated(container);
            if (ended != null && exitCode(ended) != 0) {
                return failed(
                        "init container "
                                + container.getName()
                                + " failed: "
                                + TerminatedContainers.reason(ended, MAX_MESSAGE));
            }
        }
        ContainerStateTerminated restore = terminated(main, MongoRestorePod.MONGORESTORE);
        if (restore != null && exitCode(restore) != 0) {
            return failed(
                    "mongorestore failed: " + TerminatedContainers.reason(restore, MAX_MESSAGE));
        }
        ContainerStateTerminated download = terminated(main, MongoRestorePod.DOWNLOAD);
        Optional<UploadReport> report =
                Optional.ofNullable(download).flatMap(d -> UploadReport.parse(d.getMessage()));
        if (download != null && exitCode(download) != 0) {
            return failed(
                    "the download failed: "
                            + report.map(UploadReport::message)
                                    .orElseGet(
                                            () ->
                                                    TerminatedContainers.reason(
                                                            download, MAX_MESSAGE)));
        }
        for (ContainerStatus container : concat(init, main)) {
            ContainerState state = container.getState();
            if (state != null
                    && state.getWaiting() != null
                    && CANNOT_START.contains(state.getWaiting().getReason())) {
                return failed(
                        "container "
                                + container.getName()
                                + " cannot start: "
                                + state.getWaiting().getReason());
            }
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

    private static int exitCode(ContainerStateTerminated ended) {
        return ended.getExitCode() == null ? 0 : ended.getExitCode();
    }

    private static ContainerStateTerminated terminated(List<ContainerStatus> all, String name) {
        return all.stream()
                .filter(c -> name.equals(c.getName()))
                .map(MongoRestoreOutcome::terminated)
                .filter(t -> t != null)
                .findFirst()
                .orElse(null);
    }

    private static ContainerStateTerminated terminated(ContainerStatus container) {
        ContainerState state = container.getState();
        return state == null ? null : state.getTerminated();
    }

    private static List<ContainerStatus> orEmpty(List<ContainerStatus> statuses) {
        return statuses == null ? List.of() : statuses;
    }

    private static List<ContainerStatus> concat(
            List<ContainerStatus> first, List<ContainerStatus> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
