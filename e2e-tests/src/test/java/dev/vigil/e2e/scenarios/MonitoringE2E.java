package dev.vigil.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.e2e.prometheus.PrometheusApi;
import dev.vigil.e2e.prometheus.PrometheusApi.Sample;
import dev.vigil.e2e.prometheus.PrometheusServer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real postgres_exporter next to a real PostgreSQL reports the database up, and a real
 * Prometheus, configured from the ServiceMonitor Vigil made, scrapes it and loads its alerts.
 */
@ExtendWith(E2EExtension.class)
class MonitoringE2E {

    @Test
    void prometheusScrapesTheExporterThroughVigilsServiceMonitor(Scenario scenario) {
        PrometheusServer prometheus = scenario.local().prometheus();
        scenario.apply(Manifests.postgres("metrics", 1));
        scenario.waitReady("metrics");
        assertThat(
                        scenario.kubectl("get", "servicemonitors,prometheusrules", "-o", "name")
                                .orThrow()
                                .stdout())
                .contains("servicemonitor.monitoring.coreos.com/metrics")
                .contains("prometheusrule.monitoring.coreos.com/metrics-alerts");

        PrometheusApi api = prometheus.api();
        String selector = "{namespace=\"" + scenario.namespace() + "\",vigil_database=\"metrics\"}";
        Awaitility.await()
                .atMost(90, TimeUnit.SECONDS)
                .pollInterval(1, TimeUnit.SECONDS)
                .untilAsserted(
                        () -> {
                            assertThat(values(api.query("up" + selector))).containsExactly(1.0);
                            assertThat(values(api.query("pg_up" + selector))).containsExactly(1.0);
                        });
        assertThat(api.ruleGroups())
                .as("the database's PrometheusRule is loaded")
                .anySatisfy(group -> assertThat(group.file()).contains("metrics-alerts"));
    }

    private static List<Double> values(List<Sample> samples) {
        return samples.stream().map(Sample::value).toList();
    }
}
