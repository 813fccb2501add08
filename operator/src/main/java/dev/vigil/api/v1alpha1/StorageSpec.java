package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** Persistent storage of each database member. */
@JsonClassDescription("Persistent storage of each database member.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StorageSpec {

    @Default("10Gi")
    @Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$")
    @JsonPropertyDescription(
            "Size of each member's volume, as a Kubernetes quantity (e.g. 10Gi). It can grow; a"
                    + " shrink is refused.")
    private String size;

    @JsonPropertyDescription("StorageClass of the volumes; the cluster default when unset.")
    private String storageClassName;

    @Default("true")
    @JsonPropertyDescription(
            "Keep the volumes when the MonitoredDatabase is deleted. Set false to delete the data"
                    + " with the resource.")
    private Boolean retainOnDelete;

    @Default("true")
    @JsonPropertyDescription(
            "Keep the volumes of members removed by a scale-down, so a later scale-up finds the"
                    + " data again.")
    private Boolean retainOnScaleDown;

    public String getSize() {
        return size;
    }

    public void setSize(String size) {
        this.size = size;
    }

    public String getStorageClassName() {
        return storageClassName;
    }

    public void setStorageClassName(String storageClassName) {
        this.storageClassName = storageClassName;
    }

    public Boolean getRetainOnDelete() {
        return retainOnDelete;
    }

    public void setRetainOnDelete(Boolean retainOnDelete) {
        this.retainOnDelete = retainOnDelete;
    }

    public Boolean getRetainOnScaleDown() {
        return retainOnScaleDown;
    }

    public void setRetainOnScaleDown(Boolean retainOnScaleDown) {
        this.retainOnScaleDown = retainOnScaleDown;
    }
}
