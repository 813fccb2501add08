package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** MongoDB settings. */
@JsonClassDescription("MongoDB settings.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MongoDBSpec {

    @Default("rs0")
    @Pattern("^[A-Za-z0-9_-]{1,64}$")
    @JsonPropertyDescription("Name of the replica set.")
    private String replicaSetName;

    @PreserveUnknownFields
    @JsonPropertyDescription(
            "mongod configuration-file options merged into Vigil's mongod.conf, written as in"
                    + " that file, e.g. {operationProfiling: {mode: slowOp, slowOpThresholdMs:"
                    + " 100}, setParameter: {...}, storage: {wiredTiger: ...}}. The options Vigil"
                    + " owns are refused: net.port, net.bindIp*, net.tls, replication, security,"
                    + " storage.dbPath, processManagement and systemLog.destination/path.")
    private JsonNode configuration;

    public String getReplicaSetName() {
        return replicaSetName;
    }

    public void setReplicaSetName(String replicaSetName) {
        this.replicaSetName = replicaSetName;
    }

    public JsonNode getConfiguration() {
        return configuration;
    }

    public void setConfiguration(JsonNode configuration) {
        this.configuration = configuration;
    }
}
