package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** Which MonitoredDatabases a policy applies to. */
@JsonClassDescription("Which MonitoredDatabases a policy applies to.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatabaseSelector {

    @JsonPropertyDescription("Databases whose labels match.")
    private LabelSelector matchLabels;

    @JsonPropertyDescription("Databases by name, in the policy's namespace.")
    private List<String> names;

    public LabelSelector getMatchLabels() {
        return matchLabels;
    }

    public void setMatchLabels(LabelSelector matchLabels) {
        this.matchLabels = matchLabels;
    }

    public List<String> getNames() {
        return names;
    }

    public void setNames(List<String> names) {
        this.names = names;
    }
}
