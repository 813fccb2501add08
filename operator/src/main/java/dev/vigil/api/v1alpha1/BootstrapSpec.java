package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * How a new database gets its first data: restored from another database's backups. PostgreSQL,
 * Managed mode; set at creation only (docs/backup.md, "Restore").
 */
@JsonClassDescription(
        "Create this database from a backup: its first primary is restored from another"
                + " database's pgBackRest repository before the server ever starts. PostgreSQL,"
                + " Managed mode; set at creation only. See docs/backup.md.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BootstrapSpec {

    @Required
    @JsonPropertyDescription("The backups to restore from, and to which moment.")
    private BootstrapBackup backup;

    public BootstrapBackup getBackup() {
        return backup;
    }

    public void setBackup(BootstrapBackup backup) {
        this.backup = backup;
    }
}
