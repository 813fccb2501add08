package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * The MonitoredDatabase whose repository is restored. It need not exist any more: its backups
 * outlive it, found by its name and namespace.
 */
@JsonClassDescription(
        "The MonitoredDatabase whose backups are restored. It need not exist any more: its backups"
                + " outlive it, and are found by its namespace and name.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BackupSourceDatabase {

    @Required
    @Pattern("^[a-z]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Its name.")
    private String name;

    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Its namespace; this database's when unset.")
    private String namespace;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }
}
