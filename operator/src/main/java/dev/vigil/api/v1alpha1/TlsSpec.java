package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** Server TLS for a Managed database; see docs/tls.md. */
@JsonClassDescription(
        "Server TLS for a Managed database: every connection to it, from members, the exporter,"
                + " Vigil and clients, must use TLS. Set exactly one of secretName and issuer."
                + " Changing it rolls the members. Not allowed in External mode (put TLS options in"
                + " the exporter's URI there).")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TlsSpec {

    @Default("false")
    @JsonPropertyDescription("Serve TLS, and refuse connections without it.")
    private Boolean enabled;

    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription(
            "Existing kubernetes.io/tls Secret in the database's namespace with tls.crt and"
                    + " tls.key, and ca.crt to verify the server (required for MongoDB, whose"
                    + " members verify each other). The database waits until it exists.")
    @Size(max = 253)
    private String secretName;

    @JsonPropertyDescription(
            "Have cert-manager issue the certificate: Vigil creates the Certificate <name>-tls"
                    + " (Secret <name>-tls) for every Service and member name of the database,"
                    + " and the database waits until it is issued. Needs cert-manager installed.")
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
