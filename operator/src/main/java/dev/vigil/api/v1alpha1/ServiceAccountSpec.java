package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** The ServiceAccount {@code <name>} the database's pods run as, which Vigil creates. */
@JsonClassDescription(
        "The ServiceAccount <name> that the database's pods run as (the members in Managed mode,"
                + " the exporter in External mode), which Vigil creates without any role.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceAccountSpec {

    @JsonPropertyDescription(
            "Annotations of the ServiceAccount, e.g. iam.gke.io/gcp-service-account for GKE"
                    + " Workload Identity or eks.amazonaws.com/role-arn for EKS IAM roles for"
                    + " service accounts. Each key must be a valid annotation key; keys under"
                    + " vigil.dev/ are Vigil's own. Removing one here removes it from the"
                    + " ServiceAccount; annotations added by others stay.")
    private Map<String, String> annotations;

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }
}
