package dev.vigil.e2e.prometheus;

import dev.vigil.testing.network.LabelSelectors;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PodMetricsEndpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates ServiceMonitors and PodMonitors into the scrape jobs prometheus-operator would
 * configure, one per monitor endpoint, each with the targets Kubernetes service discovery would
 * find for it. Pure: reads a {@link ClusterState}, performs no I/O.
 *
 * <p>Selection, port filtering and the default target labels are left to Prometheus's own
 * relabeling, configured as prometheus-operator configures it (see {@link OperatorRelabelings}), so
 * what is kept and how targets are labelled is decided by the real Prometheus.
 */
final class MonitorTargets {

    /** The jobs to configure and the monitors left out. */
    record Translation(List<ScrapeJob> jobs, List<Rejection> rejections) {

        Translation {
            jobs = List.copyOf(jobs);
            rejections = List.copyOf(rejections);
        }
    }

    private MonitorTargets() {}

    /** The scrape jobs of every monitor {@code options} selects, ordered by monitor. */
    static Translation translate(ClusterState cluster, PrometheusOptions options) {
        List<ScrapeJob> jobs = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        for (ServiceMonitor monitor : sorted(cluster.serviceMonitors(), options)) {
            try {
                jobs.addAll(serviceMonitorJobs(monitor, cluster, options));
            } catch (IllegalArgumentException e) {
                rejections.add(ObjectRef.of(monitor).rejected(e.getMessage()));
            }
        }
        for (PodMonitor monitor : sorted(cluster.podMonitors(), options)) {
            try {
                jobs.addAll(podMonitorJobs(monitor, cluster, options));
            } catch (IllegalArgumentException e) {
                rejections.add(ObjectRef.of(monitor).rejected(e.getMessage()));
            }
        }
        return new Translation(jobs, rejections);
    }

    private static List<ScrapeJob> serviceMonitorJobs(
            ServiceMonitor monitor, ClusterState cluster, PrometheusOptions options) {
        if (monitor.getSpec() == null || monitor.getSpec().getEndpoints() == null) {
            return List.of();
        }
        String namespace = monitor.getMetadata().getNamespace();
        List<DiscoveredTarget> targets =
                KubernetesDiscovery.endpoints(
                        cluster.services(),
                        cluster.pods(),
                        NamespaceScope.of(monitor.getSpec().getNamespaceSelector(), namespace));
        List<ScrapeJob> jobs = new ArrayList<>();
        List<Endpoint> endpoints = monitor.getSpec().getEndpoints();
        for (int i = 0; i < endpoints.size(); i++) {
            Endpoint endpoint = endpoints.get(i);
            Map<String, Object> settings =
                    common(
                            endpoint.getHonorLabels(),
                            endpoint.getHonorTimestamps(),
                            endpoint.getInterval(),
                            endpoint.getScrapeTimeout(),
                            endpoint.getPath(),
                            endpoint.getParams(),
                            endpoint.getScheme(),
                            options);
            settings.put("relabel_configs", OperatorRelabelings.serviceMonitor(monitor, endpoint));
            limits(settings, monitor.getSpec().getSampleLimit());
            settings.put(
                    "metric_relabel_configs",
                    OperatorRelabelings.translate(endpoint.getMetricRelabelings()));
            jobs.add(
                    new ScrapeJob(
                            "serviceMonitor/"
                                    + namespace
                                    + "/"
                                    + monitor.getMetadata().getName()
                                    + "/"
                                    + i,
                            ObjectRef.of(monitor),
                            settings,
                            targets));
        }
        return jobs;
    }

    private static List<ScrapeJob> podMonitorJobs(
            PodMonitor monitor, ClusterState cluster, PrometheusOptions options) {
        if (monitor.getSpec() == null || monitor.getSpec().getPodMetricsEndpoints() == null) {
            return List.of();
        }
        String namespace = monitor.getMetadata().getNamespace();
        List<DiscoveredTarget> targets =
                KubernetesDiscovery.pods(
                        cluster.pods(),
                        NamespaceScope.of(monitor.getSpec().getNamespaceSelector(), namespace));
        List<ScrapeJob> jobs = new ArrayList<>();
        List<PodMetricsEndpoint> endpoints = monitor.getSpec().getPodMetricsEndpoints();
        for (int i = 0; i < endpoints.size(); i++) {
            PodMetricsEndpoint endpoint = endpoints.get(i);
            Map<String, Object> settings =
                    common(
                            endpoint.getHonorLabels(),
                            endpoint.getHonorTimestamps(),
                            endpoint.getInterval(),
                            endpoint.getScrapeTimeout(),
                            endpoint.getPath(),
                            endpoint.getParams(),
                            endpoint.getScheme(),
                            options);
            settings.put("relabel_configs", OperatorRelabelings.podMonitor(monitor, endpoint));
            limits(settings, monitor.getSpec().getSampleLimit());
            settings.put(
                    "metric_relabel_configs",
                    OperatorRelabelings.translate(endpoint.getMetricRelabelings()));
            jobs.add(
                    new ScrapeJob(
                            "podMonitor/"
                                    + namespace
                                    + "/"
                                    + monitor.getMetadata().getName()
                                    + "/"
                                    + i,
                            ObjectRef.of(monitor),
                            settings,
                            targets));
        }
        return jobs;
    }

    /** The settings every endpoint kind shares, in prometheus-operator's order. */
    private static Map<String, Object> common(
            Boolean honorLabels,
            Boolean honorTimestamps,
            String interval,
            String scrapeTimeout,
            String path,
            Map<String, List<String>> params,
            String scheme,
            PrometheusOptions options) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("honor_labels", Boolean.TRUE.equals(honorLabels));
        if (honorTimestamps != null) {
            settings.put("honor_timestamps", honorTimestamps);
        }
        ScrapeTiming timing = ScrapeTiming.of(interval, scrapeTimeout, options);
        if (timing.interval() != null) {
            settings.put("scrape_interval", timing.interval());
        }
        if (timing.timeout() != null) {
            settings.put("scrape_timeout", timing.timeout());
        }
        if (path != null && !path.isEmpty()) {
            settings.put("metrics_path", path);
        }
        if (params != null && !params.isEmpty()) {
            settings.put("params", params);
        }
        if (scheme != null && !scheme.isEmpty()) {
            settings.put("scheme", scheme);
        }
        return settings;
    }

    private static void limits(Map<String, Object> settings, Long sampleLimit) {
        if (sampleLimit != null && sampleLimit > 0) {
            settings.put("sample_limit", sampleLimit);
        }
    }

    /**
     * An endpoint's interval and timeout as configured: as written, or shortened to {@link
     * PrometheusOptions#maxScrapeInterval()} (and the timeout to the interval) when compressing
     * time. Null when the endpoint sets none.
     */
    private record ScrapeTiming(String interval, String timeout) {

        static ScrapeTiming of(String interval, String timeout, PrometheusOptions options) {
            Duration max = options.maxScrapeInterval();
            if (max == null) {
                return new ScrapeTiming(emptyToNull(interval), emptyToNull(timeout));
            }
            Duration effective = options.scrapeInterval();
            String configuredInterval = null;
            if (emptyToNull(interval) != null) {
                effective = min(PrometheusDuration.parse(interval), max);
                configuredInterval = PrometheusDuration.format(effective);
            }
            String configuredTimeout = null;
            if (emptyToNull(timeout) != null) {
                configuredTimeout =
                        PrometheusDuration.format(
                                min(PrometheusDuration.parse(timeout), effective));
            }
            return new ScrapeTiming(configuredInterval, configuredTimeout);
        }

        private static Duration min(Duration a, Duration b) {
            return a.compareTo(b) <= 0 ? a : b;
        }

        private static String emptyToNull(String text) {
            return text == null || text.isEmpty() ? null : text;
        }
    }

    private static <T extends HasMetadata> List<T> sorted(
            List<T> monitors, PrometheusOptions options) {
        return monitors.stream()
                .filter(
                        monitor ->
                                LabelSelectors.matches(
                                        options.selector(),
                                        monitor.getMetadata().getLabels() == null
                                                ? Map.of()
                                                : monitor.getMetadata().getLabels()))
                .sorted(
                        Comparator.comparing((T monitor) -> monitor.getMetadata().getNamespace())
                                .thenComparing(monitor -> monitor.getMetadata().getName()))
                .toList();
    }
}
