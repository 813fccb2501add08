package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A rule of the policy that Vigil did not install. */
@JsonClassDescription("A rule of the policy that Vigil did not install.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RejectedRule {

    @JsonPropertyDescription("Alert name of the rule or override.")
    private String rule;

    @JsonPropertyDescription("Why it was rejected.")
    private String reason;

    public String getRule() {
        return rule;
    }

    public void setRule(String rule) {
        this.rule = rule;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
