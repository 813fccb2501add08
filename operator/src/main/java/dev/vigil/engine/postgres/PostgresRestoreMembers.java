package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.postgres.backup.BackupContainers;
import dev.vigil.engine.postgres.backup.BackupVolumes;
import dev.vigil.engine.postgres.backup.PgBackRestEnvironment;
import dev.vigil.names.ResourceNames;
import dev.vigil.resources.DatabasePorts;
import dev.vigil.resources.DatabaseStatefulSets;
import dev.vigil.resources.RestrictedPodSecurity;
import dev.vigil.resources.VolumeMounts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code spec.bootstrap} adds to a member pod: before the {@code bootstrap} init container,
 * {@code backup-tools} (pgBackRest for the server's {@code restore_command}), {@code restore}
 * (Vigil's image: {@code vigil backup restore} into the first primary's empty data directory, from
 * the source's repository) and {@code recover} (the postgres image: {@link PostgresRecoverScript}
 * replays the source's archive to the target and promotes, in a server of its own that never opens
 * a TCP port). Both carry the SOURCE repository's pgBackRest environment; the postgres container
 * keeps its own (its {@code spec.backup}, if any), so the restored database archives into its own
 * repository only.
 *
 * <p>Every member gets the containers, as the pod template is shared: they do nothing on a member
 * that is not the first primary, on a data directory that holds anything, or beside a primary that
 * answers already, so the standbys clone the restored primary as usual.
 */
final class PostgresRestoreMembers {

    /** The name of the init container that replays the archive to the target. */
    static final String RECOVER = "recover";

    private PostgresRestoreMembers() {}

    /** {@code pod} with the restore, or unchanged when {@code spec.bootstrap} is unset. */
    static PodSpec withRestore(MonitoredDatabase database, PodSpec pod, int primaryOrdinal) {
        if (database.getSpec().getBootstrap() == null) {
            return pod;
        }
        List<Container> init = new ArrayList<>();
        init.add(BackupContainers.tools(PostgresContainers.TMP_VOLUME));
        init.add(
                BackupContainers.restore(
                        database,
                        PostgresBackupMembers.SERVER,
                        ResourceNames.memberPod(database, primaryOrdinal),
                        ResourceNames.readWriteService(database) + ":" + DatabasePorts.POSTGRESQL,
                        dataMount(),
                        PostgresContainers.TMP_VOLUME));
        init.add(recover(database));
        for (Container container : pod.getInitContainers()) {
            // spec.backup brings the tools too: they are installed once, first.
            if (!BackupContainers.TOOLS.equals(container.getName())) {
                init.add(container);
            }
        }
        List<Volume> volumes = new ArrayList<>(pod.getVolumes());
        if (volumes.stream().noneMatch(v -> v.getName().equals(BackupVolumes.tools().getName()))) {
            volumes.add(BackupVolumes.tools());
        }
        volumes.addAll(BackupVolumes.source(database));
        return new PodSpecBuilder(pod).withInitContainers(init).withVolumes(volumes).build();
    }

    /** The {@code recover} init container: the postgres image running the recover script. */
    static Container recover(MonitoredDatabase database) {
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(dataMount());
        mounts.add(
                VolumeMounts.of(PostgresContainers.CONFIG_VOLUME, PostgresPaths.CONFIG_DIR, true));
        mounts.add(
                VolumeMounts.of(
                        PostgresContainers.SUPERUSER_SECRET_VOLUME,
                        PostgresPaths.SUPERUSER_SECRET_DIR,
                        true));
        mounts.add(BackupContainers.toolsMount());
        mounts.add(VolumeMounts.of(PostgresContainers.TMP_VOLUME, PostgresPaths.TMP_DIR, false));
        mounts.addAll(BackupContainers.sourceMounts(database));
        return new ContainerBuilder()
                .withName(RECOVER)
                .withImage(PostgresContainers.image(database))
                .withCommand("sh", PostgresPaths.RECOVER_SCRIPT)
                .withEnv(PgBackRestEnvironment.source(database, PostgresBackupMembers.SERVER))
                .addToEnv(
                        env("PGDATA", PostgresPaths.PGDATA),
                        env("PGPORT", String.valueOf(DatabasePorts.POSTGRESQL)),
                        env("VIGIL_CONFIG_FILE", PostgresPaths.CONFIG_FILE),
                        env("VIGIL_SUPERUSER_DIR", PostgresPaths.SUPERUSER_SECRET_DIR))
                .withResources(DatabaseStatefulSets.databaseResources(database))
                .withVolumeMounts(mounts)
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withSecurityContext(RestrictedPodSecurity.container())
                .build();
    }

    private static VolumeMount dataMount() {
        return VolumeMounts.of(
                PostgresContainers.DATA_VOLUME, PostgresPaths.DATA_VOLUME_DIR, false);
    }

    private static io.fabric8.kubernetes.api.model.EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }
}
