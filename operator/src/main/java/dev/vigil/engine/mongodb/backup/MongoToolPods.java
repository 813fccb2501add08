package dev.vigil.engine.mongodb.backup;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.CredentialKeys;
import dev.vigil.names.ResourceNames;
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
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;

/**
 * What the pods that run MongoDB's tools beside Vigil's image share: a mongo-image container and a
 * Vigil-image container joined by a FIFO in an emptyDir, the mongo image's user, the database's CA
 * for a database with TLS, and the admin user's credentials as variables. Pure.
 */
final class MongoToolPods {

    /** The official image's mongodb user and group. */
    static final long MONGODB_UID = 999;

    /** The variables the tool scripts read; the password's comes from the admin Secret. */
    static final String URI_VARIABLE = "MONGO_TOOL_URI";

    static final String USERNAME_VARIABLE = "MONGO_TOOL_USERNAME";
    static final String PASSWORD_VARIABLE = "MONGO_TOOL_PASSWORD";

    // The Vigil-image containers stream an archive in parts of 16 MiB; the JVM needs little more.
    private static final String JAVA_OPTIONS = "-XX:MaxRAMPercentage=60 -XX:+UseSerialGC";

    private MongoToolPods() {}

    /** A pod spec that runs once, as the mongo image's user, restricted, without an API token. */
    static PodSpecBuilder podSpec(MonitoredDatabase database) {
        return new PodSpecBuilder()
                .withRestartPolicy("Never")
                .withServiceAccountName(ResourceNames.serviceAccount(database))
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(
                        RestrictedPodSecurity.pod(MONGODB_UID, MONGODB_UID, MONGODB_UID));
    }

    /** The mount of the emptyDir holding the FIFO. */
    static VolumeMount dumpMount() {
        return VolumeMounts.of(MongoBackupPaths.DUMP_VOLUME, MongoBackupPaths.DUMP_DIR, false);
    }

    /** The mount of the writable {@code /tmp}. */
    static VolumeMount tmpMount() {
        return VolumeMounts.of(MongoBackupPaths.TMP_VOLUME, "/tmp", false);
    }

    /** The init container that makes the FIFO, from the mongo image. */
    static Container fifo(String image) {
        return new ContainerBuilder()
                .withName(MongoBackupCronJob.FIFO)
                .withImage(image)
                .withCommand(
                        "sh",
                        "-c",
                        "rm -f %1$s && mkfifo -m 0600 %1$s".formatted(MongoBackupPaths.PIPE))
                .withResources(resources("10m", "16Mi", "64Mi"))
                .withVolumeMounts(dumpMount())
                .withSecurityContext(RestrictedPodSecurity.container())
                .build();
    }

    /**
     * A container of the mongo image running {@code script} (bash) with the admin user's
     * credentials and the database's replica set URI; mounts the FIFO, {@code /tmp} and the
     * database's CA. Its last log lines are its termination message when it fails.
     */
    static Container tool(MonitoredDatabase database, String name, String image, String script) {
        String adminSecret = ResourceNames.adminSecret(database);
        List<VolumeMount> mounts = new ArrayList<>(List.of(dumpMount(), tmpMount()));
        if (ServerTls.enabled(database)) {
            mounts.add(
                    VolumeMounts.of(
                            MongoBackupPaths.DATABASE_CA_VOLUME,
                            MongoBackupPaths.DATABASE_CA_DIR,
                            true));
        }
        return new ContainerBuilder()
                .withName(name)
                .withImage(image)
                .withCommand("bash", "-c", script)
                .withEnv(
                        value(URI_VARIABLE, uri(database)),
                        SecretEnv.of(USERNAME_VARIABLE, adminSecret, CredentialKeys.USERNAME),
                        SecretEnv.of(PASSWORD_VARIABLE, adminSecret, CredentialKeys.PASSWORD),
                        value("HOME", "/tmp"))
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withResources(resources("100m", "128Mi", "1Gi"))
                .withVolumeMounts(mounts)
                .withSecurityContext(RestrictedPodSecurity.container())
                .build();
    }

    /**
     * A container of Vigil's image running {@code vigil <args>}, with {@code env}, the FIFO's and
     * {@code /tmp}'s mounts and {@code more} mounts, and a small JVM heap: it only streams.
     */
    static Container vigil(
            String name, List<String> args, List<EnvVar> env, List<VolumeMount> more) {
        List<EnvVar> all = new ArrayList<>(env);
        all.add(value("JDK_JAVA_OPTIONS", JAVA_OPTIONS));
        List<VolumeMount> mounts = new ArrayList<>(List.of(dumpMount(), tmpMount()));
        mounts.addAll(more);
        return new ContainerBuilder()
                .withName(name)
                .withImage(BackupImage.IMAGE)
                .withArgs(args)
                .withEnv(all)
                .withResources(resources("100m", "128Mi", "384Mi"))
                .withVolumeMounts(mounts)
                .withSecurityContext(RestrictedPodSecurity.container())
                .build();
    }

    /** The mounts of {@code spec.backup.store}: its CA, or its claim. */
    static List<VolumeMount> storeMounts(MonitoredDatabase database, boolean readOnly) {
        return BackupStoreVolumes.mounts(
                database.getSpec().getBackup().getStore(),
                MongoBackupPaths.STORE_CA_VOLUME,
                MongoBackupPaths.STORE_CA_DIR,
                MongoBackupPaths.STORE_VOLUME,
                MongoBackupPaths.STORE_MOUNT,
                readOnly);
    }

    /** The volumes of {@code spec.backup.store}: its CA, or its claim. */
    static List<Volume> storeVolumes(MonitoredDatabase database) {
        return BackupStoreVolumes.of(
                database.getSpec().getBackup().getStore(),
                MongoBackupPaths.STORE_CA_VOLUME,
                MongoBackupPaths.STORE_VOLUME);
    }

    /** The options the tools add for a database with TLS, or "". */
    static String tlsOptions(MonitoredDatabase database) {
        return ServerTls.enabled(database)
                ? " --ssl --sslCAFile=" + MongoBackupPaths.DATABASE_CA_DIR + "/" + ServerTls.CA_KEY
                : "";
    }

    /**
     * The replica set, seeded with the members' headless Service: the tools find the members from
     * there.
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

    /** The emptyDirs of the FIFO and {@code /tmp}, and the database's CA for TLS. */
    static List<Volume> volumes(MonitoredDatabase database) {
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
        return volumes;
    }

    static EnvVar value(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    static ResourceRequirements resources(String cpu, String memory, String memoryLimit) {
        return new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity(cpu))
                .addToRequests("memory", new Quantity(memory))
                .addToLimits("memory", new Quantity(memoryLimit))
                .build();
    }
}
