package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** What Vigil observed and did. */
@JsonClassDescription("What Vigil observed and did.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MonitoredDatabaseStatus {

    @JsonPropertyDescription("The generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription(
            "Ready, Progressing, Degraded, HealthGate, RolledBack and MonitoringReady.")
    private List<Condition> conditions;

    @JsonPropertyDescription(
            "Short summary: Pending, Creating, Ready, Updating, Verifying, RollingBack, RolledBack,"
                    + " Blocked, Failed, Degraded or Invalid.")
    private String phase;

    @JsonPropertyDescription("Members whose pods are ready.")
    private Integer readyReplicas;

    @JsonPropertyDescription("The version the members run.")
    private String currentVersion;

    @JsonPropertyDescription("How to connect.")
    private DatabaseEndpoints endpoints;

    @JsonPropertyDescription("Names of the Secrets that hold this database's credentials.")
    private List<String> secrets;

    @JsonPropertyDescription("Rollout and rollback state.")
    private RolloutStatus rollout;

    @JsonPropertyDescription(
            "PostgreSQL: the pod that is the primary, which the read-write Service selects.")
    private String primary;

    @JsonPropertyDescription("PostgreSQL: the last promotion Vigil made after losing the primary.")
    private FailoverRecord lastFailover;

    @JsonPropertyDescription("Backups: the last one, the last failure, the recoverable window.")
    private BackupStatus backup;

    @JsonPropertyDescription(
            "MongoDB with spec.bootstrap: the backup restored into this database, once the restore"
                    + " succeeded. Vigil restores only while this is unset, and only into a"
                    + " database that holds no data.")
    private RestoreRecord restoredFrom;

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public Integer getReadyReplicas() {
        return readyReplicas;
    }

    public void setReadyReplicas(Integer readyReplicas) {
        this.readyReplicas = readyReplicas;
    }

    public String getCurrentVersion() {
        return currentVersion;
    }

    public void setCurrentVersion(String currentVersion) {
        this.currentVersion = currentVersion;
    }

    public DatabaseEndpoints getEndpoints() {
        return endpoints;
    }

    public void setEndpoints(DatabaseEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    public List<String> getSecrets() {
        return secrets;
    }

    public void setSecrets(List<String> secrets) {
        this.secrets = secrets;
    }

    public RolloutStatus getRollout() {
        return rollout;
    }

    public void setRollout(RolloutStatus rollout) {
        this.rollout = rollout;
    }

    public String getPrimary() {
        return primary;
    }

    public void setPrimary(String primary) {
        this.primary = primary;
    }

    public FailoverRecord getLastFailover() {
        return lastFailover;
    }

    public void setLastFailover(FailoverRecord lastFailover) {
        this.lastFailover = lastFailover;
    }

    public BackupStatus getBackup() {
        return backup;
    }

    public void setBackup(BackupStatus backup) {
        this.backup = backup;
    }

    public RestoreRecord getRestoredFrom() {
        return restoredFrom;
    }

    public void setRestoredFrom(RestoreRecord restoredFrom) {
        this.restoredFrom = restoredFrom;
    }
}
