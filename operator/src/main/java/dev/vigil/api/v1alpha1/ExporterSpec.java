package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;

/** The metrics exporter: percona mongodb_exporter or prometheus-community postgres_exporter. */
@JsonClassDescription(
        "The metrics exporter: percona mongodb_exporter or prometheus-community postgres_exporter.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExporterSpec {

    @Default("true")
    @JsonPropertyDescription(
            "Run the exporter. Without it there is no scrape and no database alerts.")
    private Boolean enabled;

    @JsonPropertyDescription("Exporter image; a tested default per engine when unset.")
    private String image;

    @Min(1024)
    @Max(65535)
    @JsonPropertyDescription(
            "Port of the exporter's metrics endpoint; 9216 for MongoDB and 9187 for PostgreSQL when"
                    + " unset.")
    private Integer port;

    @JsonPropertyDescription(
            "Extra command-line arguments for the exporter (for example collector switches).")
    private List<String> args;

    @JsonPropertyDescription("Resources of the exporter container.")
    private ResourceRequirements resources;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public List<String> getArgs() {
        return args;
    }

    public void setArgs(List<String> args) {
        this.args = args;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }
}
