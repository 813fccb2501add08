package dev.vigil.engine.mongodb.backup;

import dev.vigil.api.v1alpha1.BackupRetention;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.OwnedMetadata;
import dev.vigil.names.StandardLabels;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CronJob {@code <name>-backup} that dumps a MongoDB database on {@code spec.backup.schedule}
 * (UTC). Each run is one pod, never retried (a failed dump is reported, and the next scheduled one
 * is the retry), never two at once:
 *
 * <ul>
 *   <li>init container {@code fifo} (the database's mongo image) makes the FIFO;
 *   <li>container {@code mongodump} (the same image) runs {@link MongoDumpScript} against the
 *       replica set, authenticated as the admin user;
 *   <li>container {@code upload} (Vigil's image) runs {@code vigil backup upload}: it streams the
 *       archive into the store, keeps it only when mongodump succeeded, applies the retention rule
 *       and ends with its report (time, size, duration, the dumps kept) as its termination message,
 *       which the operator reads into {@code status.backup} ({@link MongoBackupRuns}).
 * </ul>
 *
 * <p>The pod runs as the mongo image's user, restricted, with read-only root filesystems. Pure:
 * nothing here calls the cluster.
 */
public final class MongoBackupCronJob {

    /** The {@code app.kubernetes.io/component} of the CronJob, its pods and their policy. */
    public static final String COMPONENT = StandardLabels.COMPONENT_BACKUP;

    public static final String FIFO = "fifo";
    public static final String MONGODUMP = "mongodump";
    public static final String UPLOAD = "upload";

    /** Dumps kept when {@code spec.backup.retention} is unset. */
    public static final int DEFAULT_RETENTION_COUNT = 7;

    /**
     * How long a run may take before Kubernetes stops it and it counts as failed: a day, so a stuck
     * run never blocks the next day's.
     */
    public static final Duration TIMEOUT = Duration.ofHours(23);

    /** Finished runs kept, each, so their reports can be read. */
    static final int HISTORY = 3;

    private MongoBackupCronJob() {}

    /** The CronJob's name. */
    public static String name(MonitoredDatabase database) {
        return database.getMetadata().getName() + "-backup";
    }

    /** The NetworkPolicy of the backup pods. */
    public static String networkPolicyName(MonitoredDatabase database) {
        return database.getMetadata().getName() + "-backup-network";
    }

    /** The labels that select {@code database}'s backup pods. */
    public static Map<String, String> selector(MonitoredDatabase database) {
        return StandardLabels.selector(database, COMPONENT);
    }

    /**
     * The CronJob of {@code database} (already defaulted, with {@code spec.backup}).
     *
     * @param image the mongo image the members run
     */
    public static CronJob build(MonitoredDatabase database, String image) {
        return new CronJobBuilder()
                .withMetadata(OwnedMetadata.of(database, name(database), COMPONENT))
                .withNewSpec()
                .withSchedule(database.getSpec().getBackup().getSchedule())
                .withTimeZone("Etc/UTC")
                .withConcurrencyPolicy("Forbid")
                // Owned by Vigil: a run suspended by hand resumes at the next apply.
                .withSuspend(false)
                .withSuccessfulJobsHistoryLimit(HISTORY)
                .withFailedJobsHistoryLimit(HISTORY)
                .withNewJobTemplate()
                .withNewMetadata()
                .withLabels(StandardLabels.forObject(database, COMPONENT))
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withActiveDeadlineSeconds(TIMEOUT.toSeconds())
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(StandardLabels.forPod(database, COMPONENT))
                .endMetadata()
                .withSpec(podSpec(database, image))
                .endTemplate()
                .endSpec()
                .endJobTemplate()
                .endSpec()
                .build();
    }

    private static PodSpec podSpec(MonitoredDatabase database, String image) {
        List<Volume> volumes = new ArrayList<>(MongoToolPods.volumes(database));
        volumes.addAll(MongoToolPods.storeVolumes(database));
        return MongoToolPods.podSpec(database)
                .withInitContainers(MongoToolPods.fifo(image))
                .withContainers(
                        MongoToolPods.tool(
                                database,
                                MONGODUMP,
                                image,
                                MongoDumpScript.dump(MongoToolPods.tlsOptions(database))),
                        upload(database))
                .withVolumes(volumes)
                .build();
    }

    private static Container upload(MonitoredDatabase database) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "backup",
                                "upload",
                                "--archive",
                                MongoBackupPaths.PIPE,
                                "--exit-status",
                                MongoBackupPaths.EXIT_STATUS));
        args.addAll(retention(database.getSpec().getBackup().getRetention()));
        return MongoToolPods.vigil(
                UPLOAD,
                args,
                DumpStoreEnvironment.of(database),
                MongoToolPods.storeMounts(database, false));
    }

    private static List<String> retention(BackupRetention retention) {
        if (retention != null && retention.getDays() != null) {
            return List.of("--retention-days", retention.getDays().toString());
        }
        int count =
                retention != null && retention.getCount() != null
                        ? retention.getCount()
                        : DEFAULT_RETENTION_COUNT;
        return List.of("--retention-count", String.valueOf(count));
    }
}
