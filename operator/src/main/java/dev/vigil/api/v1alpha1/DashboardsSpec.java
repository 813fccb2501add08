package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import java.util.Map;

/** Grafana dashboards shipped as ConfigMaps. */
@JsonClassDescription("Grafana dashboards shipped as ConfigMaps.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DashboardsSpec {

    @Default("true")
    @JsonPropertyDescription("Create the engine's dashboard ConfigMap.")
    private Boolean enabled;

    @JsonPropertyDescription(
            "Labels of the dashboard ConfigMap; grafana_dashboard: \"1\" when unset, which"
                    + " Grafana's sidecar picks up.")
    private Map<String, String> labels;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }
}
