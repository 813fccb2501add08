package dev.vigil.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.vigil.api.v1alpha1.PodTemplateOverrides;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodTemplatePassthroughTest {

    private static final Map<String, String> SELECTOR = Map.of("app.kubernetes.io/instance", "x");

    private static PodTemplateSpec vigilTemplate() {
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                .addToLabels("app.kubernetes.io/name", "mongodb")
                .addToAnnotations(ConfigHash.ANNOTATION, "abc")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("mongod")
                .endContainer()
                .endSpec()
                .build();
    }

    @Test
    void vigilsLabelsAndAnnotationsWinOverTheUsers() {
        PodTemplateOverrides overrides = new PodTemplateOverrides();
        overrides.setLabels(Map.of("app.kubernetes.io/name", "other", "team", "a"));
        overrides.setAnnotations(Map.of(ConfigHash.ANNOTATION, "forged", "note", "b"));

        PodTemplateSpec result = PodTemplatePassthrough.apply(vigilTemplate(), overrides, SELECTOR);

        assertThat(result.getMetadata().getLabels())
                .containsOnly(entry("app.kubernetes.io/name", "mongodb"), entry("team", "a"));
        assertThat(result.getMetadata().getAnnotations())
                .containsOnly(entry(ConfigHash.ANNOTATION, "abc"), entry("note", "b"));
        assertThat(result.getSpec().getContainers()).extracting("name").containsExactly("mongod");
    }

    @Test
    void withoutOverridesSpreadsSoftlyAcrossNodesAndZones() {
        PodTemplateSpec result = PodTemplatePassthrough.apply(vigilTemplate(), null, SELECTOR);

        assertThat(result.getSpec().getTopologySpreadConstraints())
                .extracting(TopologySpreadConstraint::getTopologyKey)
                .containsExactly("kubernetes.io/hostname", "topology.kubernetes.io/zone");
        assertThat(result.getSpec().getTopologySpreadConstraints())
                .allSatisfy(
                        constraint -> {
                            assertThat(constraint.getWhenUnsatisfiable())
                                    .isEqualTo("ScheduleAnyway");
                            assertThat(constraint.getLabelSelector().getMatchLabels())
                                    .isEqualTo(SELECTOR);
                        });
        assertThat(result.getSpec().getNodeSelector()).isNull();
        assertThat(result.getSpec().getPriorityClassName()).isNull();
    }

    @Test
    void theUsersSpreadConstraintsReplaceTheDefault() {
        TopologySpreadConstraint zonesOnly =
                new TopologySpreadConstraintBuilder()
                        .withMaxSkew(1)
                        .withTopologyKey("topology.kubernetes.io/zone")
                        .withWhenUnsatisfiable("DoNotSchedule")
                        .build();
        PodTemplateOverrides overrides = new PodTemplateOverrides();
        overrides.setTopologySpreadConstraints(List.of(zonesOnly));
        overrides.setNodeSelector(Map.of("pool", "db"));
        overrides.setPriorityClassName("critical");

        PodTemplateSpec result = PodTemplatePassthrough.apply(vigilTemplate(), overrides, SELECTOR);

        assertThat(result.getSpec().getTopologySpreadConstraints()).containsExactly(zonesOnly);
        assertThat(result.getSpec().getNodeSelector()).containsOnly(entry("pool", "db"));
        assertThat(result.getSpec().getPriorityClassName()).isEqualTo("critical");
    }

    @Test
    void leavesTheGivenTemplateUnchanged() {
        PodTemplateSpec template = vigilTemplate();
        PodTemplateOverrides overrides = new PodTemplateOverrides();
        overrides.setLabels(Map.of("team", "a"));

        PodTemplatePassthrough.apply(template, overrides, SELECTOR);

        assertThat(template).isEqualTo(vigilTemplate());
    }
}
