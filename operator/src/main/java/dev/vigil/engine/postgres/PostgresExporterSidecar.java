package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.ResourceNames;
import dev.vigil.resources.ExporterSidecar;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Volume;

/**
 * The prometheus-community postgres_exporter sidecar of each PostgreSQL member. It connects to its
 * own member over loopback as the least-privilege monitoring user of the monitoring Secret; see
 * {@link PostgresExporterContainer} for how the credentials reach it, and {@link ExporterSidecar}
 * for what every engine's sidecar shares.
 */
public final class PostgresExporterSidecar {

    private PostgresExporterSidecar() {}

    /** The sidecar container of {@code database} (already defaulted, exporter enabled). */
    public static Container container(MonitoredDatabase database) {
        return ExporterSidecar.build(
                database,
                (exporter, port) ->
                        PostgresExporterContainer.build(
                                exporter,
                                port,
                                PostgresTls.sidecarTarget(database),
                                credentials(database)));
    }

    /** The volume with the monitoring Secret's password key only: the user name is not needed. */
    public static Volume passwordVolume(MonitoredDatabase database) {
        return PostgresExporterContainer.passwordVolume(credentials(database));
    }

    private static PostgresExporterContainer.Credentials credentials(MonitoredDatabase database) {
        return PostgresExporterContainer.Credentials.sidecar(
                ResourceNames.monitoringSecret(database));
    }
}
