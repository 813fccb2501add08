package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.openshift.api.model.monitoring.v1.RelabelConfig;
import java.util.List;
import java.util.Map;

/** How Prometheus scrapes the exporter and which alert rules Vigil installs. */
@ValidationRule(
        value =
                "!has(self.scrapeTimeout) || !has(self.interval)"
                        + " || duration(self.scrapeTimeout) <= duration(self.interval)",
        fieldPath = ".scrapeTimeout",
        messageExpression =
                "'"
                        + ValidationMessages.SCRAPE_TIMEOUT_TOO_LONG
                        + " (' + self.interval + ')"
                        + ValidationMessages.SCRAPE_TIMEOUT_TOO_LONG_WHY
                        + "'",
        message =
                ValidationMessages.SCRAPE_TIMEOUT_TOO_LONG
                        + ValidationMessages.SCRAPE_TIMEOUT_TOO_LONG_WHY)
@JsonClassDescription("How Prometheus scrapes the exporter and which alert rules Vigil installs.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MonitoringSpec {

    @Default("true")
    @JsonPropertyDescription(
            "Let Vigil create and own the monitor and the rules. False leaves monitors that the"
                    + " user owns alone.")
    private Boolean managed;

    @Default("ServiceMonitor")
    @JsonPropertyDescription("ServiceMonitor (default) or PodMonitor.")
    private MonitorKind kind;

    @JsonPropertyDescription(
            "Labels on the monitor and the rules, e.g. release: kube-prometheus-stack, which"
                    + " decides whether Prometheus picks them up.")
    private Map<String, String> labels;

    @Default("30s")
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    @JsonPropertyDescription("Scrape interval.")
    private String interval;

    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    @JsonPropertyDescription("Scrape timeout; Prometheus' default when unset.")
    private String scrapeTimeout;

    @JsonPropertyDescription("Relabelings passed through to the monitor's endpoint.")
    private List<RelabelConfig> relabelings;

    @Default("true")
    @JsonPropertyDescription("Install the engine's default alert rules.")
    private Boolean defaultAlerts;

    @JsonPropertyDescription("Grafana dashboards.")
    private DashboardsSpec dashboards;

    @JsonPropertyDescription(
            "Service level objectives, from which Vigil generates recording rules and burn-rate"
                    + " alerts; none when unset.")
    private SloSpec slo;

    public Boolean getManaged() {
        return managed;
    }

    public void setManaged(Boolean managed) {
        this.managed = managed;
    }

    public MonitorKind getKind() {
        return kind;
    }

    public void setKind(MonitorKind kind) {
        this.kind = kind;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public String getInterval() {
        return interval;
    }

    public void setInterval(String interval) {
        this.interval = interval;
    }

    public String getScrapeTimeout() {
        return scrapeTimeout;
    }

    public void setScrapeTimeout(String scrapeTimeout) {
        this.scrapeTimeout = scrapeTimeout;
    }

    public List<RelabelConfig> getRelabelings() {
        return relabelings;
    }

    public void setRelabelings(List<RelabelConfig> relabelings) {
        this.relabelings = relabelings;
    }

    public Boolean getDefaultAlerts() {
        return defaultAlerts;
    }

    public void setDefaultAlerts(Boolean defaultAlerts) {
        this.defaultAlerts = defaultAlerts;
    }

    public DashboardsSpec getDashboards() {
        return dashboards;
    }

    public void setDashboards(DashboardsSpec dashboards) {
        this.dashboards = dashboards;
    }

    public SloSpec getSlo() {
        return slo;
    }

    public void setSlo(SloSpec slo) {
        this.slo = slo;
    }
}
