package dev.vigil.engine.postgres.backup;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.resources.BackupImage;
import dev.vigil.resources.BackupStoreVolumes;
import dev.vigil.resources.RestrictedPodSecurity;
import dev.vigil.resources.VolumeMounts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;

/**
 * The containers backups add to a member pod, both from {@link BackupImage}: {@code backup-tools},
 * an init container that copies pgBackRest and the libraries it links into an emptyDir for the
 * postgres container's {@code archive_command}, and {@code backup-agent}, which takes the scheduled
 * base backups on whichever member is the primary and reports on them.
 */
public final class BackupContainers {

    public static final String TOOLS = "backup-tools";
    public static final String AGENT = "backup-agent";
    public static final String RESTORE = "restore";

    // The restore runs pgBackRest as a child process; the JVM only waits for it.
    private static final String RESTORE_JAVA_OPTIONS = "-XX:MaxRAMPercentage=60 -XX:+UseSerialGC";

    // A JVM with a small heap: the agent holds a schedule and the last results.
    private static final String AGENT_JAVA_OPTIONS = "-XX:MaxRAMPercentage=60 -XX:+UseSerialGC";

    private BackupContainers() {}

    /** The init container that installs pgBackRest into {@link BackupPaths#TOOLS_DIR}. */
    public static Container tools(String tmpVolume) {
        return new ContainerBuilder()
                .withName(TOOLS)
                .withImage(BackupImage.IMAGE)
                .withArgs("backup", "install-tools", "--into", BackupPaths.TOOLS_DIR)
                .withResources(resources("50m", "64Mi", "256Mi"))
                .withVolumeMounts(
                        VolumeMounts.of(BackupPaths.TOOLS_VOLUME, BackupPaths.TOOLS_DIR, false),
                        VolumeMounts.of(tmpVolume, "/tmp", false))
                .withSecurityContext(RestrictedPodSecurity.container())
                .build();
    }

    /**
     * The agent sidecar.
     *
     * @param serverMounts the data volume (read-only here), the socket directory and {@code /tmp},
     *     as the postgres container mounts them
     */
    public static Container agent(
            MonitoredDatabase database, ServerPaths server, List<VolumeMount> serverMounts) {
        List<VolumeMount> mounts = new ArrayList<>(serverMounts);
        mounts.addAll(storeMounts(database));
        return new ContainerBuilder()
                .withName(AGENT)
                .withImage(BackupImage.IMAGE)
                .withArgs(
                        "backup",
                        "agent",
                        "--schedule",
                        database.getSpec().getBackup().getSchedule(),
                        "--listen-port",
                        String.valueOf(BackupPaths.AGENT_PORT))
                .withEnv(PgBackRestEnvironment.of(database, server))
                .addNewEnv()
                .withName("JDK_JAVA_OPTIONS")
                .withValue(AGENT_JAVA_OPTIONS)
                .endEnv()
                .addNewPort()
                .withName(BackupPaths.AGENT_PORT_NAME)
                .withContainerPort(BackupPaths.AGENT_PORT)
                .withProtocol("TCP")
                .endPort()
                .withResources(resources("50m", "192Mi", "384Mi"))
                .withVolumeMounts(mounts)
                .withSecurityContext(RestrictedPodSecurity.container())
                .build();
    }

    /**
     * The init container that restores the first primary's empty data directory from {@code
     * spec.bootstrap.backup}, with the source repository's environment: {@code vigil backup
     * restore}, which does nothing in another pod, beside a running primary, or on a data directory
     * that holds anything, and writes a failure's reason to the termination log.
     *
     * @param primaryPod the pod that is to be the first primary
     * @param primaryAddress {@code host:port} of the read-write Service
     * @param dataMount the data volume, read-write
     * @param tmpVolume the pod's scratch volume
     */
    public static Container restore(
            MonitoredDatabase database,
            ServerPaths server,
            String primaryPod,
            String primaryAddress,
            VolumeMount dataMount,
            String tmpVolume) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "backup",
                                "restore",
                                "--tools",
                                BackupPaths.TOOLS_DIR,
                                "--primary-pod",
                                primaryPod,
                                "--primary-address",
                                primaryAddress));
        String target = database.getSpec().getBootstrap().getBackup().getTargetTime();
        if (target != null) {
            args.add("--target-time");
            args.add(target);
        }
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(dataMount);
        mounts.add(toolsMount());
        mounts.add(VolumeMounts.of(tmpVolume, "/tmp", false));
        mounts.addAll(sourceMounts(database));
        return new ContainerBuilder()
                .withName(RESTORE)
                .withImage(BackupImage.IMAGE)
                .withArgs(args)
                .withEnv(PgBackRestEnvironment.source(database, server))
                .addNewEnv()
                .withName("POD_NAME")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("metadata.name")
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("JDK_JAVA_OPTIONS")
                .withValue(RESTORE_JAVA_OPTIONS)
                .endEnv()
                .withResources(resources("100m", "192Mi", "384Mi"))
                .withVolumeMounts(mounts)
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withSecurityContext(RestrictedPodSecurity.container())
                .build();
    }

    /**
     * The mounts pgBackRest needs to read {@code spec.bootstrap.backup.store}: its CA, or its claim
     * (read-only: nothing is written into the source's repository).
     */
    public static List<VolumeMount> sourceMounts(MonitoredDatabase database) {
        return BackupStoreVolumes.mounts(
                database.getSpec().getBootstrap().getBackup().getStore(),
                BackupPaths.SOURCE_CA_VOLUME,
                BackupPaths.SOURCE_CA_DIR,
                BackupPaths.SOURCE_REPOSITORY_VOLUME,
                BackupPaths.SOURCE_REPOSITORY_MOUNT,
                true);
    }

    /** The mounts pgBackRest needs to reach the store: the CA, or the volume holding it. */
    public static List<VolumeMount> storeMounts(MonitoredDatabase database) {
        return BackupStoreVolumes.mounts(
                database.getSpec().getBackup().getStore(),
                BackupPaths.CA_VOLUME,
                BackupPaths.CA_DIR,
                BackupPaths.REPOSITORY_VOLUME,
                BackupPaths.REPOSITORY_MOUNT,
                false);
    }

    /** The mount of the installed tools, read-only, for the postgres container. */
    public static VolumeMount toolsMount() {
        return VolumeMounts.of(BackupPaths.TOOLS_VOLUME, BackupPaths.TOOLS_DIR, true);
    }

    private static ResourceRequirements resources(String cpu, String memory, String memoryLimit) {
        return new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity(cpu))
                .addToRequests("memory", new Quantity(memory))
                .addToLimits("memory", new Quantity(memoryLimit))
                .build();
    }
}
