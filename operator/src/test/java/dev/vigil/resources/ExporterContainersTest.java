package dev.vigil.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.ExporterSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExporterContainersTest {

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
