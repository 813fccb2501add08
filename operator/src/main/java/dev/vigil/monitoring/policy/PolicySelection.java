package dev.vigil.monitoring.policy;

import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.DatabaseSelector;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether an AlertPolicy applies to a MonitoredDatabase.
 *
 * <p>A policy only ever selects databases of its own namespace: a policy author cannot retune or
 * silence alerts of a namespace they may not even be able to read. Within it, a database is
 * selected when it matches the label selector ({@code matchLabels} and {@code matchExpressions},
 * with Kubernetes label selector semantics, all of them required) or when it is listed in {@code
 * names}.
 *
 * <p>Unlike a Kubernetes label selector, an empty selector selects <em>nothing</em>: a policy can
 * turn alerts off, and a policy that silently applied to every database because a field was left
 * out would be a dangerous default. A policy must say which databases it means; {@link
 * AlertPolicyRules} reports an empty selector as an error.
 */
public final class PolicySelection {

    static final String IN = "In";
    static final String NOT_IN = "NotIn";
    static final String EXISTS = "Exists";
    static final String DOES_NOT_EXIST = "DoesNotExist";

    private PolicySelection() {}

    /** True when {@code policy} applies to {@code database}. */
    public static boolean selects(AlertPolicy policy, MonitoredDatabase database) {
        if (!Objects.equals(
                policy.getMetadata().getNamespace(), database.getMetadata().getNamespace())) {
            return false;
        }
        DatabaseSelector selector =
                policy.getSpec() == null ? null : policy.getSpec().getSelector();
        if (selector == null) {
            return false;
        }
        if (selector.getNames() != null
                && selector.getNames().contains(database.getMetadata().getName())) {
            return true;
        }
        return hasLabelSelector(selector) && matchesLabels(selector, labelsOf(database));
    }

    /** True when the selector names no database and gives no label requirement. */
    static boolean isEmpty(DatabaseSelector selector) {
        return selector == null
                || (!hasLabelSelector(selector) && isNullOrEmpty(selector.getNames()));
    }

    private static boolean hasLabelSelector(DatabaseSelector selector) {
        boolean labels = selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty();
        return labels || !isNullOrEmpty(selector.getMatchExpressions());
    }

    private static boolean matchesLabels(DatabaseSelector selector, Map<String, String> labels) {
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> wanted : selector.getMatchLabels().entrySet()) {
                if (!Objects.equals(labels.get(wanted.getKey()), wanted.getValue())) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
                if (!meets(requirement, labels)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Kubernetes semantics: {@code NotIn} also matches a database without the label, and an
     * operator Kubernetes does not know matches nothing, so a typo narrows a policy instead of
     * widening it.
     */
    private static boolean meets(LabelSelectorRequirement requirement, Map<String, String> labels) {
        List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
        String value = labels.get(requirement.getKey());
        String operator = requirement.getOperator() == null ? "" : requirement.getOperator();
        return switch (operator) {
            case IN -> value != null && values.contains(value);
            case NOT_IN -> value == null || !values.contains(value);
            case EXISTS -> value != null;
            case DOES_NOT_EXIST -> value == null;
            default -> false;
        };
    }

    private static Map<String, String> labelsOf(MonitoredDatabase database) {
        Map<String, String> labels = database.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    private static boolean isNullOrEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }
}
