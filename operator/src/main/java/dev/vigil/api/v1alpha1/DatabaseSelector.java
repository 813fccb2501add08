package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Which MonitoredDatabases a policy applies to, in the policy's namespace: a label selector
 * (written as Kubernetes writes one) and/or names. A database is selected when it matches the
 * labels or is named.
 */
@ValidationRule(
        value =
                "(has(self.matchLabels) && size(self.matchLabels) > 0)"
                        + " || (has(self.matchExpressions) && size(self.matchExpressions) > 0)"
                        + " || (has(self.names) && size(self.names) > 0)",
        reason = "FieldValueRequired",
        message = ValidationMessages.SELECTS_NOTHING)
@JsonClassDescription(
        "Which MonitoredDatabases in the policy's namespace it applies to: those matching"
                + " matchLabels and matchExpressions, and those named in names.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatabaseSelector {

    @JsonPropertyDescription("Databases whose labels include all of these.")
    private Map<String, String> matchLabels;

    @JsonPropertyDescription(
            "Label selector requirements (key, operator In/NotIn/Exists/DoesNotExist, values), all"
                    + " of which a database's labels must meet.")
    private List<LabelSelectorRequirement> matchExpressions;

    @JsonPropertyDescription("Databases by name.")
    private List<String> names;

    public Map<String, String> getMatchLabels() {
        return matchLabels;
    }

    public void setMatchLabels(Map<String, String> matchLabels) {
        this.matchLabels = matchLabels;
    }

    public List<LabelSelectorRequirement> getMatchExpressions() {
        return matchExpressions;
    }

    public void setMatchExpressions(List<LabelSelectorRequirement> matchExpressions) {
        this.matchExpressions = matchExpressions;
    }

    public List<String> getNames() {
        return names;
    }

    public void setNames(List<String> names) {
        this.names = names;
    }
}
