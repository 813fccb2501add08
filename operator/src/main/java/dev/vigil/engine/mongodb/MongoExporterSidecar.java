package dev.vigil.engine.mongodb;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.ResourceNames;
import dev.vigil.resources.DatabasePorts;
import dev.vigil.resources.ExporterSidecar;
import io.fabric8.kubernetes.api.model.Container;

/**
 * The percona mongodb_exporter sidecar of each MongoDB member. It connects to its own member only
 * ({@code directConnection}), as the least-privilege monitoring user of the monitoring Secret; see
 * {@link MongoExporterContainer} for how the credentials reach it, and {@link ExporterSidecar} for
 * what every engine's sidecar shares.
 */
public final class MongoExporterSidecar {

    static final String URI =
            "mongodb://127.0.0.1:" + DatabasePorts.MONGODB + "/admin?directConnection=true";

    private MongoExporterSidecar() {}

    /** The sidecar container of {@code database} (already defaulted, exporter enabled). */
    public static Container container(MonitoredDatabase database) {
        return ExporterSidecar.build(
                database,
                (exporter, port) ->
                        MongoExporterContainer.build(
                                exporter,
                                port,
                                MongoExporterTarget.member(
                                        URI + MongoTls.loopbackUriOptions(database)),
                                ResourceNames.monitoringSecret(database)));
    }
}
