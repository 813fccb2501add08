package dev.vigil.engine.mongodb.backup;

import dev.vigil.api.v1alpha1.BackupRetention;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.CredentialKeys;
import dev.vigil.names.OwnedMetadata;
import dev.vigil.names.ResourceNames;
import dev.vigil.names.StandardLabels;
import dev.vigil.resources.BackupImage;
import dev.vigil.resources.BackupStoreVolumes;
import dev.vigil.resources.DatabasePorts;
import dev.vigil.resources.RestrictedPodSecurity;
import dev.vigil.resources.SecretEnv;
import dev.vigil.resources.ServerTls;
import dev.vigil.resources.VolumeMounts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
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

    /** The official image's mongodb user and group. */
    static final long MONGODB_UID = 999;

    // The upload streams the archive in parts of 16 MiB; the JVM needs little more.
    private static final String UPLOAD_JAVA_OPTIONS = "-XX:MaxRAMPercentage=60 -XX:+UseSerialGC";

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
        VolumeMount dump =
                VolumeMounts.of(MongoBackupPaths.DUMP_VOLUME, MongoBackupPaths.DUMP_DIR, false);
        VolumeMount tmp = VolumeMounts.of(MongoBackupPaths.TMP_VOLUME, "/tmp", false);
        return new PodSpecBuilder()
                .withRestartPolicy("Never")
                .withServiceAccountName(ResourceNames.serviceAccount(database))
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(
                        RestrictedPodSecurity.pod(MONGODB_UID, MONGODB_UID, MONGODB_UID))
                .withInitContainers(fifo(image, dump))
                .withContainers(mongodump(database, image, dump, tmp), upload(database, dump, tmp))
                .withVolumes(volumes(database))
                .build();
    }

    private static Container fifo(String image, VolumeMount dump) {
        return new ContainerBuilder()
                .withName(FIFO)
                .withImage(image)
                .withCommand(
                        "sh",
                        "-c",
                        "rm -f %1$s && mkfifo -m 0600 %1$s".formatted(MongoBackupPaths.PIPE))
                .withResources(resources("10m", "16Mi", "64Mi"))
                .withVolumeMounts(dump)
                .withSecurityContext(RestrictedPodSecurity.container())
                .build();
    }

    private static Container mongodump(
            MonitoredDatabase database, String image, VolumeMount dump, VolumeMount tmp) {
        String adminSecret = ResourceNames.adminSecret(database);
        boolean tls = ServerTls.enabled(database);
        List<VolumeMount> mounts = new ArrayList<>(List.of(dump, tmp));
        if (tls) {
            mounts.add(
                    VolumeMounts.of(
                            MongoBackupPaths.DATABASE_CA_VOLUME,
                            MongoBackupPaths.DATABASE_CA_DIR,
                            true));
        }
        return new ContainerBuilder()
                .withName(MONGODUMP)
                .withImage(image)
                .withCommand(
                        "bash",
                        "-c",
                        MongoDumpScript.script(
                                tls
                                        ? MongoBackupPaths.DATABASE_CA_DIR + "/" + ServerTls.CA_KEY
                                        : null))
                .withEnv(
                        value(MongoDumpScript.URI_VARIABLE, uri(database)),
                        SecretEnv.of(
                                MongoDumpScript.USERNAME_VARIABLE,
                                adminSecret,
                                CredentialKeys.USERNAME),
                        SecretEnv.of(
                                MongoDumpScript.PASSWORD_VARIABLE,
                                adminSecret,
                                CredentialKeys.PASSWORD),
                        value("HOME", "/tmp"))
                // mongodump's last lines, when it fails, are the report's reason.
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withResources(resources("100m", "128Mi", "1Gi"))
                .withVolumeMounts(mounts)
                .withSecurityContext(RestrictedPodSecurity.container())
                .build();
    }

    private static Container upload(MonitoredDatabase database, VolumeMount dump, VolumeMount tmp) {
        List<VolumeMount> mounts = new ArrayList<>(List.of(dump, tmp));
        mounts.addAll(
                BackupStoreVolumes.mounts(
                        database.getSpec().getBackup().getStore(),
                        MongoBackupPaths.STORE_CA_VOLUME,
                        MongoBackupPaths.STORE_CA_DIR,
                        MongoBackupPaths.STORE_VOLUME,
                        MongoBackupPaths.STORE_MOUNT,
                        false));
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
        List<EnvVar> env = new ArrayList<>(DumpStoreEnvironment.of(database));
        env.add(value("JDK_JAVA_OPTIONS", UPLOAD_JAVA_OPTIONS));
        return new ContainerBuilder()
                .withName(UPLOAD)
                .withImage(BackupImage.IMAGE)
                .withArgs(args)
                .withEnv(env)
                .withResources(resources("100m", "128Mi", "384Mi"))
                .withVolumeMounts(mounts)
                .withSecurityContext(RestrictedPodSecurity.container())
                .build();
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

    /**
     * The replica set, seeded with the members' headless Service: mongodump finds the members from
     * there and reads from a secondary when one is available.
     */
    static String uri(MonitoredDatabase database) {
        return "mongodb://"
                + ResourceNames.membersService(database)
                + "."
                + database.getMetadata().getNamespace()
                + ".svc:"
                + DatabasePorts.MONGODB
                + "/?replicaSet="
                + database.getSpec().getMongodb().getReplicaSetName();
    }

    private static List<Volume> volumes(MonitoredDatabase database) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(RestrictedPodSecurity.scratchVolume(MongoBackupPaths.DUMP_VOLUME));
        volumes.add(RestrictedPodSecurity.scratchVolume(MongoBackupPaths.TMP_VOLUME));
        if (ServerTls.enabled(database)) {
            volumes.add(
                    new VolumeBuilder()
                            .withName(MongoBackupPaths.DATABASE_CA_VOLUME)
                            .withNewSecret()
                            .withSecretName(ServerTls.secretName(database))
                            .addNewItem()
                            .withKey(ServerTls.CA_KEY)
                            .withPath(ServerTls.CA_KEY)
                            .endItem()
                            .withDefaultMode(0440)
                            .endSecret()
                            .build());
        }
        volumes.addAll(
                BackupStoreVolumes.of(
                        database.getSpec().getBackup().getStore(),
                        MongoBackupPaths.STORE_CA_VOLUME,
                        MongoBackupPaths.STORE_VOLUME));
        return volumes;
    }

    private static EnvVar value(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static ResourceRequirements resources(String cpu, String memory, String memoryLimit) {
        return new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity(cpu))
                .addToRequests("memory", new Quantity(memory))
                .addToLimits("memory", new Quantity(memoryLimit))
                .build();
    }
}
