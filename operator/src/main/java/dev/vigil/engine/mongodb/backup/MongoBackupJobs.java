package dev.vigil.engine.mongodb.backup;

import dev.vigil.api.v1alpha1.BackupStatus;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.BackupStatusSource;
import dev.vigil.engine.PassContext;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the pods of a MongoDB database's backup CronJob ({@link MongoBackupRuns}): those of the
 * runs Kubernetes still keeps ({@link MongoBackupCronJob#HISTORY} of each outcome), owned by its
 * Jobs, which the CronJob owns.
 */
public final class MongoBackupJobs implements BackupStatusSource {

    private static final Logger LOG = LoggerFactory.getLogger(MongoBackupJobs.class);

    @Override
    public Optional<BackupStatus> read(PassContext pass) {
        MonitoredDatabase database = pass.defaulted();
        List<Pod> pods;
        try {
            pods =
                    pass
                            .client()
                            .pods()
                            .inNamespace(database.getMetadata().getNamespace())
                            .withLabels(MongoBackupCronJob.selector(database))
                            .list()
                            .getItems()
                            .stream()
                            .filter(pod -> ranForJob(pod))
                            .toList();
        } catch (KubernetesClientException e) {
            LOG.debug(
                    "backup pods of {} not read: {}",
                    database.getMetadata().getName(),
                    e.getMessage());
            return Optional.empty();
        }
        return MongoBackupRuns.of(pods);
    }

    private static boolean ranForJob(Pod pod) {
        return pod.getMetadata().getOwnerReferences() != null
                && pod.getMetadata().getOwnerReferences().stream()
                        .anyMatch(owner -> Objects.equals(owner.getKind(), "Job"));
    }
}
