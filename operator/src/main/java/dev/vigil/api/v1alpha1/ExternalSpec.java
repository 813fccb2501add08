package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import java.util.List;

/** Where an External database is. */
@JsonClassDescription("Where an External database is.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExternalSpec {

    @JsonPropertyDescription("host:port of each member.")
    private List<String> endpoints;

    @JsonPropertyDescription(
            "A Secret key holding the connection URI (without credentials), instead of endpoints.")
    private SecretKeyReference uriSecret;

    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription(
            "Secret with keys 'username' and 'password' of the monitoring user on the external"
                    + " database.")
    private String credentialsSecretName;

    public List<String> getEndpoints() {
        return endpoints;
    }

    public void setEndpoints(List<String> endpoints) {
        this.endpoints = endpoints;
    }

    public SecretKeyReference getUriSecret() {
        return uriSecret;
    }

    public void setUriSecret(SecretKeyReference uriSecret) {
        this.uriSecret = uriSecret;
    }

    public String getCredentialsSecretName() {
        return credentialsSecretName;
    }

    public void setCredentialsSecretName(String credentialsSecretName) {
        this.credentialsSecretName = credentialsSecretName;
    }
}
