package dev.vigil.monitoring;

import dev.vigil.api.v1alpha1.AlertPolicy;
import java.util.List;
import java.util.Map;

/**
 * What the monitoring objects of a database depend on besides its spec.
 *
 * @param prometheusOperatorInstalled whether the cluster has the prometheus-operator CRDs; without
 *     them no monitor or rule is built (the rest of the database is, and status says why)
 * @param policies the AlertPolicies of the database's namespace; the builder picks those that
 *     select the database
 * @param runbookBaseUrl where the runbooks of the default alerts are published, ending with {@code
 *     /} ({@link RunbookBaseUrl}): the operator's {@code --runbook-base-url}
 * @param overridable every engine's default alerts by name ({@link DefaultAlerts#everyEngine}):
 *     what a policy's override may name, even where the alert does not apply
 */
public record MonitoringContext(
        boolean prometheusOperatorInstalled,
        List<AlertPolicy> policies,
        String runbookBaseUrl,
        Map<String, DefaultAlert> overridable) {

    /** Where runbooks are published unless the operator is told otherwise. */
    public static final String DEFAULT_RUNBOOK_BASE_URL =
            "https://github.com/vigil-dev/vigil/blob/main/docs/runbooks/";

    /** No prometheus-operator: monitors and rules are left out. */
    public static final MonitoringContext NONE =
            new MonitoringContext(false, List.of(), DEFAULT_RUNBOOK_BASE_URL, Map.of());

    public MonitoringContext {
        policies = List.copyOf(policies);
        overridable = Map.copyOf(overridable);
    }

    /**
     * The prometheus-operator is there, with these policies ({@code vigil render}, operator), and
     * these alerts that overrides may name.
     */
    public static MonitoringContext installed(
            List<AlertPolicy> policies, Map<String, DefaultAlert> overridable) {
        return new MonitoringContext(true, policies, DEFAULT_RUNBOOK_BASE_URL, overridable);
    }

    /**
     * This context, with the runbooks published under {@code baseUrl}, which ends with {@code /}.
     */
    public MonitoringContext withRunbookBaseUrl(String baseUrl) {
        return new MonitoringContext(prometheusOperatorInstalled, policies, baseUrl, overridable);
    }
}
