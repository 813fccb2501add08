package dev.vigil.engine.postgres.backup;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.verification.VerificationPods;
import dev.vigil.names.CredentialKeys;
import dev.vigil.names.OwnedMetadata;
import dev.vigil.names.ResourceNames;
import dev.vigil.names.StandardLabels;
import dev.vigil.resources.BackupImage;
import dev.vigil.resources.RestrictedPodSecurity;
import dev.vigil.resources.VolumeMounts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The throwaway pod {@code <name>-verify-<yyyyMMddHHmm>} that proves a restore (docs/backup.md,
 * "Proven restores"). Init containers install pgBackRest and restore the newest backup and the
 * archive into an emptyDir ({@code vigil backup restore --verification-dir}); then the official
 * postgres image runs the restored server and Vigil's image runs {@code vigil backup verify}, which
 * waits for the promoted server, counts its largest tables and ends with the result as its
 * termination message, which the operator reads before it deletes the pod.
 *
 * <p>The restored server never archives ({@code archive_mode=off}, so nothing it writes reaches the
 * repository), listens on the pod's loopback address only, and trusts only local connections
 * ({@link dev.vigil.backup.VerificationDirectory#HBA}), so no password is needed. The store's keys
 * reach pgBackRest as {@code secretKeyRef} variables, as in the members. The pod is not selected by
 * the database's Services, PodDisruptionBudget or NetworkPolicy (its component differs), and has a
 * NetworkPolicy of its own. Pure: nothing here calls the cluster.
 */
public final class VerificationPod {

    /** The {@code app.kubernetes.io/component} of verification pods and their NetworkPolicy. */
    public static final String COMPONENT = VerificationPods.COMPONENT;

    public static final String RESTORE = VerificationPods.RESTORE;
    public static final String POSTGRES = "postgres";
    public static final String VERIFIER = VerificationPods.VERIFIER;

    /**
     * How long a verification may run before Kubernetes stops it ({@code activeDeadlineSeconds})
     * and the operator counts it failed: the longest restore pgBackRest is allowed plus an hour.
     */
    public static final Duration TIMEOUT = VerificationPods.TIMEOUT;

    /** Where the restore and the verifier share the start time and the server's hba file. */
    public static final String VERIFICATION_DIR = "/var/run/vigil/verification";

    /** Where the restore and the verifier write their result, for the kubelet to keep. */
    static final String TERMINATION_LOG = "/dev/termination-log";

    static final String DATA_VOLUME = "data";
    static final String SOCKET_VOLUME = "run";
    static final String TMP_VOLUME = "tmp";
    static final String VERIFICATION_VOLUME = "verification";
    static final String DATA_VOLUME_DIR = "/var/lib/postgresql/data";

    private VerificationPod() {}

    /**
     * What the engine knows about its server that this package does not.
     *
     * @param image the postgres image the members run
     * @param user the image's postgres user: the pod's user, group and fsGroup
     * @param server the data directory, socket directory and port, as in the members
     */
    public record Server(String image, long user, ServerPaths server) {}

    /** The pod's name for the verification due at {@code due}. */
    public static String name(MonitoredDatabase database, Instant due) {
        return VerificationPods.name(database, due);
    }

    /** The NetworkPolicy of {@code database}'s verification pods. */
    public static String networkPolicyName(MonitoredDatabase database) {
        return VerificationPods.networkPolicyName(database);
    }

    /** The labels that select {@code database}'s verification pods. */
    public static Map<String, String> selector(MonitoredDatabase database) {
        return StandardLabels.selector(database, COMPONENT);
    }

    /**
     * The settings of the restored server, as {@code -c} arguments: they override the restored
     * configuration files. Hot standby off: the server answers only once recovery is complete and
     * it has promoted, and replays WAL whatever the primary's connection limits were.
     */
    public static List<String> serverSettings(String hbaFile, ServerPaths server) {
        return List.of(
                "archive_mode=off",
                "hot_standby=off",
                "listen_addresses=127.0.0.1",
                "port=" + server.port(),
                "unix_socket_directories=" + server.socketDir(),
                "hba_file=" + hbaFile,
                "ssl=off");
    }

    /** The pod verifying a restore of {@code database} (already defaulted) due at {@code due}. */
    public static Pod build(MonitoredDatabase database, Server server, Instant due) {
        String hbaFile = VERIFICATION_DIR + "/pg_hba.conf";
        List<String> postgres =
                new ArrayList<>(List.of("postgres", "-D", server.server().pgdata()));
        for (String setting : serverSettings(hbaFile, server.server())) {
            postgres.add("-c");
            postgres.add(setting);
        }
        VolumeMount data = VolumeMounts.of(DATA_VOLUME, DATA_VOLUME_DIR, false);
        VolumeMount tmp = VolumeMounts.of(TMP_VOLUME, "/tmp", false);
        VolumeMount socket = VolumeMounts.of(SOCKET_VOLUME, server.server().socketDir(), false);
        List<VolumeMount> restoreMounts =
                new ArrayList<>(
                        List.of(
                                data,
                                tmp,
                                BackupContainers.toolsMount(),
                                VolumeMounts.of(VERIFICATION_VOLUME, VERIFICATION_DIR, false)));
        restoreMounts.addAll(BackupContainers.storeMounts(database));
        Container restore =
                new ContainerBuilder()
                        .withName(RESTORE)
                        .withImage(BackupImage.IMAGE)
                        .withArgs(
                                "backup",
                                "restore",
                                "--tools",
                                BackupPaths.TOOLS_DIR,
                                "--verification-dir",
                                VERIFICATION_DIR,
                                "--termination-log",
                                TERMINATION_LOG)
                        .withEnv(PgBackRestEnvironment.of(database, server.server()))
                        .withResources(resources("100m", "192Mi", "512Mi"))
                        .withVolumeMounts(restoreMounts)
                        .withSecurityContext(RestrictedPodSecurity.container())
                        .build();
        List<VolumeMount> serverMounts =
                new ArrayList<>(
                        List.of(
                                data,
                                tmp,
                                socket,
                                BackupContainers.toolsMount(),
                                VolumeMounts.of(VERIFICATION_VOLUME, VERIFICATION_DIR, true)));
        // The server fetches the archived WAL it replays with pgBackRest's archive-get.
        serverMounts.addAll(BackupContainers.storeMounts(database));
        Container postgresContainer =
                new ContainerBuilder()
                        .withName(POSTGRES)
                        .withImage(server.image())
                        .withCommand(postgres)
                        .withEnv(PgBackRestEnvironment.of(database, server.server()))
                        .addToEnv(
                                new EnvVarBuilder()
                                        .withName("PGDATA")
                                        .withValue(server.server().pgdata())
                                        .build())
                        .withResources(resources("250m", "256Mi", "1Gi"))
                        .withVolumeMounts(serverMounts)
                        .withSecurityContext(RestrictedPodSecurity.container())
                        .build();
        Container verifier =
                new ContainerBuilder()
                        .withName(VERIFIER)
                        .withImage(BackupImage.IMAGE)
                        .withArgs(
                                "backup",
                                "verify",
                                "--verification-dir",
                                VERIFICATION_DIR,
                                "--host",
                                "127.0.0.1",
                                "--port",
                                String.valueOf(server.server().port()),
                                "--termination-log",
                                TERMINATION_LOG)
                        // The superuser's name (not its password): the role the restored server
                        // trusts on loopback.
                        .addToEnv(
                                new EnvVarBuilder()
                                        .withName("PGUSER")
                                        .withNewValueFrom()
                                        .withNewSecretKeyRef()
                                        .withName(ResourceNames.adminSecret(database))
                                        .withKey(CredentialKeys.USERNAME)
                                        .endSecretKeyRef()
                                        .endValueFrom()
                                        .build(),
                                new EnvVarBuilder()
                                        .withName("JDK_JAVA_OPTIONS")
                                        .withValue("-XX:MaxRAMPercentage=60 -XX:+UseSerialGC")
                                        .build())
                        .withResources(resources("50m", "192Mi", "384Mi"))
                        .withVolumeMounts(
                                tmp, VolumeMounts.of(VERIFICATION_VOLUME, VERIFICATION_DIR, true))
                        .withSecurityContext(RestrictedPodSecurity.container())
                        .build();
        List<Volume> volumes = new ArrayList<>();
        // The restored copy: as large as the database, on the node's ephemeral storage.
        volumes.add(
                new VolumeBuilder().withName(DATA_VOLUME).withNewEmptyDir().endEmptyDir().build());
        volumes.add(RestrictedPodSecurity.scratchVolume(TMP_VOLUME));
        volumes.add(RestrictedPodSecurity.scratchVolume(SOCKET_VOLUME));
        volumes.add(RestrictedPodSecurity.scratchVolume(VERIFICATION_VOLUME));
        volumes.addAll(BackupVolumes.of(database));
        return new PodBuilder()
                .withMetadata(OwnedMetadata.of(database, name(database, due), COMPONENT))
                .withNewSpec()
                .withRestartPolicy("Never")
                .withActiveDeadlineSeconds(TIMEOUT.toSeconds())
                .withServiceAccountName(ResourceNames.serviceAccount(database))
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withSecurityContext(
                        RestrictedPodSecurity.pod(server.user(), server.user(), server.user()))
                .withInitContainers(BackupContainers.tools(TMP_VOLUME), restore)
                .withContainers(postgresContainer, verifier)
                .withVolumes(volumes)
                .endSpec()
                .build();
    }

    private static ResourceRequirements resources(String cpu, String memory, String memoryLimit) {
        return new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity(cpu))
                .addToRequests("memory", new Quantity(memory))
                .addToLimits("memory", new Quantity(memoryLimit))
                .build();
    }
}
