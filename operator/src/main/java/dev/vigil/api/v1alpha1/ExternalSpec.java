package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Where an External database is. */
@JsonClassDescription("Where an External database is.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExternalSpec {

    @JsonPropertyDescription(
            "host:port of each member. MongoDB: every member, one replica set the exporter"
                    + " discovers. PostgreSQL: the primary (only the first endpoint is used),"
                    + " with sslmode=require. Set this or uriSecret.")
    private List<String> endpoints;

    @JsonPropertyDescription(
            "A Secret key holding the connection URI, without credentials, instead of endpoints."
                + " MongoDB: a mongodb:// or mongodb+srv:// URI. PostgreSQL: postgres_exporter's"
                + " DATA_SOURCE_URI, host:port/database?parameters without a scheme.")
    private SecretKeyReference uriSecret;

    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription(
            "Secret with keys 'username' and 'password' of the least-privilege monitoring user on"
                    + " the external database (MongoDB: clusterMonitor and read on local;"
                    + " PostgreSQL: pg_monitor). Required in External mode.")
    @Size(max = 253)
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
