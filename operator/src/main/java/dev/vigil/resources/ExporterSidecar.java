package dev.vigil.resources;

import dev.vigil.api.v1alpha1.ExporterSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;

/**
 * The exporter sidecar of a Managed member, for either engine: the engine's exporter container,
 * listening on the {@link DatabasePorts#exporterPort metrics port}, with the TLS Secret mounted
 * when the server serves TLS, so the exporter can trust its CA. The engine says how its exporter
 * reaches its own member.
 */
public final class ExporterSidecar {

    /** Builds an engine's exporter container. */
    @FunctionalInterface
    public interface EngineExporter {

        /**
         * The container for {@code exporter} ({@code spec.exporter}, defaulted), listening on
         * {@code port}.
         */
        Container build(ExporterSpec exporter, int port);
    }

    private ExporterSidecar() {}

    /** The sidecar of {@code database} (already defaulted, exporter enabled). */
    public static Container build(MonitoredDatabase database, EngineExporter engineExporter) {
        Container container =
                engineExporter.build(
                        database.getSpec().getExporter(), DatabasePorts.exporterPort(database));
        List<VolumeMount> tls = ServerTls.secretMounts(database);
        return tls.isEmpty()
                ? container
                : new ContainerBuilder(container).addAllToVolumeMounts(tls).build();
    }
}
