package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A cert-manager issuer. */
@JsonClassDescription("A cert-manager issuer.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CertManagerIssuer {

    @Required
    @JsonPropertyDescription("Name of the issuer.")
    private String name;

    @Default("Issuer")
    @Pattern("^(Issuer|ClusterIssuer)$")
    @JsonPropertyDescription("Issuer or ClusterIssuer.")
    private String kind;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }
}
