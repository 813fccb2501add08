package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * The repository to restore from: the store and the database whose repository it is, as that
 * database's {@code spec.backup} wrote it, and the moment to restore to.
 */
@JsonClassDescription(
        "The repository to restore from, found as the source database's spec.backup wrote it:"
                + " <prefix>/<namespace>/<name> in the store; and the moment to restore to.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BootstrapBackup {

    /** RFC 3339 with a time zone; {@code SpecRules} parses it too. */
    public static final String TARGET_TIME_PATTERN =
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]{1,9})?"
                    + "(Z|[+-][0-9]{2}:[0-9]{2})$";

    @Required
    @JsonPropertyDescription(
            "The store holding the source's repository, as in the source's spec.backup.store; the"
                    + " Secrets and claim it names are in this database's namespace. Read only:"
                    + " nothing is written there.")
    private BackupStore store;

    @Required
    @JsonPropertyDescription("The database whose backups are restored.")
    private BackupSourceDatabase database;

    @Pattern(TARGET_TIME_PATTERN)
    @JsonPropertyDescription(
            "Restore to this moment (RFC 3339, e.g. 2026-12-05T09:00:00Z), which must lie in the"
                    + " source's recoverable window (its status.backup); the end of its archive"
                    + " when unset.")
    private String targetTime;

    public BackupStore getStore() {
        return store;
    }

    public void setStore(BackupStore store) {
        this.store = store;
    }

    public BackupSourceDatabase getDatabase() {
        return database;
    }

    public void setDatabase(BackupSourceDatabase database) {
        this.database = database;
    }

    public String getTargetTime() {
        return targetTime;
    }

    public void setTargetTime(String targetTime) {
        this.targetTime = targetTime;
    }
}
