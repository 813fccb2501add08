package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.ResourceNames;
import dev.vigil.resources.DatabasePorts;
import dev.vigil.resources.DatabaseStatefulSets;
import dev.vigil.resources.RestrictedPodSecurity;
import dev.vigil.resources.ServerTls;
import dev.vigil.resources.VolumeMounts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.util.List;

/**
 * The containers of a PostgreSQL member: the {@code bootstrap} init container, which runs {@link
 * PostgresBootstrapScript} to prepare PGDATA, and {@code postgres}.
 *
 * <p>The designated primary reaches the script as a file, {@link PostgresPrimaryConfigMap}'s
 * {@value PostgresPrimaryConfigMap#POD_KEY} mounted in {@link PostgresPaths#PRIMARY_DIR}, read when
 * the pod starts. It is not part of the pod template, so moving the primary (a failover, a
 * switchover) rolls no pod; a running postgres never changes its role by itself, so a former
 * primary becomes a standby when its pod is next replaced (Vigil deletes it, or a canary rollout
 * replaces it) and the script rewinds it.
 */
public final class PostgresContainers {

    /** Name of the database container. */
    public static final String POSTGRES = "postgres";

    /** Name of the init container preparing the data directory. */
    public static final String BOOTSTRAP = "bootstrap";

    /** The Docker official image, used with the spec's version when no image is given. */
    static final String OFFICIAL_IMAGE = "postgres";

    /** Volume names shared with the pod spec. */
    static final String DATA_VOLUME = "data";

    static final String CONFIG_VOLUME = "config";
    static final String SUPERUSER_SECRET_VOLUME = "superuser-secret";
    static final String REPLICATION_SECRET_VOLUME = "replication-secret";
    static final String PGPASS_VOLUME = "pgpass";
    static final String SOCKET_VOLUME = "run";
    static final String TMP_VOLUME = "tmp";

    // pg_isready only asks whether the server accepts connections: no credentials needed, and a
    // standby answers yes once it is consistent. Loopback, as clients connect over TCP.
    private static final List<String> PG_ISREADY =
            List.of(
                    "pg_isready",
                    "-U",
                    PostgresSecretsBuilder.SUPERUSER_USERNAME,
                    "-h",
                    "127.0.0.1",
                    "-p",
                    String.valueOf(DatabasePorts.POSTGRESQL));

    private PostgresContainers() {}

    /** {@code spec.image}, or the official image of {@code spec.version}. */
    public static String image(MonitoredDatabase database) {
        String image = database.getSpec().getImage();
        return image != null ? image : OFFICIAL_IMAGE + ":" + database.getSpec().getVersion();
    }

    /**
     * The init container running the bootstrap script (same image, so initdb, pg_basebackup and
     * pg_rewind match the server's version). Only it mounts the superuser and replication Secrets,
     * and the ConfigMap naming the designated primary.
     */
    public static Container bootstrap(MonitoredDatabase database) {
        return new ContainerBuilder()
                .withName(BOOTSTRAP)
                .withImage(image(database))
                .withCommand("sh", PostgresPaths.BOOTSTRAP_SCRIPT)
                .withEnv(
                        env("PGDATA", PostgresPaths.PGDATA),
                        env("PGPORT", String.valueOf(DatabasePorts.POSTGRESQL)),
                        new EnvVarBuilder()
                                .withName("POD_NAME")
                                .withNewValueFrom()
                                .withNewFieldRef()
                                .withFieldPath("metadata.name")
                                .endFieldRef()
                                .endValueFrom()
                                .build(),
                        env("VIGIL_PRIMARY_DIR", PostgresPaths.PRIMARY_DIR),
                        env("VIGIL_PRIMARY_HOST", ResourceNames.readWriteService(database)),
                        env("VIGIL_SUPERUSER_DIR", PostgresPaths.SUPERUSER_SECRET_DIR),
                        env("VIGIL_REPLICATION_DIR", PostgresPaths.REPLICATION_SECRET_DIR),
                        env("VIGIL_PGPASS_DIR", PostgresPaths.PGPASS_DIR))
                .addAllToEnv(PostgresTls.clientEnv(database))
                .withResources(DatabaseStatefulSets.databaseResources(database))
                .withVolumeMounts(
                        VolumeMounts.of(DATA_VOLUME, PostgresPaths.DATA_VOLUME_DIR, false),
                        VolumeMounts.of(CONFIG_VOLUME, PostgresPaths.CONFIG_DIR, true),
                        VolumeMounts.of(
                                PostgresPrimaryConfigMap.VOLUME, PostgresPaths.PRIMARY_DIR, true),
                        VolumeMounts.of(
                                SUPERUSER_SECRET_VOLUME, PostgresPaths.SUPERUSER_SECRET_DIR, true),
                        VolumeMounts.of(
                                REPLICATION_SECRET_VOLUME,
                                PostgresPaths.REPLICATION_SECRET_DIR,
                                true),
                        VolumeMounts.of(PGPASS_VOLUME, PostgresPaths.PGPASS_DIR, false),
                        VolumeMounts.of(TMP_VOLUME, PostgresPaths.TMP_DIR, false))
                .addAllToVolumeMounts(ServerTls.secretMounts(database))
                .withSecurityContext(RestrictedPodSecurity.container())
                .build();
    }

    /**
     * The postgres container. It runs the server directly rather than the image's entrypoint: the
     * bootstrap has prepared PGDATA, and the entrypoint's own initialisation must never run.
     */
    public static Container postgres(MonitoredDatabase database) {
        return new ContainerBuilder()
                .withName(POSTGRES)
                .withImage(image(database))
                .withCommand(
                        "postgres",
                        "-c",
                        "config_file=" + PostgresPaths.CONFIG_FILE,
                        "-c",
                        "hba_file=" + PostgresPaths.HBA_FILE)
                .withEnv(env("PGDATA", PostgresPaths.PGDATA))
                // The walreceiver's connection to the primary, and the probes, use libpq.
                .addAllToEnv(PostgresTls.clientEnv(database))
                .addNewPort()
                .withName(PostgresServicesBuilder.POSTGRESQL_PORT_NAME)
                .withContainerPort(DatabasePorts.POSTGRESQL)
                .withProtocol("TCP")
                .endPort()
                // Crash recovery, or a standby replaying WAL up to a consistent state, may take
                // minutes: allow ten before the liveness probe may restart the server.
                .withStartupProbe(pgIsReady(10, 5, 60))
                .withReadinessProbe(pgIsReady(10, 5, 3))
                // Slower and more tolerant than readiness: restarting a busy primary costs far
                // more than a few slow answers.
                .withLivenessProbe(pgIsReady(20, 10, 6))
                // Kubernetes stops a container with SIGTERM, which postgres takes as a "smart"
                // shutdown that waits for every client to disconnect, and is killed at the end of
                // the grace period. A fast shutdown ends sessions and checkpoints cleanly instead.
                .withNewLifecycle()
                .withNewPreStop()
                .withNewExec()
                .withCommand("pg_ctl", "stop", "-m", "fast", "-w")
                .endExec()
                .endPreStop()
                .endLifecycle()
                .withResources(DatabaseStatefulSets.databaseResources(database))
                .withVolumeMounts(
                        VolumeMounts.of(DATA_VOLUME, PostgresPaths.DATA_VOLUME_DIR, false),
                        VolumeMounts.of(CONFIG_VOLUME, PostgresPaths.CONFIG_DIR, true),
                        // primary_conninfo names the replication password file written here.
                        VolumeMounts.of(PGPASS_VOLUME, PostgresPaths.PGPASS_DIR, true),
                        VolumeMounts.of(SOCKET_VOLUME, PostgresPaths.SOCKET_DIR, false),
                        VolumeMounts.of(TMP_VOLUME, PostgresPaths.TMP_DIR, false))
                .addAllToVolumeMounts(ServerTls.secretMounts(database))
                .withSecurityContext(RestrictedPodSecurity.container())
                .build();
    }

    private static Probe pgIsReady(int periodSeconds, int timeoutSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewExec()
                .withCommand(PG_ISREADY)
                .endExec()
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(timeoutSeconds)
                .withFailureThreshold(failureThreshold)
                .build();
    }

    private static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }
}
