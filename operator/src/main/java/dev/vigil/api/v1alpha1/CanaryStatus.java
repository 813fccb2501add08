package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Where a canary rollout is: its step, the members under test, and a primary hand-over. */
@JsonClassDescription(
        "Where a canary rollout is: its step, the members on the new revision, and a primary"
                + " hand-over in progress.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CanaryStatus {

    @JsonPropertyDescription("The step under way, from 1; the last step is every member.")
    private Integer step;

    @JsonPropertyDescription("How many steps the rollout has, the last (every member) included.")
    private Integer steps;

    @JsonPropertyDescription("The step as kubectl shows it, for example '1/3 (1 member)'.")
    private String position;

    @JsonPropertyDescription(
            "The StatefulSet's updateStrategy.rollingUpdate.partition Vigil applies: members with"
                    + " this ordinal or higher run the new revision.")
    private Integer partition;

    @JsonPropertyDescription("The pods on the new revision, which this step judges.")
    private List<String> members;

    @JsonPropertyDescription("When this step started (RFC 3339).")
    private String stepStartedAt;

    @JsonPropertyDescription("When every check of this step first passed (RFC 3339).")
    private String stepPassedAt;

    @JsonPropertyDescription(
            "While set, the primary must move to one of these pods before the partition moves:"
                    + " PostgreSQL switches over, MongoDB's primary steps down.")
    private List<String> handOverTo;

    public Integer getStep() {
        return step;
    }

    public void setStep(Integer step) {
        this.step = step;
    }

    public Integer getSteps() {
        return steps;
    }

    public void setSteps(Integer steps) {
        this.steps = steps;
    }

    public String getPosition() {
        return position;
    }

    public void setPosition(String position) {
        this.position = position;
    }

    public Integer getPartition() {
        return partition;
    }

    public void setPartition(Integer partition) {
        this.partition = partition;
    }

    public List<String> getMembers() {
        return members;
    }

    public void setMembers(List<String> members) {
        this.members = members;
    }

    public String getStepStartedAt() {
        return stepStartedAt;
    }

    public void setStepStartedAt(String stepStartedAt) {
        this.stepStartedAt = stepStartedAt;
    }

    public String getStepPassedAt() {
        return stepPassedAt;
    }

    public void setStepPassedAt(String stepPassedAt) {
        this.stepPassedAt = stepPassedAt;
    }

    public List<String> getHandOverTo() {
        return handOverTo;
    }

    public void setHandOverTo(List<String> handOverTo) {
        this.handOverTo = handOverTo;
    }
}
