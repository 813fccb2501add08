package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/** Alertmanager routing, rendered as an AlertmanagerConfig. */
@JsonClassDescription("Alertmanager routing, rendered as an AlertmanagerConfig.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertRouting {

    @JsonPropertyDescription("Alertmanager receivers.")
    private List<AlertReceiver> receivers;

    @JsonPropertyDescription("Routes to the receivers.")
    private List<AlertRoute> routes;

    @JsonPropertyDescription(
            "Labels added to the rendered AlertmanagerConfig, for an Alertmanager whose"
                    + " alertmanagerConfigSelector selects by label (kube-prometheus-stack's may"
                    + " require e.g. release: kube-prometheus-stack). The app.kubernetes.io labels"
                    + " Vigil sets (name, instance, component, part-of, managed-by) cannot be set"
                    + " here.")
    private Map<String, String> alertmanagerConfigLabels;

    public List<AlertReceiver> getReceivers() {
        return receivers;
    }

    public void setReceivers(List<AlertReceiver> receivers) {
        this.receivers = receivers;
    }

    public List<AlertRoute> getRoutes() {
        return routes;
    }

    public void setRoutes(List<AlertRoute> routes) {
        this.routes = routes;
    }

    public Map<String, String> getAlertmanagerConfigLabels() {
        return alertmanagerConfigLabels;
    }

    public void setAlertmanagerConfigLabels(Map<String, String> alertmanagerConfigLabels) {
        this.alertmanagerConfigLabels = alertmanagerConfigLabels;
    }
}
