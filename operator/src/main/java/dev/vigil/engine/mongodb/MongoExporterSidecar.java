package dev.vigil.engine.mongodb;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.ResourceNames;
import dev.vigil.resources.DatabasePorts;
import dev.vigil.resources.ExporterContainers;
import dev.vigil.resources.ServerTls;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;

/**
 * The percona mongodb_exporter sidecar of each MongoDB member. It connects to its own member only
 * ({@code directConnection}), as the least-privilege monitoring user of the monitoring Secret; see
 * {@link MongoExporterContainer} for how the credentials reach it.
 */
public final class MongoExporterSidecar {

    /** Name of the sidecar container. */
    public static final String CONTAINER_NAME = ExporterContainers.CONTAINER_NAME;

    /** The exporter image when {@code spec.exporter.image} is unset. */
    public static final String DEFAULT_IMAGE = MongoExporterContainer.DEFAULT_IMAGE;

    static final String URI =
            "mongodb://127.0.0.1:" + DatabasePorts.MONGODB + "/admin?directConnection=true";

    private MongoExporterSidecar() {}

    /** Whether {@code database} (already defaulted) runs the exporter. */
    public static boolean enabled(MonitoredDatabase database) {
        return ExporterContainers.enabled(database);
    }

    /** The sidecar container of {@code database} (already defaulted, exporter enabled). */
    public static Container container(MonitoredDatabase database) {
        Container container =
                MongoExporterContainer.build(
                        database.getSpec().getExporter(),
                        DatabasePorts.exporterPort(database),
                        MongoExporterTarget.member(URI + MongoTls.loopbackUriOptions(database)),
                        ResourceNames.monitoringSecret(database));
        List<VolumeMount> tls = ServerTls.secretMounts(database);
        return tls.isEmpty()
                ? container
                : new ContainerBuilder(container).addAllToVolumeMounts(tls).build();
    }
}
