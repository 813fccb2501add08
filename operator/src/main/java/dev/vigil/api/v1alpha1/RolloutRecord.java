package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One past rollout, kept for audit. */
@JsonClassDescription("One past rollout, kept for audit.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutRecord {

    @JsonPropertyDescription("Generation of the spec that was rolled out.")
    private Long generation;

    @JsonPropertyDescription("When it started (RFC 3339).")
    private String startedAt;

    @JsonPropertyDescription("When it finished (RFC 3339).")
    private String finishedAt;

    @JsonPropertyDescription("Succeeded, RolledBack, Failed, Blocked or Superseded.")
    private String outcome;

    @JsonPropertyDescription("Why it ended as it did.")
    private String reason;

    public Long getGeneration() {
        return generation;
    }

    public void setGeneration(Long generation) {
        this.generation = generation;
    }

    public String getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(String startedAt) {
        this.startedAt = startedAt;
    }

    public String getFinishedAt() {
        return finishedAt;
    }

    public void setFinishedAt(String finishedAt) {
        this.finishedAt = finishedAt;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
