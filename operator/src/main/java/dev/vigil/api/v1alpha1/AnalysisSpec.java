package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A PromQL query evaluated during the health gate, in the manner of Argo Rollouts' analysis. */
@JsonClassDescription(
        "A PromQL query evaluated during the health gate, in the manner of Argo Rollouts'"
                + " analysis.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AnalysisSpec {

    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Name of the analysis, shown in status.")
    private String name;

    @Required
    @JsonPropertyDescription(
            "PromQL instant query; its value is the scalar, or the first sample of the vector, it"
                    + " returns. No sample is an inconclusive measurement: add 'or vector(0)'"
                    + " where no series means no problem. $(namespace) and $(database) become the"
                    + " database's namespace and name, $(pods) a regular expression of the members"
                    + " under test.")
    private String query;

    @Required
    @JsonPropertyDescription(
            "Condition on 'result' that a measurement must meet, e.g. 'result < 0.05':"
                    + " comparisons (<, <=, >, >=, ==, !=) of result with a number, isNaN(result),"
                    + " && and || and parentheses.")
    private String successCondition;

    @Default("30s")
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    @JsonPropertyDescription("How often the query is evaluated.")
    private String interval;

    @Default("0")
    @Min(0)
    @JsonPropertyDescription(
            "How many failed measurements are tolerated; one more fails the gate at once.")
    private Integer failureLimit;

    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    @JsonPropertyDescription(
            "How long after the rollout started the analysis must have held before the gate may"
                    + " pass; unset, its last measurement must have succeeded. It is measured"
                    + " while the gate is open either way.")
    private String window;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    public String getSuccessCondition() {
        return successCondition;
    }

    public void setSuccessCondition(String successCondition) {
        this.successCondition = successCondition;
    }

    public String getInterval() {
        return interval;
    }

    public void setInterval(String interval) {
        this.interval = interval;
    }

    public Integer getFailureLimit() {
        return failureLimit;
    }

    public void setFailureLimit(Integer failureLimit) {
        this.failureLimit = failureLimit;
    }

    public String getWindow() {
        return window;
    }

    public void setWindow(String window) {
        this.window = window;
    }
}
