package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.postgres.backup.BackupContainers;
import dev.vigil.engine.postgres.backup.BackupVolumes;
import dev.vigil.engine.postgres.backup.PgBackRestEnvironment;
import dev.vigil.engine.postgres.backup.PostgresArchiving;
import dev.vigil.engine.postgres.backup.ServerPaths;
import dev.vigil.resources.DatabasePorts;
import dev.vigil.resources.VolumeMounts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code spec.backup} adds to a member pod: pgBackRest installed for the server's {@code
 * archive_command}, the archive settings and pgBackRest's environment on the postgres container,
 * and the backup agent beside it. Every member gets them: archiving and backups run on whichever
 * member is the primary at the time, and a standby that is promoted carries on.
 */
final class PostgresBackupMembers {

    static final ServerPaths SERVER =
            new ServerPaths(
                    PostgresPaths.PGDATA, PostgresPaths.SOCKET_DIR, DatabasePorts.POSTGRESQL);

    private PostgresBackupMembers() {}

    /** {@code pod} with backups, or unchanged when {@code spec.backup} is unset. */
    static PodSpec withBackups(MonitoredDatabase database, PodSpec pod) {
        if (database.getSpec().getBackup() == null) {
            return pod;
        }
        List<Container> containers = new ArrayList<>();
        for (Container container : pod.getContainers()) {
            containers.add(
                    PostgresContainers.POSTGRES.equals(container.getName())
                            ? archiving(database, container)
                            : container);
        }
        containers.add(
                BackupContainers.agent(
                        database,
                        SERVER,
                        List.of(
                                VolumeMounts.of(
                                        PostgresContainers.DATA_VOLUME,
                                        PostgresPaths.DATA_VOLUME_DIR,
                                        true),
                                VolumeMounts.of(
                                        PostgresContainers.SOCKET_VOLUME,
                                        PostgresPaths.SOCKET_DIR,
                                        false),
                                VolumeMounts.of(
                                        PostgresContainers.TMP_VOLUME,
                                        PostgresPaths.TMP_DIR,
                                        false))));
        return new PodSpecBuilder(pod)
                .addToInitContainers(BackupContainers.tools(PostgresContainers.TMP_VOLUME))
                .withContainers(containers)
                .addAllToVolumes(BackupVolumes.of(database))
                .build();
    }

    private static Container archiving(MonitoredDatabase database, Container postgres) {
        List<String> command = new ArrayList<>(postgres.getCommand());
        command.addAll(PostgresArchiving.serverArguments(database.getSpec().getBackup()));
        return new ContainerBuilder(postgres)
                .withCommand(command)
                .addAllToEnv(PgBackRestEnvironment.of(database, SERVER))
                .addToVolumeMounts(BackupContainers.toolsMount())
                .addAllToVolumeMounts(BackupContainers.storeMounts(database))
                .build();
    }
}
