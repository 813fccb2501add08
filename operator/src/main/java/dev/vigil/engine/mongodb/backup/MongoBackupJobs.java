package dev.vigil.engine.mongodb.backup;

import dev.vigil.api.v1alpha1.BackupStatus;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.BackupStatusSource;
import dev.vigil.engine.PassContext;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the pods of a MongoDB database's backup CronJob ({@link MongoBackupRuns}): those of the
 * runs Kubernetes still keeps ({@link MongoBackupCronJob#HISTORY} of each outcome), owned by its
 * Jobs, which the CronJob owns, as the watch on pods holds them.
 */
public final class MongoBackupJobs implements BackupStatusSource {

    @Override
    public Optional<BackupStatus> read(PassContext pass) {
        MonitoredDatabase database = pass.defaulted();
        List<Pod> pods =
                pass.owned().pods(MongoBackupCronJob.selector(database)).stream()
                        .filter(pod -> ranForJob(pod))
                        .toList();
        return MongoBackupRuns.of(pods);
    }

    private static boolean ranForJob(Pod pod) {
        return pod.getMetadata().getOwnerReferences() != null
                && pod.getMetadata().getOwnerReferences().stream()
                        .anyMatch(owner -> Objects.equals(owner.getKind(), "Job"));
    }
}
