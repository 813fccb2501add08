package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Network isolation of the database: only what needs to reach it can. */
@JsonClassDescription("Network isolation of the database: only what needs to reach it can.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NetworkSpec {

    @JsonPropertyDescription("The NetworkPolicy itself.")
    private NetworkPolicySpec policy;

    @JsonPropertyDescription(
            "Clients allowed on the database port. Members, the operator and Prometheus (exporter"
                    + " port only) are always allowed.")
    private List<NetworkPeer> allowedClients;

    @JsonPropertyDescription(
            "Where Prometheus runs, allowed on the exporter port; kube-prometheus-stack's pods when"
                    + " unset.")
    private NetworkPeer prometheus;

    public NetworkPolicySpec getPolicy() {
        return policy;
    }

    public void setPolicy(NetworkPolicySpec policy) {
        this.policy = policy;
    }

    public List<NetworkPeer> getAllowedClients() {
        return allowedClients;
    }

    public void setAllowedClients(List<NetworkPeer> allowedClients) {
        this.allowedClients = allowedClients;
    }

    public NetworkPeer getPrometheus() {
        return prometheus;
    }

    public void setPrometheus(NetworkPeer prometheus) {
        this.prometheus = prometheus;
    }
}
