package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.ResourceNames;
import dev.vigil.resources.ConfigHash;
import dev.vigil.resources.DatabaseConfigMap;
import dev.vigil.resources.DatabaseStatefulSets;
import dev.vigil.resources.ExporterContainers;
import dev.vigil.resources.MemberPodSpec;
import dev.vigil.resources.RestrictedPodSecurity;
import dev.vigil.resources.ServerTls;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the StatefulSet running the members of a PostgreSQL database: one pod per member with
 * postgres (and the exporter sidecar when enabled), a persistent volume per member, started one
 * after another, so the primary is up before the first standby clones it.
 *
 * <p>Which member is the primary is NOT part of the pod template: the bootstrap reads it from
 * {@link PostgresPrimaryConfigMap} when a pod starts, so moving the primary (a failover, a
 * switchover during a canary rollout) restarts no pod. With {@code spec.bootstrap} the restore
 * targets the first primary, member 0, for the same reason.
 *
 * <p>{@link DatabaseStatefulSets} and {@link MemberPodSpec} have what it shares with MongoDB; here
 * are postgres's user and volumes.
 */
public final class PostgresStatefulSetBuilder {

    /** User, group and volume group of the official image's postgres user (Debian variants). */
    static final long POSTGRES_UID = 999;

    // The password files are a few hundred bytes.
    private static final String PGPASS_SIZE_LIMIT = "1Mi";

    private PostgresStatefulSetBuilder() {}

    /**
     * The StatefulSet of {@code database} (already defaulted).
     *
     * @param replicas the members to run, normally {@code spec.replicas}
     * @param configHash {@link ConfigHash} of the configuration, so that a change rolls the pods
     * @param credentialsRevision the monitoring-password rotation token, so that a new one restarts
     *     the exporter ({@link dev.vigil.credentials.MonitoringPasswordRotation})
     */
    public static StatefulSet build(
            MonitoredDatabase database,
            int replicas,
            String configHash,
            Optional<String> credentialsRevision) {
        return DatabaseStatefulSets.build(
                database,
                replicas,
                podSpec(database),
                configHash,
                PostgresContainers.DATA_VOLUME,
                credentialsRevision);
    }

    private static PodSpec podSpec(MonitoredDatabase database) {
        return PostgresRestoreMembers.withRestore(
                database,
                PostgresBackupMembers.withBackups(
                        database,
                        MemberPodSpec.build(
                                database,
                                POSTGRES_UID,
                                PostgresContainers.bootstrap(database),
                                PostgresContainers.postgres(database),
                                () -> PostgresExporterSidecar.container(database),
                                volumes(database))),
                // A restore only ever makes the first primary of a new database.
                PostgresResourcesBuilder.FIRST_PRIMARY);
    }

    private static List<Volume> volumes(MonitoredDatabase database) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(DatabaseConfigMap.volume(database, PostgresContainers.CONFIG_VOLUME));
        volumes.add(PostgresPrimaryConfigMap.volume(database));
        // Group-readable, for the bootstrap running in the pod's fsGroup.
        volumes.add(
                MemberPodSpec.groupReadableSecret(
                        PostgresContainers.SUPERUSER_SECRET_VOLUME,
                        ResourceNames.adminSecret(database)));
        volumes.add(
                MemberPodSpec.groupReadableSecret(
                        PostgresContainers.REPLICATION_SECRET_VOLUME,
                        ResourceNames.replicationSecret(database)));
        // In memory: the password files never land on the node's disk.
        volumes.add(
                new VolumeBuilder()
                        .withName(PostgresContainers.PGPASS_VOLUME)
                        .withNewEmptyDir()
                        .withMedium("Memory")
                        .withSizeLimit(new Quantity(PGPASS_SIZE_LIMIT))
                        .endEmptyDir()
                        .build());
        volumes.add(RestrictedPodSecurity.scratchVolume(PostgresContainers.SOCKET_VOLUME));
        volumes.add(RestrictedPodSecurity.scratchVolume(PostgresContainers.TMP_VOLUME));
        if (ExporterContainers.enabled(database)) {
            volumes.add(PostgresExporterSidecar.passwordVolume(database));
        }
        if (ServerTls.enabled(database)) {
            volumes.add(ServerTls.secretVolume(database));
        }
        return volumes;
    }
}
