package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.BootstrapBackup;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.TerminatedContainers;
import dev.vigil.engine.postgres.backup.BackupContainers;
import dev.vigil.status.DatabaseHealth;
import dev.vigil.status.Reason;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How the restore of {@code spec.bootstrap} is doing, read from the members' init container
 * statuses: failed (the {@code restore} or {@code recover} container ended with an error, whose
 * termination message says why), in progress (one of them runs), or neither. Pure: the caller lists
 * the pods.
 */
final class RestoreProgress {

    private static final Set<String> CONTAINERS =
            Set.of(BackupContainers.RESTORE, PostgresRestoreMembers.RECOVER);

    // A termination message may hold the last lines of a log (FallbackToLogsOnError).
    private static final int MAX_MESSAGE = 600;

    private RestoreProgress() {}

    /** The restore's health, when it failed or runs; empty otherwise. */
    static Optional<DatabaseHealth> of(MonitoredDatabase database, List<Pod> pods) {
        if (database.getSpec().getBootstrap() == null) {
            return Optional.empty();
        }
        Optional<DatabaseHealth> running = Optional.empty();
        for (Pod pod : pods) {
            if (pod.getStatus() == null || pod.getStatus().getInitContainerStatuses() == null) {
                continue;
            }
            for (ContainerStatus status : pod.getStatus().getInitContainerStatuses()) {
                if (!CONTAINERS.contains(status.getName())) {
                    continue;
                }
                Optional<ContainerStateTerminated> failed =
                        failed(status.getState()).or(() -> failedBefore(status));
                if (failed.isPresent()) {
                    return Optional.of(
                            DatabaseHealth.failing(
                                    Reason.RESTORE_FAILED,
                                    pod.getMetadata().getName()
                                            + ", init container "
                                            + status.getName()
                                            + ": "
                                            + TerminatedContainers.reason(
                                                    failed.get(), MAX_MESSAGE)));
                }
                if (status.getState() != null && status.getState().getRunning() != null) {
                    running =
                            Optional.of(
                                    DatabaseHealth.converging(
                                            Reason.RESTORING, doing(database, status.getName())));
                }
            }
        }
        return running;
    }

    private static String doing(MonitoredDatabase database, String container) {
        BootstrapBackup backup = database.getSpec().getBootstrap().getBackup();
        String namespace =
                backup.getDatabase().getNamespace() != null
                        ? backup.getDatabase().getNamespace()
                        : database.getMetadata().getNamespace();
        String target =
                backup.getTargetTime() != null ? backup.getTargetTime() : "the end of its archive";
        String what =
                BackupContainers.RESTORE.equals(container)
                        ? "restoring the backup of "
                        : "replaying the archived WAL of ";
        return what + namespace + "/" + backup.getDatabase().getName() + " up to " + target;
    }

    private static Optional<ContainerStateTerminated> failed(ContainerState state) {
        return Optional.ofNullable(state)
                .map(ContainerState::getTerminated)
                .filter(t -> t.getExitCode() != null && t.getExitCode() != 0);
    }

    /** A container waiting to be restarted after it failed: its last state says why. */
    private static Optional<ContainerStateTerminated> failedBefore(ContainerStatus status) {
        boolean waiting = status.getState() != null && status.getState().getWaiting() != null;
        return waiting ? failed(status.getLastState()) : Optional.empty();
    }
}
