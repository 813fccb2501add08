package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One backup attempt. */
@JsonClassDescription("One backup attempt.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BackupRun {

    @JsonPropertyDescription("When it ended (RFC 3339).")
    private String finishedAt;

    @JsonPropertyDescription(
            "The database's size in the backup (PostgreSQL), or the size of the gzipped dump"
                    + " (MongoDB).")
    private Long sizeBytes;

    @JsonPropertyDescription("How long it took.")
    private Double durationSeconds;

    @JsonPropertyDescription(
            "The backup's label: pgBackRest's, or the UTC start time of a MongoDB dump, which"
                    + " names its archive in the store.")
    private String label;

    @JsonPropertyDescription("Why it failed.")
    private String message;

    public String getFinishedAt() {
        return finishedAt;
    }

    public void setFinishedAt(String finishedAt) {
        this.finishedAt = finishedAt;
    }

    public Long getSizeBytes() {
        return sizeBytes;
    }

    public void setSizeBytes(Long sizeBytes) {
        this.sizeBytes = sizeBytes;
    }

    public Double getDurationSeconds() {
        return durationSeconds;
    }

    public void setDurationSeconds(Double durationSeconds) {
        this.durationSeconds = durationSeconds;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
