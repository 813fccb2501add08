package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/** The labels an alert of one priority carries. */
@JsonClassDescription("The labels an alert of one priority carries.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PriorityMapping {

    @Required
    @JsonPropertyDescription("P1..P4.")
    private Priority priority;

    @JsonPropertyDescription("Labels added to alerts of this priority, e.g. severity: critical.")
    private Map<String, String> labels;

    public Priority getPriority() {
        return priority;
    }

    public void setPriority(Priority priority) {
        this.priority = priority;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }
}
