package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/** An alert rule added by the policy. */
@JsonClassDescription("An alert rule added by the policy.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CustomRule {

    @Required
    @Pattern("^[A-Za-z_][A-Za-z0-9_]*$")
    @JsonPropertyDescription("Alert name.")
    private String alert;

    @Required
    @JsonPropertyDescription(
            "PromQL expression. $namespace and $database are replaced by the selected database's"
                    + " namespace and name.")
    private String expr;

    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    @JsonProperty("for")
    @JsonPropertyDescription("How long the expression must hold.")
    private String forDuration;

    @Default("P3")
    @JsonPropertyDescription("Priority P1..P4.")
    private Priority priority;

    @JsonPropertyDescription("Extra labels.")
    private Map<String, String> labels;

    @JsonPropertyDescription("Annotations (summary, description, runbook_url).")
    private Map<String, String> annotations;

    public String getAlert() {
        return alert;
    }

    public void setAlert(String alert) {
        this.alert = alert;
    }

    public String getExpr() {
        return expr;
    }

    public void setExpr(String expr) {
        this.expr = expr;
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
}
