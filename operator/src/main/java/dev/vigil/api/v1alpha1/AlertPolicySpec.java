package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** Retunes the default alerts of the selected databases, adds rules, and routes alerts. */
@JsonClassDescription(
        "Retunes the default alerts of the selected databases, adds rules, and routes alerts.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertPolicySpec {

    @Required
    @JsonPropertyDescription("The databases this policy applies to.")
    private DatabaseSelector selector;

    @JsonPropertyDescription(
            "Changes to default rules; an override replaces the rule rather than adding one.")
    private List<RuleOverride> overrides;

    @JsonPropertyDescription("Extra rules.")
    private List<CustomRule> rules;

    @JsonPropertyDescription("Labels per priority.")
    private List<PriorityMapping> priorities;

    @JsonPropertyDescription("Alertmanager routing.")
    private AlertRouting routing;

    public DatabaseSelector getSelector() {
        return selector;
    }

    public void setSelector(DatabaseSelector selector) {
        this.selector = selector;
    }

    public List<RuleOverride> getOverrides() {
        return overrides;
    }

    public void setOverrides(List<RuleOverride> overrides) {
        this.overrides = overrides;
    }

    public List<CustomRule> getRules() {
        return rules;
    }

    public void setRules(List<CustomRule> rules) {
        this.rules = rules;
    }

    public List<PriorityMapping> getPriorities() {
        return priorities;
    }

    public void setPriorities(List<PriorityMapping> priorities) {
        this.priorities = priorities;
    }

    public AlertRouting getRouting() {
        return routing;
    }

    public void setRouting(AlertRouting routing) {
        this.routing = routing;
    }
}
