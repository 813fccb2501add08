package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * The rollout of the current generation through its health gate, and the last stable spec. The spec
 * is stored as Vigil read it; it names Secrets but never holds a password.
 */
@JsonClassDescription(
        "The rollout of the current generation through its health gate, and the last stable"
                + " spec.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutStatus {

    @JsonPropertyDescription("Generation under test.")
    private Long generation;

    @JsonPropertyDescription(
            "Where the rollout is: Verifying, Passed, RollingBack, RolledBack, Blocked or Failed.")
    private String state;

    @JsonPropertyDescription("When its rollout started (RFC 3339).")
    private String startedAt;

    @JsonPropertyDescription("When the health gate passed or failed (RFC 3339).")
    private String finishedAt;

    @JsonPropertyDescription("Each health-gate check's result.")
    private List<CheckResult> checks;

    @JsonPropertyDescription("The last spec that passed the gate, as JSON.")
    private String lastStableSpec;

    @JsonPropertyDescription("Generation of lastStableSpec.")
    private Long lastStableGeneration;

    @JsonPropertyDescription("SHA-256 of lastStableSpec.")
    private String lastStableSpecHash;

    @JsonPropertyDescription(
            "Generation that was rolled back, if any; it is not retried until the spec changes.")
    private Long rolledBackFrom;

    @JsonPropertyDescription("Why the rollout is where it is (a condition reason).")
    private String reason;

    @JsonPropertyDescription("What happened, for people: the failed checks when the gate failed.")
    private String message;

    @JsonPropertyDescription(
            "StatefulSet revision of a failed spec; Vigil deletes its pods that are stuck not"
                    + " ready once the StatefulSet has moved on to another revision.")
    private String failedRevision;

    @JsonPropertyDescription(
            "MongoDB: the featureCompatibilityVersion last read from the replica set.")
    private String featureCompatibilityVersion;

    @JsonPropertyDescription("A canary rollout's step, while the generation rolls in steps.")
    private CanaryStatus canary;

    @JsonPropertyDescription("The last 10 rollouts.")
    private List<RolloutRecord> history;

    public Long getGeneration() {
        return generation;
    }

    public void setGeneration(Long generation) {
        this.generation = generation;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getFinishedAt() {
        return finishedAt;
    }

    public void setFinishedAt(String finishedAt) {
        this.finishedAt = finishedAt;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getFailedRevision() {
        return failedRevision;
    }

    public void setFailedRevision(String failedRevision) {
        this.failedRevision = failedRevision;
    }

    public String getFeatureCompatibilityVersion() {
        return featureCompatibilityVersion;
    }

    public void setFeatureCompatibilityVersion(String featureCompatibilityVersion) {
        this.featureCompatibilityVersion = featureCompatibilityVersion;
    }

    public String getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(String startedAt) {
        this.startedAt = startedAt;
    }

    public List<CheckResult> getChecks() {
        return checks;
    }

    public void setChecks(List<CheckResult> checks) {
        this.checks = checks;
    }

    public String getLastStableSpec() {
        return lastStableSpec;
    }

    public void setLastStableSpec(String lastStableSpec) {
        this.lastStableSpec = lastStableSpec;
    }

    public Long getLastStableGeneration() {
        return lastStableGeneration;
    }

    public void setLastStableGeneration(Long lastStableGeneration) {
        this.lastStableGeneration = lastStableGeneration;
    }

    public String getLastStableSpecHash() {
        return lastStableSpecHash;
    }

    public void setLastStableSpecHash(String lastStableSpecHash) {
        this.lastStableSpecHash = lastStableSpecHash;
    }

    public Long getRolledBackFrom() {
        return rolledBackFrom;
    }

    public void setRolledBackFrom(Long rolledBackFrom) {
        this.rolledBackFrom = rolledBackFrom;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public List<RolloutRecord> getHistory() {
        return history;
    }

    public void setHistory(List<RolloutRecord> history) {
        this.history = history;
    }

    public CanaryStatus getCanary() {
        return canary;
    }

    public void setCanary(CanaryStatus canary) {
        this.canary = canary;
    }
}
