package dev.vigil.resources;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.OwnedMetadata;
import dev.vigil.names.ResourceNames;
import dev.vigil.names.StandardLabels;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.Map;

/**
 * Builds the Service {@code <name>-metrics} that Prometheus scrapes, the same for every engine and
 * mode: the exporter's pods on the port named {@link ExporterContainers#METRICS_PORT_NAME}. Only
 * which pods run the exporter differs: the database pods for a sidecar, the exporter Deployment's
 * in External mode.
 */
public final class MetricsService {

    private MetricsService() {}

    /**
     * The metrics Service of {@code database} (already defaulted, exporter enabled).
     *
     * @param exporterPods the labels selecting the pods that run the exporter
     */
    public static Service build(MonitoredDatabase database, Map<String, String> exporterPods) {
        return new ServiceBuilder()
                .withMetadata(
                        OwnedMetadata.of(
                                database,
                                ResourceNames.metricsService(database),
                                StandardLabels.COMPONENT_METRICS))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(exporterPods)
                .withPorts(
                        ServicePorts.tcp(
                                ExporterContainers.METRICS_PORT_NAME,
                                DatabasePorts.exporterPort(database)))
                .endSpec()
                .build();
    }
}
