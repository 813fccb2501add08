package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import java.util.List;

/** How changes reach the members, and guards for version upgrades. */
@JsonClassDescription("How changes reach the members, and guards for version upgrades.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UpgradeSpec {

    @Default("1h")
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    @JsonPropertyDescription(
            "MongoDB: how long a new version must stay healthy after its gate before the"
                    + " featureCompatibilityVersion is raised. 0s is allowed.")
    private String fcvSoak;

    @JsonPropertyDescription(
            "How a change reaches the members: Rolling (every member, highest ordinal first, then"
                    + " the gate) or Canary (steps of standbys, each judged by the gate, the"
                    + " primary last). Unset: Canary with 3 members or more, Rolling otherwise.")
    private UpgradeStrategy strategy;

    @JsonPropertyDescription(
            "Canary: the steps before the last one, which is every member. Unset: one member for"
                    + " 5m, then half of them for 5m.")
    private List<CanaryStep> steps;

    public UpgradeStrategy getStrategy() {
        return strategy;
    }

    public void setStrategy(UpgradeStrategy strategy) {
        this.strategy = strategy;
    }

    public List<CanaryStep> getSteps() {
        return steps;
    }

    public void setSteps(List<CanaryStep> steps) {
        this.steps = steps;
    }

    public String getFcvSoak() {
        return fcvSoak;
    }

    public void setFcvSoak(String fcvSoak) {
        this.fcvSoak = fcvSoak;
    }
}
