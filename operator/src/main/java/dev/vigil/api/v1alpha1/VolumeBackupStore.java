package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * A PersistentVolumeClaim holding the repository under <namespace>/<name>. With more than one
 * member it must be ReadWriteMany, since whichever member is primary writes to it.
 */
@JsonClassDescription(
        "A PersistentVolumeClaim holding the repository under <namespace>/<name>. With more than"
            + " one member it must be ReadWriteMany, since whichever member is primary writes to"
            + " it.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VolumeBackupStore {

    @Required
    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    @JsonPropertyDescription("The claim, in the database's namespace. Vigil never deletes it.")
    private String claimName;

    public String getClaimName() {
        return claimName;
    }

    public void setClaimName(String claimName) {
        this.claimName = claimName;
    }
}
