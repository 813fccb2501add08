package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How clients reach the database. No credentials here: they are in the Secrets. */
@JsonClassDescription(
        "How clients reach the database. No credentials here: they are in the Secrets.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatabaseEndpoints {

    @JsonPropertyDescription("host:port of the read-write Service.")
    private String readWrite;

    @JsonPropertyDescription("host:port of the read-only Service (PostgreSQL).")
    private String readOnly;

    @JsonPropertyDescription(
            "Comma-separated host:port of every member, by their stable DNS names.")
    private String members;

    @JsonPropertyDescription("Connection string without credentials.")
    private String connectionString;

    @JsonPropertyDescription("host:port of the exporter Service.")
    private String metrics;

    public String getReadWrite() {
        return readWrite;
    }

    public void setReadWrite(String readWrite) {
        this.readWrite = readWrite;
    }

    public String getReadOnly() {
        return readOnly;
    }

    public void setReadOnly(String readOnly) {
        this.readOnly = readOnly;
    }

    public String getMembers() {
        return members;
    }

    public void setMembers(String members) {
        this.members = members;
    }

    public String getConnectionString() {
        return connectionString;
    }

    public void setConnectionString(String connectionString) {
        this.connectionString = connectionString;
    }

    public String getMetrics() {
        return metrics;
    }

    public void setMetrics(String metrics) {
        this.metrics = metrics;
    }
}
