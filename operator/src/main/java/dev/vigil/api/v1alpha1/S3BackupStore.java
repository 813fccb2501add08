package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * An S3-compatible bucket. Each database's backups go under <prefix>/<namespace>/<name>.
 * Credentials come from Secrets only; they never appear in arguments, logs or status.
 */
@JsonClassDescription(
        "An S3-compatible bucket. Each database's backups go under <prefix>/<namespace>/<name>."
                + " Credentials come from Secrets only; they never appear in arguments, logs or"
                + " status.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class S3BackupStore {

    @Required
    @Pattern("^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?/?$")
    @JsonPropertyDescription(
            "HTTPS URL of the service, e.g. https://s3.eu-west-1.amazonaws.com or"
                + " https://minio.storage.svc:9000, without a path. pgBackRest speaks S3 over TLS"
                + " only.")
    private String endpoint;

    @Required
    @Pattern("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
    @JsonPropertyDescription("The bucket, which must exist.")
    private String bucket;

    @Pattern("^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")
    @JsonPropertyDescription(
            "Path in the bucket under which the databases' repositories go, e.g. vigil/production.")
    private String prefix;

    @JsonPropertyDescription("The region the request signatures name; us-east-1 when unset.")
    private String region;

    @Pattern("^(Path|Host)$")
    @JsonPropertyDescription(
            "Path (https://endpoint/bucket/key, what MinIO-style stores expect) or Host"
                    + " (https://bucket.endpoint/key, AWS's virtual hosts); Path when unset.")
    private String uriStyle;

    @Required
    @JsonPropertyDescription("The access key id.")
    private SecretKeyReference accessKeyId;

    @Required
    @JsonPropertyDescription("The secret access key.")
    private SecretKeyReference secretAccessKey;

    @JsonPropertyDescription(
            "A CA certificate (PEM) to verify the endpoint with, for a private CA; the system's CAs"
                    + " otherwise.")
    private SecretKeyReference ca;

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getUriStyle() {
        return uriStyle;
    }

    public void setUriStyle(String uriStyle) {
        this.uriStyle = uriStyle;
    }

    public SecretKeyReference getAccessKeyId() {
        return accessKeyId;
    }

    public void setAccessKeyId(SecretKeyReference accessKeyId) {
        this.accessKeyId = accessKeyId;
    }

    public SecretKeyReference getSecretAccessKey() {
        return secretAccessKey;
    }

    public void setSecretAccessKey(SecretKeyReference secretAccessKey) {
        this.secretAccessKey = secretAccessKey;
    }

    public SecretKeyReference getCa() {
        return ca;
    }

    public void setCa(SecretKeyReference ca) {
        this.ca = ca;
    }
}
