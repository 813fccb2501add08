package dev.vigil.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.TlsSpec;
import dev.vigil.testing.TestDatabases;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.VolumeMount;
import org.junit.jupiter.api.Test;

class ExporterSidecarTest {

    private final MonitoredDatabase database =
            SchemaDefaults.withDefaults(TestDatabases.mongo("catalog", "shop"));

    private Container sidecar() {
        return ExporterSidecar.build(
                database,
                (exporter, port) ->
                        ExporterContainers.base(exporter, "engine-exporter:1", port).build());
    }

    @Test
    void theEnginesContainerListensOnTheSpecsMetricsPort() {
        database.getSpec().getExporter().setPort(9999);

        assertThat(sidecar().getPorts())
                .singleElement()
                .satisfies(port -> assertThat(port.getContainerPort()).isEqualTo(9999));
    }

    @Test
    void withTlsTheSidecarMountsTheSecretForItsCa() {
        assertThat(sidecar().getVolumeMounts()).isEmpty();

        TlsSpec tls = new TlsSpec();
        tls.setEnabled(true);
        tls.setSecretName("catalog-cert");
        database.getSpec().setTls(tls);

        assertThat(sidecar().getVolumeMounts())
                .extracting(VolumeMount::getMountPath)
                .containsExactly(ServerTls.SECRET_DIR);
    }
}
