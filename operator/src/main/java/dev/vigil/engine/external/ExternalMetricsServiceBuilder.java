package dev.vigil.engine.external;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.model.DatabasePorts;
import dev.vigil.model.ExporterContainers;
import dev.vigil.model.OwnedMetadata;
import dev.vigil.model.ResourceNames;
import dev.vigil.model.StandardLabels;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/**
 * Builds the Service {@code <name>-metrics} of an External database: the exporter Deployment's
 * pods, on the port named {@code metrics} that Prometheus scrapes, as in Managed mode.
 */
public final class ExternalMetricsServiceBuilder {

    private ExternalMetricsServiceBuilder() {}

    /** The metrics Service of {@code database} (already defaulted, mode External). */
    public static Service build(MonitoredDatabase database) {
        return new ServiceBuilder()
                .withMetadata(
                        OwnedMetadata.of(
                                database,
                                ResourceNames.metricsService(database),
                                StandardLabels.COMPONENT_METRICS))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(ExternalExporterDeploymentBuilder.selector(database))
                .addNewPort()
                .withName(ExporterContainers.METRICS_PORT_NAME)
                .withProtocol("TCP")
                .withPort(DatabasePorts.exporterPort(database))
                .withTargetPort(new IntOrString(ExporterContainers.METRICS_PORT_NAME))
                .endPort()
                .endSpec()
                .build();
    }
}
