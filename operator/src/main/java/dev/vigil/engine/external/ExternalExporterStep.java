package dev.vigil.engine.external;

import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.DatabaseException;
import dev.vigil.engine.exporter.ExporterProbe;
import dev.vigil.status.DatabaseHealth;
import dev.vigil.status.Reason;
import java.util.OptionalDouble;

/**
 * Tells whether the exporter of an External database reaches it, from the exporter's own {@code
 * pg_up} or {@code mongodb_up}: Vigil has no credentials of its own for a database it does not run,
 * and the exporter's view is the one monitoring depends on.
 */
public final class ExternalExporterStep {

    private final ExporterProbe probe;

    public ExternalExporterStep(ExporterProbe probe) {
        this.probe = probe;
    }

    /**
     * @param exporterReady whether the exporter's pod is ready
     * @param metricsAddress {@code host:port} of the exporter Service
     */
    public DatabaseHealth run(
            MonitoredDatabase database, boolean exporterReady, String metricsAddress) {
        if (!exporterReady) {
            return DatabaseHealth.notChecked();
        }
        String metric = database.getSpec().getEngine() == Engine.MongoDB ? "mongodb_up" : "pg_up";
        OptionalDouble up;
        try {
            up = probe.read(metricsAddress, metric);
        } catch (DatabaseException e) {
            return DatabaseHealth.failing(Reason.EXPORTER_UNREACHABLE, e.getMessage());
        }
        if (up.isEmpty()) {
            return DatabaseHealth.failing(
                    Reason.EXPORTER_UNREACHABLE,
                    "the exporter at " + metricsAddress + " does not report " + metric);
        }
        if (up.getAsDouble() == 1.0) {
            return DatabaseHealth.healthy("the exporter reaches the database (" + metric + " 1)");
        }
        return DatabaseHealth.failing(
                Reason.DATABASE_UNREACHABLE,
                "the exporter cannot reach the database ("
                        + metric
                        + " 0): check spec.external and the credentials Secret, and the exporter's"
                        + " log");
    }
}
