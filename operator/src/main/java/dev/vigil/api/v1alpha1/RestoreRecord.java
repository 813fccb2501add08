package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The backup a database was created from with {@code spec.bootstrap}, once restored. */
@JsonClassDescription(
        "The backup this database was created from with spec.bootstrap, once it was restored"
                + " (MongoDB; a PostgreSQL restore shows in the Restoring condition only).")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RestoreRecord {

    @JsonPropertyDescription("The source database, <namespace>/<name>.")
    private String source;

    @JsonPropertyDescription("The label of the backup restored.")
    private String label;

    @JsonPropertyDescription(
            "The moment the restored data is from (RFC 3339): the end of the backup restored.")
    private String backupFinishedAt;

    @JsonPropertyDescription("When the restore finished (RFC 3339).")
    private String restoredAt;

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public String getBackupFinishedAt() {
        return backupFinishedAt;
    }

    public void setBackupFinishedAt(String backupFinishedAt) {
        this.backupFinishedAt = backupFinishedAt;
    }

    public String getRestoredAt() {
        return restoredAt;
    }

    public void setRestoredAt(String restoredAt) {
        this.restoredAt = restoredAt;
    }
}
