package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** The NetworkPolicy Vigil creates for the database. */
@JsonClassDescription("The NetworkPolicy Vigil creates for the database.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NetworkPolicySpec {

    @Default("true")
    @JsonPropertyDescription("Create the NetworkPolicy; false opts out.")
    private Boolean enabled;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }
}
