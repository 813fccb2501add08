package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Alertmanager routing, rendered as an AlertmanagerConfig. */
@JsonClassDescription("Alertmanager routing, rendered as an AlertmanagerConfig.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertRouting {

    @JsonPropertyDescription("Alertmanager receivers.")
    private List<AlertReceiver> receivers;

    @JsonPropertyDescription("Routes to the receivers.")
    private List<AlertRoute> routes;

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
}
