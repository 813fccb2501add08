package dev.vigil.monitoring;

import dev.vigil.api.v1alpha1.DashboardsSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoringSpec;
import dev.vigil.names.OwnedMetadata;
import dev.vigil.names.ResourceNames;
import dev.vigil.names.StandardLabels;
import dev.vigil.resources.ExporterContainers;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the ConfigMap {@code <name>-dashboard} holding the engine's Grafana dashboard for one
 * database, under the key {@code <name>.json}. Pure: no API call.
 *
 * <p>Grafana's dashboard sidecar (kube-prometheus-stack runs one) loads every ConfigMap carrying
 * its label, {@code grafana_dashboard: "1"} by default; {@code spec.monitoring.dashboards.labels}
 * replaces that label for a sidecar configured otherwise. The dashboard itself is {@link
 * GrafanaDashboards#forDatabase}.
 */
public final class DashboardConfigMapBuilder {

    /** The label Grafana's dashboard sidecar looks for unless configured otherwise. */
    public static final String SIDECAR_LABEL = "grafana_dashboard";

    private DashboardConfigMapBuilder() {}

    /**
     * The dashboard ConfigMap of {@code defaulted} (a MonitoredDatabase with its schema defaults
     * applied), or empty when dashboards are disabled or no exporter runs, since every panel but
     * the volume and restart ones reads the exporter's series.
     */
    public static Optional<ConfigMap> build(MonitoredDatabase defaulted, EngineMonitoring engine) {
        Optional<DashboardsSpec> dashboards =
                Optional.ofNullable(defaulted.getSpec().getMonitoring())
                        .map(MonitoringSpec::getDashboards)
                        .filter(spec -> Boolean.TRUE.equals(spec.getEnabled()));
        if (dashboards.isEmpty() || !ExporterContainers.enabled(defaulted)) {
            return Optional.empty();
        }
        return Optional.of(
                new ConfigMapBuilder()
                        .withMetadata(metadata(defaulted, dashboards.get()))
                        .withData(
                                Map.of(
                                        dataKey(defaulted),
                                        GrafanaDashboards.forDatabase(defaulted, engine)))
                        .build());
    }

    /** The ConfigMap key: the sidecar writes each key as a file of that name. */
    public static String dataKey(MonitoredDatabase database) {
        return database.getMetadata().getName() + ".json";
    }

    private static ObjectMeta metadata(MonitoredDatabase database, DashboardsSpec dashboards) {
        ObjectMeta metadata =
                OwnedMetadata.of(
                        database,
                        ResourceNames.dashboardConfigMap(database),
                        StandardLabels.COMPONENT_METRICS);
        Map<String, String> labels = new LinkedHashMap<>(metadata.getLabels());
        Map<String, String> sidecar =
                dashboards.getLabels() != null && !dashboards.getLabels().isEmpty()
                        ? dashboards.getLabels()
                        : Map.of(SIDECAR_LABEL, "1");
        // Vigil's own labels win a clash: ownership and cleanup rely on them.
        sidecar.forEach(labels::putIfAbsent);
        metadata.setLabels(labels);
        return metadata;
    }
}
