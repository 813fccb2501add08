package dev.vigil.monitoring;

import java.util.List;

/**
 * What a database's engine brings to its monitoring: the alerts on its exporter's series and the
 * Grafana dashboard of its panels. The Kubernetes and Vigil alerts every database gets are added
 * here ({@link DefaultAlerts}), not by the engine.
 *
 * @param alerts the engine's own default alerts
 * @param dashboardTemplate the class-path resource of its dashboard template
 * @param indicators its exporter's measures of availability and latency, for the SLOs
 */
public record EngineMonitoring(
        List<DefaultAlert> alerts, String dashboardTemplate, ServiceIndicators indicators) {

    public EngineMonitoring {
        alerts = List.copyOf(alerts);
    }
}
