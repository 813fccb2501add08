package dev.vigil.engine.mongodb.backup;

import dev.vigil.api.v1alpha1.BootstrapBackup;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.OwnedMetadata;
import dev.vigil.names.StandardLabels;
import dev.vigil.resources.BackupStoreVolumes;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pod {@code <name>-restore} that restores a new MongoDB database from the dumps of the
 * database {@code spec.bootstrap.backup} names (docs/backup.md, "Restore a MongoDB database"):
 *
 * <ul>
 *   <li>init container {@code fifo} (the database's mongo image) makes the FIFO;
 *   <li>container {@code download} (Vigil's image) runs {@code vigil backup download}: the newest
 *       dump of the source, or the newest that finished at or before {@code targetTime}, written
 *       into the FIFO; its report (the dump's label and end) is its termination message;
 *   <li>container {@code mongorestore} (the mongo image) restores the archive from the FIFO into
 *       this database's replica set, as its admin user, replaying the dump's oplog entries.
 * </ul>
 *
 * <p>The operator creates it once the replica set has a primary and holds no data, and reads it
 * ({@code MongoBootstrapRestore}). Pure: nothing here calls the cluster.
 */
public final class MongoRestorePod {

    /** The {@code app.kubernetes.io/component} of the restore pod and its NetworkPolicy. */
    public static final String COMPONENT = StandardLabels.COMPONENT_RESTORE;

    public static final String DOWNLOAD = "download";
    public static final String MONGORESTORE = "mongorestore";

    /** How long a restore may run before Kubernetes stops it and it counts as failed. */
    public static final Duration TIMEOUT = Duration.ofHours(23);

    private MongoRestorePod() {}

    /** The pod's name. */
    public static String name(MonitoredDatabase database) {
        return database.getMetadata().getName() + "-restore";
    }

    /** The NetworkPolicy of the restore pod. */
    public static String networkPolicyName(MonitoredDatabase database) {
        return database.getMetadata().getName() + "-restore-network";
    }

    /** The labels that select {@code database}'s restore pod. */
    public static Map<String, String> selector(MonitoredDatabase database) {
        return StandardLabels.selector(database, COMPONENT);
    }

    /** The source, as {@code <namespace>/<name>}. */
    public static String source(MonitoredDatabase database) {
        BootstrapBackup backup = database.getSpec().getBootstrap().getBackup();
        String namespace = backup.getDatabase().getNamespace();
        return (namespace != null ? namespace : database.getMetadata().getNamespace())
                + "/"
                + backup.getDatabase().getName();
    }

    /**
     * The restore pod of {@code database} (already defaulted, with {@code spec.bootstrap}).
     *
     * @param image the mongo image the members run
     */
    public static Pod build(MonitoredDatabase database, String image) {
        var metadata = OwnedMetadata.of(database, name(database), COMPONENT);
        metadata.setLabels(StandardLabels.forPod(database, COMPONENT));
        List<Volume> volumes = new ArrayList<>(MongoToolPods.volumes(database));
        volumes.addAll(
                BackupStoreVolumes.of(
                        database.getSpec().getBootstrap().getBackup().getStore(),
                        MongoBackupPaths.SOURCE_CA_VOLUME,
                        MongoBackupPaths.SOURCE_VOLUME));
        return new PodBuilder()
                .withMetadata(metadata)
                .withSpec(
                        MongoToolPods.podSpec(database)
                                .withActiveDeadlineSeconds(TIMEOUT.toSeconds())
                                .withInitContainers(MongoToolPods.fifo(image))
                                .withContainers(
                                        download(database),
                                        MongoToolPods.tool(
                                                database,
                                                MONGORESTORE,
                                                image,
                                                MongoDumpScript.restore(
                                                        MongoToolPods.tlsOptions(database))))
                                .withVolumes(volumes)
                                .build())
                .build();
    }

    private static Container download(MonitoredDatabase database) {
        BootstrapBackup source = database.getSpec().getBootstrap().getBackup();
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "backup",
                                "download",
                                "--to",
                                MongoBackupPaths.PIPE,
                                "--report",
                                MongoBackupPaths.TERMINATION_LOG));
        if (source.getTargetTime() != null) {
            args.add("--target-time");
            args.add(source.getTargetTime());
        }
        return MongoToolPods.vigil(
                DOWNLOAD,
                args,
                DumpStoreEnvironment.source(database),
                BackupStoreVolumes.mounts(
                        source.getStore(),
                        MongoBackupPaths.SOURCE_CA_VOLUME,
                        MongoBackupPaths.SOURCE_CA_DIR,
                        MongoBackupPaths.SOURCE_VOLUME,
                        MongoBackupPaths.SOURCE_MOUNT,
                        true));
    }
}
