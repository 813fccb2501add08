package dev.vigil.resources;

import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.api.v1alpha1.ExporterSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;

/** The ports Vigil's databases and exporters listen on, in one place for every builder. */
public final class DatabasePorts {

    /** MongoDB's standard port, used by every member. */
    public static final int MONGODB = Engine.MONGODB_PORT;

    /** PostgreSQL's standard port, used by every member. */
    public static final int POSTGRESQL = Engine.POSTGRESQL_PORT;

    private DatabasePorts() {}

    /** The port the engine's members listen on. */
    public static int database(MonitoredDatabase database) {
        return database.getSpec().getEngine().port();
    }

    /** The exporter's metrics port: {@code spec.exporter.port}, or the engine's default. */
    public static int exporterPort(MonitoredDatabase database) {
        ExporterSpec exporter = database.getSpec().getExporter();
        if (exporter != null && exporter.getPort() != null) {
            return exporter.getPort();
        }
        return database.getSpec().getEngine().defaultExporterPort();
    }
}
