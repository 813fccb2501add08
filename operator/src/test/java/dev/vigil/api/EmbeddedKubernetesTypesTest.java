package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedKubernetesTypesTest {

    @Test
    void findsTheKubernetesTypesOfMonitoredDatabaseByTheirJavaFieldTypes() {
        Map<String, TypeLink> types = EmbeddedKubernetesTypes.of(MonitoredDatabase.class);

        assertThat(types)
                .containsOnlyKeys(
                        "spec.resources",
                        "spec.exporter.resources",
                        "spec.podTemplate.affinity",
                        "spec.podTemplate.tolerations",
                        "spec.podTemplate.topologySpreadConstraints",
                        "spec.monitoring.relabelings",
                        "spec.network.allowedClients[].namespaceSelector",
                        "spec.network.allowedClients[].podSelector",
                        "spec.network.prometheus.namespaceSelector",
                        "spec.network.prometheus.podSelector",
                        "status.conditions");
        assertThat(types.get("spec.podTemplate.tolerations").name()).isEqualTo("Toleration");
        assertThat(types.get("spec.podTemplate.affinity").url())
                .startsWith("https://kubernetes.io/docs/reference/kubernetes-api/");
    }

    @Test
    void findsTheLabelSelectorRequirementsOfAlertPolicy() {
        assertThat(EmbeddedKubernetesTypes.of(AlertPolicy.class))
                .containsOnlyKeys("spec.selector.matchExpressions", "status.conditions");
    }
}
