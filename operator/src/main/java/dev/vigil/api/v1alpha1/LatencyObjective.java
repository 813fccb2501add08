package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * A latency objective: the share of the time during which the database's mean query time stays
 * under a threshold.
 */
@JsonClassDescription(
        "Latency objective: the share of the period during which the mean query time (over 5"
                + " minutes, read from the exporter) stays at or under the threshold.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LatencyObjective {

    @Required
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    @JsonPropertyDescription("Mean query time that counts as good, e.g. 200ms.")
    private String threshold;

    @Required
    @Pattern("^[0-9]+(\\.[0-9]+)?$")
    @JsonPropertyDescription(
            "Target in percent, e.g. \"99\": the share of the period the mean query time must"
                    + " stay at or under the threshold. Above 0, below 100.")
    private String target;

    public String getThreshold() {
        return threshold;
    }

    public void setThreshold(String threshold) {
        this.threshold = threshold;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }
}
