package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import java.util.Map;

/** PostgreSQL settings. */
@JsonClassDescription("PostgreSQL settings.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PostgresSpec {

    @Default("Manual")
    @JsonPropertyDescription(
            "Manual (default): report a lost primary and wait. Automatic: promote the most advanced"
                    + " standby.")
    private FailoverPolicy failover;

    @JsonPropertyDescription("Extra postgresql.conf parameters.")
    private Map<String, String> parameters;

    public FailoverPolicy getFailover() {
        return failover;
    }

    public void setFailover(FailoverPolicy failover) {
        this.failover = failover;
    }

    public Map<String, String> getParameters() {
        return parameters;
    }

    public void setParameters(Map<String, String> parameters) {
        this.parameters = parameters;
    }
}
