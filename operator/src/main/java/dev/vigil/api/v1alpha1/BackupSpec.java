package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * Backups on a schedule, kept by a retention rule, in an S3-compatible store or a volume: for
 * PostgreSQL, pgBackRest's full base backups with continuous WAL archiving for point-in-time
 * recovery; for MongoDB, mongodump archives with the oplog. Managed mode; see docs/backup.md.
 */
@JsonClassDescription(
        "Backups on a schedule, kept by a retention rule, in an S3-compatible store or a volume:"
            + " for PostgreSQL, pgBackRest's full base backups with continuous WAL archiving for"
            + " point-in-time recovery; for MongoDB, mongodump archives with the oplog, each"
            + " consistent at the moment it finished. Managed mode; see docs/backup.md.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BackupSpec {

    @Required
    @JsonPropertyDescription(
            "When to take a backup (PostgreSQL: a full base backup; MongoDB: a dump): a cron"
                    + " expression of five fields, in UTC, e.g. '0 2 * * *' for every day at"
                    + " 02:00.")
    private String schedule;

    @JsonPropertyDescription(
            "How many backups to keep (PostgreSQL: full backups), or for how long; 7 backups when"
                    + " unset.")
    private BackupRetention retention;

    @Required
    @JsonPropertyDescription("Where the backups (and PostgreSQL's archived WAL) go.")
    private BackupStore store;

    @JsonPropertyDescription(
            "Archive WAL continuously, so a restore can reach any moment since the oldest backup"
                + " kept. WAL is archived when a segment fills and at least every 30 seconds, which"
                + " bounds the writes at risk to about a minute. On when unset. Off: only the"
                + " moments the base backups were taken can be restored. PostgreSQL only: MongoDB"
                + " refuses true.")
    private Boolean archiving;

    @JsonPropertyDescription(
            "Verify restores on a schedule: the newest backup is restored into a throwaway pod and"
                + " checked, and the time it took is reported (status.backup.lastVerifiedRestore)."
                + " Off when unset.")
    private BackupVerifySpec verify;

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public BackupRetention getRetention() {
        return retention;
    }

    public void setRetention(BackupRetention retention) {
        this.retention = retention;
    }

    public BackupStore getStore() {
        return store;
    }

    public void setStore(BackupStore store) {
        this.store = store;
    }

    public Boolean getArchiving() {
        return archiving;
    }

    public void setArchiving(Boolean archiving) {
        this.archiving = archiving;
    }

    public BackupVerifySpec getVerify() {
        return verify;
    }

    public void setVerify(BackupVerifySpec verify) {
        this.verify = verify;
    }
}
