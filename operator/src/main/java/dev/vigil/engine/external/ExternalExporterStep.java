package dev.vigil.engine.external;

import dev.vigil.engine.DatabaseException;
import dev.vigil.engine.EngineOutcome;
import dev.vigil.engine.EngineStep;
import dev.vigil.engine.LiveDeployment;
import dev.vigil.engine.PassContext;
import dev.vigil.engine.exporter.ExporterProbe;
import dev.vigil.names.ResourceNames;
import dev.vigil.status.DatabaseHealth;
import dev.vigil.status.Reason;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Tells whether the exporter of an External database reaches it, from the exporter's own {@code
 * pg_up} or {@code mongodb_up}: Vigil has no credentials of its own for a database it does not run,
 * and the exporter's view is the one monitoring depends on.
 */
public final class ExternalExporterStep implements EngineStep {

    private final ExporterProbe probe;

    public ExternalExporterStep(ExporterProbe probe) {
        this.probe = probe;
    }

    /**
     * Reads the exporter's up metric once its Deployment has a ready pod of the latest template.
     */
    @Override
    public EngineOutcome run(PassContext pass) {
        Optional<Deployment> exporter =
                pass.owned()
                        .find(Deployment.class, ResourceNames.exporterDeployment(pass.defaulted()));
        boolean ready =
                exporter.map(
                                d ->
                                        LiveDeployment.rolledOut(d)
                                                && LiveDeployment.readyReplicas(d) >= 1)
                        .orElse(false);
        return EngineOutcome.health(
                ready
                        ? read(
                                pass.metricsAddress(),
                                pass.defaulted().getSpec().getEngine().upMetric())
                        : DatabaseHealth.notChecked());
    }

    /**
     * @param metricsAddress {@code host:port} of the exporter Service
     * @param metric the engine's up metric
     */
    private DatabaseHealth read(String metricsAddress, String metric) {
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
