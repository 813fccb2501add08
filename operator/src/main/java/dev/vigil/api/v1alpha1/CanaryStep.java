package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.IntOrString;

/** One step of a canary rollout: how many members run the change, and for how long. */
@JsonClassDescription(
        "One step of a canary rollout: how many members run the change, and how long they are"
                + " analysed before the next step.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CanaryStep {

    @Required
    @JsonPropertyDescription(
            "Members on the new revision at this step, counted from the highest ordinal: a"
                    + " number (1) or a percentage of spec.replicas (50%), rounded up, and fewer"
                    + " than all. Never the primary: it hands its role over before the step"
                    + " reaches its pod.")
    private IntOrString members;

    @Default("5m")
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    @JsonPropertyDescription(
            "How long the step's checks must keep passing before the next step starts; the"
                    + " analyses run all that time. 0s goes on as soon as they pass.")
    private String pause;

    public CanaryStep() {}

    public CanaryStep(IntOrString members, String pause) {
        this.members = members;
        this.pause = pause;
    }

    public IntOrString getMembers() {
        return members;
    }

    public void setMembers(IntOrString members) {
        this.members = members;
    }

    public String getPause() {
        return pause;
    }

    public void setPause(String pause) {
        this.pause = pause;
    }
}
