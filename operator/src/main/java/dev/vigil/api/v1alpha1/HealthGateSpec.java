package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** The checks a change must pass, and what happens when it does not. */
@ValidationRule(
        value =
                "((!has(self.analysis) || size(self.analysis) == 0) && (!has(self.standardAnalyses)"
                        + " || size(self.standardAnalyses) == 0)) || has(self.prometheusUrl)",
        fieldPath = ".prometheusUrl",
        reason = "FieldValueRequired",
        message = ValidationMessages.PROMETHEUS_URL_REQUIRED)
@JsonClassDescription("The checks a change must pass, and what happens when it does not.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HealthGateSpec {

    @Default("10m")
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    @JsonPropertyDescription("How long a change may take to pass every check.")
    private String timeout;

    @JsonPropertyDescription("Which checks run; all that apply when unset.")
    private List<HealthCheck> checks;

    @Default("30s")
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    @JsonPropertyDescription("Largest replication lag a healthy member may have.")
    private String maxReplicationLag;

    @Default("3")
    @Min(1)
    @JsonPropertyDescription(
            "Restarts of a container in CrashLoopBackOff after which the change fails at once.")
    private Integer crashLoopRestartLimit;

    @Pattern("^https?://.+")
    @JsonPropertyDescription("Prometheus base URL for the analysis queries.")
    private String prometheusUrl;

    @JsonPropertyDescription("PromQL analyses that must hold.")
    private List<AnalysisSpec> analysis;

    @JsonPropertyDescription(
            "Ready-made analyses Vigil writes for this database's engine, scoped to its own"
                    + " namespace, name and pods: HealthCheckFailures (health-check-failures),"
                    + " ErrorRate (error-rate), P95Latency (p95-latency), ConnectionFailures"
                    + " (connection-failures). An entry of analysis with the same name replaces"
                    + " the ready-made one, to retune it.")
    private List<StandardAnalysis> standardAnalyses;

    @Default("Automatic")
    @JsonPropertyDescription("What happens when the gate fails: Automatic, Manual or Disabled.")
    private RollbackPolicy rollback;

    public String getTimeout() {
        return timeout;
    }

    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    public List<HealthCheck> getChecks() {
        return checks;
    }

    public void setChecks(List<HealthCheck> checks) {
        this.checks = checks;
    }

    public String getMaxReplicationLag() {
        return maxReplicationLag;
    }

    public void setMaxReplicationLag(String maxReplicationLag) {
        this.maxReplicationLag = maxReplicationLag;
    }

    public Integer getCrashLoopRestartLimit() {
        return crashLoopRestartLimit;
    }

    public void setCrashLoopRestartLimit(Integer crashLoopRestartLimit) {
        this.crashLoopRestartLimit = crashLoopRestartLimit;
    }

    public String getPrometheusUrl() {
        return prometheusUrl;
    }

    public void setPrometheusUrl(String prometheusUrl) {
        this.prometheusUrl = prometheusUrl;
    }

    public List<AnalysisSpec> getAnalysis() {
        return analysis;
    }

    public void setAnalysis(List<AnalysisSpec> analysis) {
        this.analysis = analysis;
    }

    public List<StandardAnalysis> getStandardAnalyses() {
        return standardAnalyses;
    }

    public void setStandardAnalyses(List<StandardAnalysis> standardAnalyses) {
        this.standardAnalyses = standardAnalyses;
    }

    public RollbackPolicy getRollback() {
        return rollback;
    }

    public void setRollback(RollbackPolicy rollback) {
        this.rollback = rollback;
    }
}
