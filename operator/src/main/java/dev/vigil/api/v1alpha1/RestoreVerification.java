package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** One verification of a restore: a backup restored into a throwaway pod and checked. */
@JsonClassDescription(
        "One verification of a restore: the newest backup restored into a throwaway pod and"
                + " checked.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RestoreVerification {

    @JsonPropertyDescription("When the verification pod was created (RFC 3339).")
    private String startedAt;

    @JsonPropertyDescription("When the verification ended (RFC 3339).")
    private String finishedAt;

    @JsonPropertyDescription(
            "The measured recovery time (RTO): from the start of the restore until the restored"
                    + " server answered queries, in seconds.")
    private Double restoreSeconds;

    @JsonPropertyDescription(
            "The commit time of the last transaction the restored server replayed, or the end of"
                    + " the restored backup when the archive after it held no commit (RFC 3339):"
                    + " how recent the restored data are.")
    private String recoveredTo;

    @JsonPropertyDescription(
            "The rows counted in the largest tables of the restored databases (at most 5).")
    private List<TableCount> tables = new ArrayList<>();

    @JsonPropertyDescription("Why the verification failed.")
    private String message;

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

    public Double getRestoreSeconds() {
        return restoreSeconds;
    }

    public void setRestoreSeconds(Double restoreSeconds) {
        this.restoreSeconds = restoreSeconds;
    }

    public String getRecoveredTo() {
        return recoveredTo;
    }

    public void setRecoveredTo(String recoveredTo) {
        this.recoveredTo = recoveredTo;
    }

    public List<TableCount> getTables() {
        return tables;
    }

    public void setTables(List<TableCount> tables) {
        this.tables = tables;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
