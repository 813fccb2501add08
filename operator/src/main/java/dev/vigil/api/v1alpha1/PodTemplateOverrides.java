package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.List;
import java.util.Map;

/** Pod settings passed through to every database pod. */
@JsonClassDescription("Pod settings passed through to every database pod.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodTemplateOverrides {

    @JsonPropertyDescription(
            "Extra labels on the pods. Vigil's own app.kubernetes.io labels take precedence.")
    private Map<String, String> labels;

    @JsonPropertyDescription("Extra annotations on the pods.")
    private Map<String, String> annotations;

    @JsonPropertyDescription("Node selector of the pods.")
    private Map<String, String> nodeSelector;

    @JsonPropertyDescription("Tolerations of the pods.")
    private List<Toleration> tolerations;

    @JsonPropertyDescription("Affinity of the pods.")
    private Affinity affinity;

    @JsonPropertyDescription("PriorityClass of the pods.")
    private String priorityClassName;

    @JsonPropertyDescription(
            "Topology spread constraints; when unset Vigil spreads members across nodes and zones.")
    private List<TopologySpreadConstraint> topologySpreadConstraints;

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    public Affinity getAffinity() {
        return affinity;
    }

    public void setAffinity(Affinity affinity) {
        this.affinity = affinity;
    }

    public String getPriorityClassName() {
        return priorityClassName;
    }

    public void setPriorityClassName(String priorityClassName) {
        this.priorityClassName = priorityClassName;
    }

    public List<TopologySpreadConstraint> getTopologySpreadConstraints() {
        return topologySpreadConstraints;
    }

    public void setTopologySpreadConstraints(
            List<TopologySpreadConstraint> topologySpreadConstraints) {
        this.topologySpreadConstraints = topologySpreadConstraints;
    }
}
