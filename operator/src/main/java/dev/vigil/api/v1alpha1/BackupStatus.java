package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What the backups last reported: PostgreSQL's backup agent of the primary, MongoDB's runs. */
@JsonClassDescription(
        "What the backups last reported: PostgreSQL's backup agent of the primary, or the runs of"
                + " MongoDB's backup CronJob.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BackupStatus {

    @JsonPropertyDescription("The newest backup in the repository.")
    private BackupRun lastSuccessful;

    @JsonPropertyDescription("The last backup attempt that failed, and why.")
    private BackupRun lastFailed;

    @JsonPropertyDescription(
            "The earliest moment a restore can reach (RFC 3339): the end of the oldest backup"
                    + " kept.")
    private String recoverableFrom;

    @JsonPropertyDescription(
            "The latest moment a restore can reach (RFC 3339): the newest archived WAL, or the end"
                    + " of the newest MongoDB dump.")
    private String recoverableTo;

    @JsonPropertyDescription(
            "How long the oldest WAL segment not yet archived has waited, 0 when archiving is"
                    + " caught up.")
    private Double walArchiveLagSeconds;

    @JsonPropertyDescription(
            "The last verification that restored the newest backup into a throwaway pod and found"
                    + " the server queryable: its measured RTO and row counts.")
    private RestoreVerification lastVerifiedRestore;

    @JsonPropertyDescription("The last verification of a restore that failed, and why.")
    private RestoreVerification lastFailedVerification;

    public BackupRun getLastSuccessful() {
        return lastSuccessful;
    }

    public void setLastSuccessful(BackupRun lastSuccessful) {
        this.lastSuccessful = lastSuccessful;
    }

    public BackupRun getLastFailed() {
        return lastFailed;
    }

    public void setLastFailed(BackupRun lastFailed) {
        this.lastFailed = lastFailed;
    }

    public String getRecoverableFrom() {
        return recoverableFrom;
    }

    public void setRecoverableFrom(String recoverableFrom) {
        this.recoverableFrom = recoverableFrom;
    }

    public String getRecoverableTo() {
        return recoverableTo;
    }

    public void setRecoverableTo(String recoverableTo) {
        this.recoverableTo = recoverableTo;
    }

    public Double getWalArchiveLagSeconds() {
        return walArchiveLagSeconds;
    }

    public void setWalArchiveLagSeconds(Double walArchiveLagSeconds) {
        this.walArchiveLagSeconds = walArchiveLagSeconds;
    }

    public RestoreVerification getLastVerifiedRestore() {
        return lastVerifiedRestore;
    }

    public void setLastVerifiedRestore(RestoreVerification lastVerifiedRestore) {
        this.lastVerifiedRestore = lastVerifiedRestore;
    }

    public RestoreVerification getLastFailedVerification() {
        return lastFailedVerification;
    }

    public void setLastFailedVerification(RestoreVerification lastFailedVerification) {
        this.lastFailedVerification = lastFailedVerification;
    }
}
