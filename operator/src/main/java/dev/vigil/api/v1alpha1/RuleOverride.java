package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A change to one of the default alert rules. */
@JsonClassDescription("A change to one of the default alert rules.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RuleOverride {

    @Required
    @JsonPropertyDescription("Name of the default alert, e.g. MongoDBReplicationLagHigh.")
    private String alert;

    @Default("true")
    @JsonPropertyDescription("False turns the rule off.")
    private Boolean enabled;

    @Pattern("^-?[0-9]+(\\.[0-9]+)?$")
    @JsonPropertyDescription("New threshold of the rule's comparison.")
    private String threshold;

    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    @JsonProperty("for")
    @JsonPropertyDescription("New 'for' duration.")
    private String forDuration;

    @JsonPropertyDescription("New priority.")
    private Priority priority;

    @JsonPropertyDescription("New severity label.")
    private String severity;

    public String getAlert() {
        return alert;
    }

    public void setAlert(String alert) {
        this.alert = alert;
    }

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getThreshold() {
        return threshold;
    }

    public void setThreshold(String threshold) {
        this.threshold = threshold;
    }

    public String getForDuration() {
        return forDuration;
    }

    public void setForDuration(String forDuration) {
        this.forDuration = forDuration;
    }

    public Priority getPriority() {
        return priority;
    }

    public void setPriority(Priority priority) {
        this.priority = priority;
    }

    public String getSeverity() {
        return severity;
    }

    public void setSeverity(String severity) {
        this.severity = severity;
    }
}
