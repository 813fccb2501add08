package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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

    public String getReplicaSetName() {
        return replicaSetName;
    }

    public void setReplicaSetName(String replicaSetName) {
        this.replicaSetName = replicaSetName;
    }
}
