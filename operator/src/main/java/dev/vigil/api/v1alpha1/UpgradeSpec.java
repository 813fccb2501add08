package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** Guards for version upgrades. */
@JsonClassDescription("Guards for version upgrades.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UpgradeSpec {

    @Default("1h")
    @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
    @JsonPropertyDescription(
            "MongoDB: how long a new version must stay healthy after its gate before the"
                    + " featureCompatibilityVersion is raised. 0s is allowed.")
    private String fcvSoak;

    public String getFcvSoak() {
        return fcvSoak;
    }

    public void setFcvSoak(String fcvSoak) {
        this.fcvSoak = fcvSoak;
    }
}
