package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.ResourceNames;
import dev.vigil.resources.DatabasePorts;
import dev.vigil.resources.ExporterContainers;
import dev.vigil.resources.ServerTls;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;

/**
 * The prometheus-community postgres_exporter sidecar of each PostgreSQL member. It connects to its
 * own member over loopback as the least-privilege monitoring user of the monitoring Secret; see
 * {@link PostgresExporterContainer} for how the credentials reach it.
 */
public final class PostgresExporterSidecar {

    /** Name of the sidecar container. */
    public static final String CONTAINER_NAME = ExporterContainers.CONTAINER_NAME;

    /** The exporter image when {@code spec.exporter.image} is unset. */
    public static final String DEFAULT_IMAGE = PostgresExporterContainer.DEFAULT_IMAGE;

    private PostgresExporterSidecar() {}

    /** Whether {@code database} (already defaulted) runs the exporter. */
    public static boolean enabled(MonitoredDatabase database) {
        return ExporterContainers.enabled(database);
    }

    /** The sidecar container of {@code database} (already defaulted, exporter enabled). */
    public static Container container(MonitoredDatabase database) {
        Container container =
                PostgresExporterContainer.build(
                        database.getSpec().getExporter(),
                        DatabasePorts.exporterPort(database),
                        PostgresTls.sidecarTarget(database),
                        credentials(database));
        List<VolumeMount> tls = ServerTls.secretMounts(database);
        return tls.isEmpty()
                ? container
                : new ContainerBuilder(container).addAllToVolumeMounts(tls).build();
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
