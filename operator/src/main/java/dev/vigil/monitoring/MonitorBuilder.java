package dev.vigil.monitoring;

import dev.vigil.api.v1alpha1.DatabaseMode;
import dev.vigil.api.v1alpha1.MonitorKind;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoringSpec;
import dev.vigil.names.OwnedMetadata;
import dev.vigil.names.ResourceNames;
import dev.vigil.names.StandardLabels;
import dev.vigil.resources.ExporterContainers;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.openshift.api.model.monitoring.v1.EndpointBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.PodMetricsEndpointBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitorBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.RelabelConfig;
import io.fabric8.openshift.api.model.monitoring.v1.RelabelConfigBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitorBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the prometheus-operator object that scrapes a database's exporter: a {@code
 * ServiceMonitor} on the metrics Service (the default) or a {@code PodMonitor} on the exporter's
 * pods ({@code spec.monitoring.kind: PodMonitor}), named like the database. Pure: no API call.
 *
 * <p>Every monitor adds the target label {@link MetricSelectors#DATABASE_LABEL} with the database's
 * name before the user's relabelings, so Vigil's rules and dashboards select one database's series
 * however Prometheus names the job, and a user relabeling can still read it.
 */
public final class MonitorBuilder {

    /** The path both exporters serve their metrics on. */
    static final String METRICS_PATH = "/metrics";

    private MonitorBuilder() {}

    /**
     * The monitor of {@code defaulted} (a MonitoredDatabase with its schema defaults applied), or
     * empty when the user owns the monitors ({@code spec.monitoring.managed: false}) or no exporter
     * runs, since there would be nothing to scrape.
     */
    public static Optional<HasMetadata> build(MonitoredDatabase defaulted) {
        MonitoringSpec monitoring = defaulted.getSpec().getMonitoring();
        if (!ExporterContainers.enabled(defaulted)
                || monitoring == null
                || !Boolean.TRUE.equals(monitoring.getManaged())) {
            return Optional.empty();
        }
        return Optional.of(
                monitoring.getKind() == MonitorKind.PodMonitor
                        ? podMonitor(defaulted, monitoring)
                        : serviceMonitor(defaulted, monitoring));
    }

    private static HasMetadata serviceMonitor(
            MonitoredDatabase database, MonitoringSpec monitoring) {
        return new ServiceMonitorBuilder()
                .withMetadata(metadata(database, monitoring))
                .withNewSpec()
                // The metrics Service carries these labels in every mode (model.MetricsService).
                // Without a namespaceSelector the monitor looks in its own namespace only.
                .withSelector(
                        selector(
                                StandardLabels.selector(
                                        database, StandardLabels.COMPONENT_METRICS)))
                .withEndpoints(
                        new EndpointBuilder()
                                .withPort(ExporterContainers.METRICS_PORT_NAME)
                                .withPath(METRICS_PATH)
                                .withInterval(monitoring.getInterval())
                                .withScrapeTimeout(monitoring.getScrapeTimeout())
                                .withRelabelings(relabelings(database, monitoring))
                                .build())
                .endSpec()
                .build();
    }

    private static HasMetadata podMonitor(MonitoredDatabase database, MonitoringSpec monitoring) {
        return new PodMonitorBuilder()
                .withMetadata(metadata(database, monitoring))
                .withNewSpec()
                .withSelector(selector(exporterPods(database)))
                .withPodMetricsEndpoints(
                        new PodMetricsEndpointBuilder()
                                .withPort(ExporterContainers.METRICS_PORT_NAME)
                                .withPath(METRICS_PATH)
                                .withInterval(monitoring.getInterval())
                                .withScrapeTimeout(monitoring.getScrapeTimeout())
                                .withRelabelings(relabelings(database, monitoring))
                                .build())
                .endSpec()
                .build();
    }

    /**
     * The pods running the exporter: the database pods, whose sidecar it is, in Managed mode; the
     * exporter Deployment's pods, which carry the metrics component's labels, in External mode.
     */
    static Map<String, String> exporterPods(MonitoredDatabase database) {
        String component =
                DatabaseMode.runsMembers(database.getSpec().getMode())
                        ? StandardLabels.COMPONENT_DATABASE
                        : StandardLabels.COMPONENT_METRICS;
        return StandardLabels.selector(database, component);
    }

    /**
     * Vigil's labels plus {@code spec.monitoring.labels} (e.g. {@code release:
     * kube-prometheus-stack}, which the Prometheus selects monitors by). Vigil's own labels win a
     * clash, since ownership and selection rely on them.
     */
    private static ObjectMeta metadata(MonitoredDatabase database, MonitoringSpec monitoring) {
        ObjectMeta metadata =
                OwnedMetadata.of(
                        database,
                        ResourceNames.monitor(database),
                        StandardLabels.COMPONENT_METRICS);
        Map<String, String> labels = new LinkedHashMap<>(metadata.getLabels());
        if (monitoring.getLabels() != null) {
            monitoring.getLabels().forEach(labels::putIfAbsent);
        }
        metadata.setLabels(labels);
        return metadata;
    }

    private static LabelSelector selector(Map<String, String> labels) {
        return new LabelSelectorBuilder().withMatchLabels(labels).build();
    }

    /** Vigil's database label first, then the user's relabelings as written. */
    private static List<RelabelConfig> relabelings(
            MonitoredDatabase database, MonitoringSpec monitoring) {
        List<RelabelConfig> relabelings = new ArrayList<>();
        // No source labels: the default regex (.*) matches the empty joined value, so the
        // replacement is written on every target.
        relabelings.add(
                new RelabelConfigBuilder()
                        .withAction("replace")
                        .withTargetLabel(MetricSelectors.DATABASE_LABEL)
                        .withReplacement(database.getMetadata().getName())
                        .build());
        if (monitoring.getRelabelings() != null) {
            monitoring.getRelabelings().stream()
                    .map(relabeling -> new RelabelConfigBuilder(relabeling).build())
                    .forEach(relabelings::add);
        }
        return relabelings;
    }
}
