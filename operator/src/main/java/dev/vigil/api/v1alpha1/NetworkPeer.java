package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;

/** Pods allowed to reach the database, selected by pod labels, namespace labels, or both. */
@ValidationRule(
        value = "has(self.podSelector) || has(self.namespaceSelector)",
        reason = "FieldValueRequired",
        message = ValidationMessages.NETWORK_PEER_EMPTY)
@JsonClassDescription(
        "Pods allowed to reach the database, selected by pod labels, namespace labels, or both.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NetworkPeer {

    @JsonPropertyDescription(
            "Pods with these labels (in the database's namespace unless namespaceSelector is set).")
    private LabelSelector podSelector;

    @JsonPropertyDescription("Namespaces with these labels.")
    private LabelSelector namespaceSelector;

    public LabelSelector getPodSelector() {
        return podSelector;
    }

    public void setPodSelector(LabelSelector podSelector) {
        this.podSelector = podSelector;
    }

    public LabelSelector getNamespaceSelector() {
        return namespaceSelector;
    }

    public void setNamespaceSelector(LabelSelector namespaceSelector) {
        this.namespaceSelector = namespaceSelector;
    }
}
