package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** Server TLS for the database. */
@JsonClassDescription("Server TLS for the database.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TlsSpec {

    @Default("false")
    @JsonPropertyDescription("Serve TLS.")
    private Boolean enabled;

    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Existing kubernetes.io/tls Secret with the server certificate.")
    private String secretName;

    @JsonPropertyDescription("Have cert-manager issue the certificate (when its CRDs exist).")
    private CertManagerIssuer issuer;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }

    public CertManagerIssuer getIssuer() {
        return issuer;
    }

    public void setIssuer(CertManagerIssuer issuer) {
        this.issuer = issuer;
    }
}
