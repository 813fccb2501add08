package dev.vigil.e2e.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitorBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitorTargetsTest {

    @Test
    void vigilsServiceMonitorBecomesOneJobWithPrometheusOperatorsRelabelingsThenVigils() {
        LedgerDatabase ledger = LedgerDatabase.withServiceMonitor();

        MonitorTargets.Translation translation =
                MonitorTargets.translate(
                        cluster(ledger, ledger.monitor()), PrometheusOptions.defaults());

        assertThat(translation.rejections()).isEmpty();
        ScrapeJob job = onlyJob(translation);
        assertThat(job.name()).isEqualTo("serviceMonitor/finance/ledger/0");
        assertThat(job.settings()).containsEntry("metrics_path", "/metrics");
        List<Map<String, Object>> relabelings = relabelings(job);
        assertThat(relabelings.get(0))
                .isEqualTo(
                        Map.of(
                                "source_labels",
                                List.of("job"),
                                "target_label",
                                "__tmp_prometheus_job_name"));
        assertThat(relabelings)
                .contains(
                        Map.of(
                                "action", "keep",
                                "source_labels",
                                        List.of(
                                                "__meta_kubernetes_service_label_app_kubernetes_io_instance",
                                                "__meta_kubernetes_service_labelpresent_app_kubernetes_io_instance"),
                                "regex", "(ledger);true"),
                        Map.of(
                                "action", "keep",
                                "source_labels", List.of("__meta_kubernetes_endpoint_port_name"),
                                "regex", "metrics"));
        // The default target labels come before the monitor's own relabelings, which can read
        // and override them; Vigil's database label is the first of those.
        assertThat(targetLabels(relabelings))
                .containsSubsequence(
                        "node",
                        "pod",
                        "namespace",
                        "service",
                        "pod",
                        "container",
                        "job",
                        "endpoint",
                        "vigil_database");
        assertThat(relabelings.get(relabelings.size() - 1))
                .containsEntry("target_label", "vigil_database")
                .containsEntry("replacement", "ledger");
        assertThat(job.targets()).extracting(DiscoveredTarget::address).contains("127.10.0.5:9187");
    }

    @Test
    void longerMonitorIntervalsAreShortenedUnlessHonoured() {
        LedgerDatabase ledger = LedgerDatabase.withServiceMonitor();
        ClusterState cluster = cluster(ledger, ledger.monitor());

        ScrapeJob compressed =
                onlyJob(MonitorTargets.translate(cluster, PrometheusOptions.defaults()));
        ScrapeJob honoured =
                onlyJob(
                        MonitorTargets.translate(
                                cluster, PrometheusOptions.defaults().honouringMonitorIntervals()));

        assertThat(compressed.settings())
                .containsEntry("scrape_interval", "2s")
                .containsEntry("scrape_timeout", "2s");
        assertThat(honoured.settings())
                .containsEntry("scrape_interval", "30s")
                .containsEntry("scrape_timeout", "10s");
    }

    @Test
    void vigilsPodMonitorBecomesAPodMonitorJobNamedAfterIt() {
        LedgerDatabase ledger = LedgerDatabase.withPodMonitor();
        HasMetadata monitor = ledger.monitor();
        assertThat(monitor).isInstanceOf(PodMonitor.class);

        ScrapeJob job =
                onlyJob(
                        MonitorTargets.translate(
                                cluster(ledger, monitor), PrometheusOptions.defaults()));

        assertThat(job.name()).isEqualTo("podMonitor/finance/ledger/0");
        assertThat(relabelings(job))
                .contains(
                        Map.of(
                                "action", "keep",
                                "source_labels",
                                        List.of("__meta_kubernetes_pod_container_port_name"),
                                "regex", "metrics"),
                        Map.of("target_label", "job", "replacement", "finance/ledger"));
        assertThat(job.targets())
                .extracting(DiscoveredTarget::address)
                .contains("127.10.0.5:9187", "127.10.0.5:5432");
    }

    @Test
    void onlyMonitorsCarryingTheSelectorsLabelsArePickedUp() {
        LedgerDatabase ledger = LedgerDatabase.withServiceMonitor();
        ClusterState cluster = cluster(ledger, ledger.monitor());

        assertThat(
                        MonitorTargets.translate(
                                        cluster,
                                        PrometheusOptions.defaults()
                                                .withSelector(
                                                        Map.of("release", "kube-prometheus-stack")))
                                .jobs())
                .hasSize(1);
        assertThat(
                        MonitorTargets.translate(
                                        cluster,
                                        PrometheusOptions.defaults()
                                                .withSelector(Map.of("release", "other")))
                                .jobs())
                .isEmpty();
    }

    @Test
    void aMonitorWithAnUnreadableIntervalIsRejectedNamingIt() {
        LedgerDatabase ledger = LedgerDatabase.withServiceMonitor();
        ServiceMonitor broken =
                new ServiceMonitorBuilder((ServiceMonitor) ledger.monitor())
                        .withMetadata(
                                new ObjectMetaBuilder()
                                        .withName("broken")
                                        .withNamespace("finance")
                                        .build())
                        .editSpec()
                        .editFirstEndpoint()
                        .withInterval("half a minute")
                        .endEndpoint()
                        .endSpec()
                        .build();

        MonitorTargets.Translation translation =
                MonitorTargets.translate(
                        cluster(ledger, ledger.monitor(), broken), PrometheusOptions.defaults());

        assertThat(translation.jobs())
                .extracting(ScrapeJob::name)
                .containsExactly("serviceMonitor/finance/ledger/0");
        assertThat(translation.rejections())
                .singleElement()
                .satisfies(
                        rejection -> {
                            assertThat(rejection.kind()).isEqualTo("ServiceMonitor");
                            assertThat(rejection.name()).isEqualTo("broken");
                            assertThat(rejection.reason()).contains("half a minute");
                        });
    }

    private static ClusterState cluster(LedgerDatabase ledger, HasMetadata... monitors) {
        List<HasMetadata> all = List.of(monitors);
        return new ClusterState(
                ledger.services(),
                List.of(ledger.member(0, "127.10.0.5", true)),
                all.stream()
                        .filter(ServiceMonitor.class::isInstance)
                        .map(ServiceMonitor.class::cast)
                        .toList(),
                all.stream()
                        .filter(PodMonitor.class::isInstance)
                        .map(PodMonitor.class::cast)
                        .toList(),
                List.of());
    }

    private static ScrapeJob onlyJob(MonitorTargets.Translation translation) {
        assertThat(translation.jobs()).hasSize(1);
        return translation.jobs().get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> relabelings(ScrapeJob job) {
        return (List<Map<String, Object>>) job.settings().get("relabel_configs");
    }

    private static List<Object> targetLabels(List<Map<String, Object>> relabelings) {
        return relabelings.stream()
                .filter(relabeling -> relabeling.containsKey("target_label"))
                .map(relabeling -> relabeling.get("target_label"))
                .toList();
    }
}
