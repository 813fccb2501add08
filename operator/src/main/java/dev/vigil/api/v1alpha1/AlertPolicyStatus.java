package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** What the policy matched and rejected. */
@JsonClassDescription("What the policy matched and rejected.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertPolicyStatus {

    @JsonPropertyDescription("The generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Ready, with reason and message.")
    private List<Condition> conditions;

    @JsonPropertyDescription("Databases the policy applies to.")
    private List<String> matchedDatabases;

    @JsonPropertyDescription("Rules not installed, and why.")
    private List<RejectedRule> rejectedRules;

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public List<String> getMatchedDatabases() {
        return matchedDatabases;
    }

    public void setMatchedDatabases(List<String> matchedDatabases) {
        this.matchedDatabases = matchedDatabases;
    }

    public List<RejectedRule> getRejectedRules() {
        return rejectedRules;
    }

    public void setRejectedRules(List<RejectedRule> rejectedRules) {
        this.rejectedRules = rejectedRules;
    }
}
