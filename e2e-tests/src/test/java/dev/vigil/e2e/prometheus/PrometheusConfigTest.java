package dev.vigil.e2e.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusConfigTest {

    @TempDir Path work;

    @Test
    void theConfigurationOfVigilsMonitorsIsOnePromtoolAccepts() throws IOException {
        LedgerDatabase serviceMonitored = LedgerDatabase.withServiceMonitor();
        ClusterState cluster =
                new ClusterState(
                        serviceMonitored.services(),
                        List.of(serviceMonitored.member(0, "127.10.0.5", true)),
                        List.of((ServiceMonitor) serviceMonitored.monitor()),
                        List.of((PodMonitor) LedgerDatabase.withPodMonitor().monitor()),
                        List.of());
        List<ScrapeJob> jobs =
                MonitorTargets.translate(cluster, PrometheusOptions.defaults()).jobs();
        Path targets = Files.createDirectories(work.resolve("targets"));
        for (ScrapeJob job : jobs) {
            Files.writeString(
                    targets.resolve(PrometheusConfig.targetFileName(job)),
                    PrometheusConfig.targetFile(job));
        }

        String config =
                PrometheusConfig.render(
                        jobs,
                        targets,
                        List.of(work.resolve("rules/*.yaml").toString()),
                        PrometheusOptions.defaults());

        assertThat(config)
                .contains("job_name: \"serviceMonitor/finance/ledger/0\"")
                .contains("job_name: \"podMonitor/finance/ledger/0\"")
                .contains("file_sd_configs:");
        assertThat(new Promtool(work.resolve("promtool")).checkConfig(config)).isEmpty();
    }

    @Test
    void promtoolNamesWhatItRefuses() {
        String config =
                """
                scrape_configs:
                - job_name: broken
                  relabel_configs:
                  - source_labels: [job]
                    regex: "("
                """;

        assertThat(new Promtool(work.resolve("promtool")).checkConfig(config))
                .hasValueSatisfying(
                        problem -> assertThat(problem).contains("error parsing regexp"));
    }
}
