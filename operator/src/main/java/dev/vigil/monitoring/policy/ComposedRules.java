package dev.vigil.monitoring.policy;

import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.Priority;
import dev.vigil.monitoring.AlertRule;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A database's final alert rules and what each selecting policy contributed.
 *
 * @param rules the rules for the database's PrometheusRule: default alerts first in their given
 *     order (retuned, or left out when turned off), then custom rules by policy order, then by
 *     alert name
 * @param outcomes per policy, keyed by {@link #policyKey}, in policy order; every policy given to
 *     the composer has an entry, even one that changed nothing
 * @param priorityLabels the labels each priority carries once the policies' mappings applied: what
 *     Vigil's other generated alerts (the SLO alerts) carry too
 */
public record ComposedRules(
        List<AlertRule> rules,
        Map<String, PolicyOutcome> outcomes,
        Map<Priority, Map<String, String>> priorityLabels) {

    public ComposedRules {
        rules = List.copyOf(rules);
        priorityLabels = Map.copyOf(priorityLabels);
        // Map.copyOf would lose the policy order, which makes status and logs easier to read.
        outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }

    /** The key of {@code policy} in {@link #outcomes}: {@code namespace/name}. */
    public static String policyKey(AlertPolicy policy) {
        return policy.getMetadata().getNamespace() + "/" + policy.getMetadata().getName();
    }

    /** What {@code policy} contributed, or null when it was not given to the composer. */
    public PolicyOutcome outcome(AlertPolicy policy) {
        return outcomes.get(policyKey(policy));
    }
}
