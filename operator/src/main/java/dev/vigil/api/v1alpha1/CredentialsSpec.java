package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/**
 * Where the database credentials live. Passwords never appear in the spec, the status, Events or
 * logs.
 */
@JsonClassDescription(
        "Where the database credentials live. Passwords never appear in the spec, the status,"
                + " Events or logs.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CredentialsSpec {

    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription(
            "Existing Secret with keys 'username' and 'password' for the database administrator."
                    + " When unset Vigil generates '<name>-admin' once and never regenerates it.")
    @Size(max = 253)
    private String adminSecretName;

    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription(
            "Existing Secret with keys 'username' and 'password' for the least-privilege monitoring"
                    + " user of the exporter. When unset Vigil generates '<name>-monitoring'.")
    @Size(max = 253)
    private String monitoringSecretName;

    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription(
            "PostgreSQL only: existing Secret with keys 'username' and 'password' for the"
                    + " replication user. When unset Vigil generates '<name>-replication'.")
    @Size(max = 253)
    private String replicationSecretName;

    /**
     * A token: each new value asks for one monitoring-password rotation ({@code
     * dev.vigil.credentials.MonitoringPasswordRotation}).
     */
    @JsonPropertyDescription(
            "Change this value (any string, e.g. a date) to make Vigil generate a new monitoring"
                    + " password in its '<name>-monitoring' Secret, set it in the database and"
                    + " restart the exporters. With monitoringSecretName set Vigil never writes"
                    + " that Secret: a new value only restarts the exporters, after you changed"
                    + " the Secret. The annotation 'vigil.dev/rotate-monitoring-password' does the"
                    + " same without a spec change.")
    private String rotateMonitoringPassword;

    public String getAdminSecretName() {
        return adminSecretName;
    }

    public void setAdminSecretName(String adminSecretName) {
        this.adminSecretName = adminSecretName;
    }

    public String getMonitoringSecretName() {
        return monitoringSecretName;
    }

    public void setMonitoringSecretName(String monitoringSecretName) {
        this.monitoringSecretName = monitoringSecretName;
    }

    public String getReplicationSecretName() {
        return replicationSecretName;
    }

    public void setReplicationSecretName(String replicationSecretName) {
        this.replicationSecretName = replicationSecretName;
    }

    public String getRotateMonitoringPassword() {
        return rotateMonitoringPassword;
    }

    public void setRotateMonitoringPassword(String rotateMonitoringPassword) {
        this.rotateMonitoringPassword = rotateMonitoringPassword;
    }
}
