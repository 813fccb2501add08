package dev.vigil.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.ExporterSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.testing.TestDatabases;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExporterContainersTest {

    @Test
    void enabledFollowsTheDefaultedSpec() {
        MonitoredDatabase db = SchemaDefaults.withDefaults(TestDatabases.mongo("catalog", "shop"));
        assertThat(ExporterContainers.enabled(db)).isTrue();

        db.getSpec().getExporter().setEnabled(false);
        assertThat(ExporterContainers.enabled(db)).isFalse();
    }

    @Test
    void theUsersArgumentsComeAfterVigils() {
        ExporterSpec exporter = new ExporterSpec();
        exporter.setArgs(List.of("--user"));

        assertThat(ExporterContainers.args(exporter, List.of("--vigil")))
                .containsExactly("--vigil", "--user");
        assertThat(ExporterContainers.args(new ExporterSpec(), List.of("--vigil")))
                .containsExactly("--vigil");
    }

    @Test
    void theImageAndResourcesOfTheSpecWinOverTheDefaults() {
        ExporterSpec exporter = new ExporterSpec();
        assertThat(ExporterContainers.image(exporter, "default:1")).isEqualTo("default:1");
        assertThat(ExporterContainers.resources(exporter).getLimits())
                .containsEntry("memory", new Quantity("256Mi"));

        exporter.setImage("mine:2");
        exporter.setResources(
                new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("1")).build());
        assertThat(ExporterContainers.image(exporter, "default:1")).isEqualTo("mine:2");
        assertThat(ExporterContainers.resources(exporter).getLimits()).isNullOrEmpty();
    }
}
