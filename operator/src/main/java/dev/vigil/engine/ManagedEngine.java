package dev.vigil.engine;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.monitoring.DefaultAlert;
import dev.vigil.monitoring.EngineMonitoring;
import dev.vigil.monitoring.ServiceIndicators;
import dev.vigil.resources.BuildContext;
import dev.vigil.resources.DesiredResources;
import java.util.List;
import java.util.function.BiFunction;

/**
 * What the engines whose members Vigil runs have in common: they run members, and they are made of
 * a builder of their objects and their alerts and dashboard.
 */
public abstract class ManagedEngine implements DatabaseEngine {

    private final BiFunction<MonitoredDatabase, BuildContext, DesiredResources> builder;
    private final EngineMonitoring monitoring;

    /**
     * @param builder builds every object of a defaulted database
     * @param alerts the engine's default alerts
     * @param dashboardTemplate the class-path resource of its dashboard template
     * @param indicators its exporter's measures of availability and latency, for the SLOs
     */
    protected ManagedEngine(
            BiFunction<MonitoredDatabase, BuildContext, DesiredResources> builder,
            List<DefaultAlert> alerts,
            String dashboardTemplate,
            ServiceIndicators indicators) {
        this.builder = builder;
        this.monitoring = new EngineMonitoring(alerts, dashboardTemplate, indicators);
    }

    @Override
    public final boolean runsMembers() {
        return true;
    }

    @Override
    public final DesiredResources desired(MonitoredDatabase defaulted, BuildContext context) {
        return builder.apply(defaulted, context);
    }

    @Override
    public final EngineMonitoring monitoring() {
        return monitoring;
    }
}
