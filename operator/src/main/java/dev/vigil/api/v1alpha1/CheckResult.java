package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The result of one health-gate check. */
@JsonClassDescription("The result of one health-gate check.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CheckResult {

    @JsonPropertyDescription("Name of the check.")
    private String name;

    @JsonPropertyDescription("Whether it passes.")
    private Boolean passed;

    @JsonPropertyDescription("What was observed.")
    private String message;

    @JsonPropertyDescription("When the check last changed result (RFC 3339).")
    private String since;

    @JsonPropertyDescription("Analyses: how many measurements failed their success condition.")
    private Integer failures;

    @JsonPropertyDescription("Analyses: when the query was last measured (RFC 3339).")
    private String measuredAt;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Boolean getPassed() {
        return passed;
    }

    public void setPassed(Boolean passed) {
        this.passed = passed;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public Integer getFailures() {
        return failures;
    }

    public void setFailures(Integer failures) {
        this.failures = failures;
    }

    public String getMeasuredAt() {
        return measuredAt;
    }

    public void setMeasuredAt(String measuredAt) {
        this.measuredAt = measuredAt;
    }

    public String getSince() {
        return since;
    }

    public void setSince(String since) {
        this.since = since;
    }
}
