package dev.vigil.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.StandardLabels;
import dev.vigil.testing.TestDatabases;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.RelabelConfig;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import org.junit.jupiter.api.Test;

class MonitorBuilderTest {

    @Test
    void userLabelsCannotTakeOverVigilsOwn() {
        HasMetadata monitor =
                MonitorBuilder.build(
                                database(
                                        "  monitoring:\n"
                                                + "    labels:\n"
                                                + "      release: kube-prometheus-stack\n"
                                                + "      app.kubernetes.io/managed-by: someone\n"))
                        .orElseThrow();

        assertThat(monitor.getMetadata().getLabels())
                .containsEntry("release", "kube-prometheus-stack")
                .containsEntry(StandardLabels.MANAGED_BY, StandardLabels.MANAGED_BY_VIGIL);
    }

    @Test
    void theDatabaseLabelComesBeforeTheUsersRelabelings() {
        ServiceMonitor monitor =
                (ServiceMonitor)
                        MonitorBuilder.build(
                                        database(
                                                "  monitoring:\n"
                                                        + "    relabelings:\n"
                                                        + "      - targetLabel: team\n"
                                                        + "        replacement: payments\n"))
                                .orElseThrow();

        assertThat(monitor.getSpec().getEndpoints().get(0).getRelabelings())
                .extracting(RelabelConfig::getTargetLabel)
                .containsExactly(MetricSelectors.DATABASE_LABEL, "team");
    }

    @Test
    void aManagedPodMonitorSelectsTheDatabasePodsThatRunTheSidecar() {
        PodMonitor monitor =
                (PodMonitor)
                        MonitorBuilder.build(database("  monitoring: {kind: PodMonitor}\n"))
                                .orElseThrow();

        assertThat(monitor.getSpec().getSelector().getMatchLabels())
                .containsEntry(StandardLabels.COMPONENT, StandardLabels.COMPONENT_DATABASE);
        assertThat(monitor.getSpec().getPodMetricsEndpoints().get(0).getPort())
                .isEqualTo("metrics");
    }

    @Test
    void nothingWhenUnmanagedOrWithoutExporter() {
        assertThat(MonitorBuilder.build(database("  monitoring: {managed: false}\n"))).isEmpty();
        assertThat(MonitorBuilder.build(database("  exporter: {enabled: false}\n"))).isEmpty();
    }

    private static MonitoredDatabase database(String specTail) {
        return SchemaDefaults.withDefaults(
                TestDatabases.parse(
                        "apiVersion: vigil.dev/v1alpha1\n"
                                + "kind: MonitoredDatabase\n"
                                + "metadata: {name: orders, namespace: shop}\n"
                                + "spec:\n"
                                + "  engine: PostgreSQL\n"
                                + "  version: \"16.4\"\n"
                                + specTail));
    }
}
