package dev.vigil.engine.mongodb.backup;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.verification.VerificationPods;
import dev.vigil.names.OwnedMetadata;
import dev.vigil.names.StandardLabels;
import dev.vigil.resources.DatabasePorts;
import dev.vigil.resources.RestrictedPodSecurity;
import dev.vigil.resources.VolumeMounts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The throwaway pod {@code <name>-verify-<yyyyMMddHHmm>} that proves a MongoDB restore
 * (docs/backup.md, "Proven restores"): a standalone {@code mongod} of the database's image on the
 * pod's loopback address, without authentication and without a replica set; the newest dump,
 * streamed from the store by {@code download} through the FIFO into {@code mongorestore} (replaying
 * its oplog entries); and {@code vigil backup verify-dump}, which waits for the restore, counts the
 * documents of the largest collections and ends with the result as its termination message, which
 * the operator reads before it deletes the pod.
 *
 * <p>Nothing here reaches the database: the pod only reads the store. Its labels and NetworkPolicy
 * are those of every verification pod ({@link VerificationPods}). Pure.
 */
public final class MongoVerificationPod {

    public static final String MONGOD = "mongod";
    public static final String DOWNLOAD = MongoRestorePod.DOWNLOAD;
    public static final String MONGORESTORE = MongoRestorePod.MONGORESTORE;

    /** How long the restore waits for the throwaway server to listen. */
    static final int SERVER_WAIT_SECONDS = 600;

    private MongoVerificationPod() {}

    /**
     * The pod verifying a restore of {@code database} (already defaulted) due at {@code due}.
     *
     * @param image the mongo image the members run
     */
    public static Pod build(MonitoredDatabase database, String image, Instant due) {
        var metadata =
                OwnedMetadata.of(
                        database, VerificationPods.name(database, due), VerificationPods.COMPONENT);
        metadata.setLabels(StandardLabels.forPod(database, VerificationPods.COMPONENT));
        List<Volume> volumes = new ArrayList<>(MongoToolPods.volumes(database));
        // The restored data: as large as the dump's, so no size limit.
        volumes.add(
                new VolumeBuilder()
                        .withName(MongoBackupPaths.VERIFY_DATA_VOLUME)
                        .withNewEmptyDir()
                        .endEmptyDir()
                        .build());
        volumes.addAll(MongoToolPods.storeVolumes(database));
        return new PodBuilder()
                .withMetadata(metadata)
                .withSpec(
                        MongoToolPods.podSpec(database)
                                .withActiveDeadlineSeconds(VerificationPods.TIMEOUT.toSeconds())
                                .withInitContainers(MongoToolPods.fifo(image))
                                .withContainers(
                                        mongod(image),
                                        download(database),
                                        restore(image),
                                        verifier())
                                .withVolumes(volumes)
                                .build())
                .build();
    }

    private static Container mongod(String image) {
        return new ContainerBuilder()
                .withName(MONGOD)
                .withImage(image)
                .withCommand(
                        "mongod",
                        "--dbpath",
                        MongoBackupPaths.VERIFY_DATA_DIR,
                        "--bind_ip",
                        "127.0.0.1",
                        "--port",
                        String.valueOf(DatabasePorts.MONGODB),
                        "--unixSocketPrefix",
                        "/tmp")
                .withResources(MongoToolPods.resources("250m", "512Mi", "2Gi"))
                .withVolumeMounts(
                        VolumeMounts.of(
                                MongoBackupPaths.VERIFY_DATA_VOLUME,
                                MongoBackupPaths.VERIFY_DATA_DIR,
                                false),
                        MongoToolPods.tmpMount())
                .withSecurityContext(RestrictedPodSecurity.container())
                .build();
    }

    private static Container download(MonitoredDatabase database) {
        return MongoToolPods.vigil(
                DOWNLOAD,
                List.of(
                        "backup",
                        "download",
                        "--to",
                        MongoBackupPaths.PIPE,
                        "--report",
                        MongoBackupPaths.DOWNLOAD_REPORT),
                DumpStoreEnvironment.of(database),
                MongoToolPods.storeMounts(database, true));
    }

    private static Container restore(String image) {
        return new ContainerBuilder()
                .withName(MONGORESTORE)
                .withImage(image)
                .withCommand(
                        "bash",
                        "-c",
                        MongoDumpScript.restoreLocal(DatabasePorts.MONGODB, SERVER_WAIT_SECONDS))
                .withEnv(MongoToolPods.value("HOME", "/tmp"))
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withResources(MongoToolPods.resources("100m", "128Mi", "1Gi"))
                .withVolumeMounts(MongoToolPods.dumpMount(), MongoToolPods.tmpMount())
                .withSecurityContext(RestrictedPodSecurity.container())
                .build();
    }

    private static Container verifier() {
        return MongoToolPods.vigil(
                VerificationPods.VERIFIER,
                List.of(
                        "backup",
                        "verify-dump",
                        "--mongodb-port",
                        String.valueOf(DatabasePorts.MONGODB),
                        "--exit-status",
                        MongoBackupPaths.EXIT_STATUS,
                        "--download-report",
                        MongoBackupPaths.DOWNLOAD_REPORT,
                        "--termination-log",
                        MongoBackupPaths.TERMINATION_LOG),
                List.of(),
                List.of());
    }
}
