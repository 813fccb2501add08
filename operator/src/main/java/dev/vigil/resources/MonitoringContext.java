package dev.vigil.resources;

import dev.vigil.api.v1alpha1.AlertPolicy;
import java.util.List;

/**
 * What the monitoring objects of a database depend on besides its spec.
 *
 * @param prometheusOperatorInstalled whether the cluster has the prometheus-operator CRDs; without
 *     them no monitor or rule is built (the rest of the database is, and status says why)
 * @param policies the AlertPolicies of the database's namespace; the builder picks those that
 *     select the database
 * @param runbookBaseUrl where the runbooks of the default alerts are published
 */
public record MonitoringContext(
        boolean prometheusOperatorInstalled, List<AlertPolicy> policies, String runbookBaseUrl) {

    /** Where runbooks are published unless the operator is told otherwise. */
    public static final String DEFAULT_RUNBOOK_BASE_URL =
            "https://github.com/vigil-dev/vigil/blob/main/docs/runbooks/";

    /** No prometheus-operator: monitors and rules are left out. */
    public static final MonitoringContext NONE =
            new MonitoringContext(false, List.of(), DEFAULT_RUNBOOK_BASE_URL);

    public MonitoringContext {
        policies = List.copyOf(policies);
    }

    /** The prometheus-operator is there, with these policies ({@code vigil render}, operator). */
    public static MonitoringContext installed(List<AlertPolicy> policies) {
        return new MonitoringContext(true, policies, DEFAULT_RUNBOOK_BASE_URL);
    }
}
