package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Retunes the default alert rules of the databases it selects, adds custom rules, maps priorities
 * to labels and routes alerts.
 */
@Group(MonitoredDatabase.GROUP)
@Version(MonitoredDatabase.VERSION)
@Kind("AlertPolicy")
@Plural("alertpolicies")
@Singular("alertpolicy")
@ShortNames("ap")
@JsonClassDescription(
        "Retunes the default alert rules of the databases it selects, adds custom rules, maps"
                + " priorities to labels and routes alerts.")
@AdditionalPrinterColumn(
        name = "Ready",
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class AlertPolicy extends CustomResource<AlertPolicySpec, AlertPolicyStatus>
        implements Namespaced {}
