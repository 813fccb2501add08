package dev.vigil.resources;

import dev.vigil.api.v1alpha1.BackupSpec;
import dev.vigil.api.v1alpha1.BootstrapSpec;
import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.api.v1alpha1.ExporterSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import java.net.URI;
import java.util.Optional;

/** The ports Vigil's databases and exporters listen on, in one place for every builder. */
public final class DatabasePorts {

    /** MongoDB's standard port, used by every member. */
    public static final int MONGODB = Engine.MONGODB_PORT;

    /** PostgreSQL's standard port, used by every member. */
    public static final int POSTGRESQL = Engine.POSTGRESQL_PORT;

    /** The backup agent's HTTP port, in members of databases with {@code spec.backup}. */
    public static final int BACKUP_AGENT = 9188;

    private static final int HTTPS = 443;

    /**
     * The port of {@code spec.backup.store.s3.endpoint}, which the members call; empty without an
     * S3 store.
     */
    public static Optional<Integer> backupStore(MonitoredDatabase database) {
        BackupSpec backup = database.getSpec().getBackup();
        if (backup == null || backup.getStore() == null || backup.getStore().getS3() == null) {
            return Optional.empty();
        }
        int port = URI.create(backup.getStore().getS3().getEndpoint()).getPort();
        return Optional.of(port > 0 ? port : HTTPS);
    }

    /**
     * The port of {@code spec.bootstrap.backup.store.s3.endpoint}, which the members call while
     * they restore; empty without an S3 source.
     */
    public static Optional<Integer> bootstrapStore(MonitoredDatabase database) {
        BootstrapSpec bootstrap = database.getSpec().getBootstrap();
        if (bootstrap == null
                || bootstrap.getBackup() == null
                || bootstrap.getBackup().getStore() == null
                || bootstrap.getBackup().getStore().getS3() == null) {
            return Optional.empty();
        }
        int port = URI.create(bootstrap.getBackup().getStore().getS3().getEndpoint()).getPort();
        return Optional.of(port > 0 ? port : HTTPS);
    }

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
