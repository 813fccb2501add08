package dev.vigil.testing.network;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Whether labels match a selector, as the API server decides it. Pure; shared by the tests'
 * NetworkPolicy evaluator and the e2e harness's Prometheus discovery.
 */
public final class LabelSelectors {

    private LabelSelectors() {}

    /**
     * Every entry of a Service's or a Prometheus's map selector must be among {@code labels}; an
     * empty map selects everything.
     */
    public static boolean matches(Map<String, String> required, Map<String, String> labels) {
        return required.entrySet().stream()
                .allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
    }

    /**
     * Every matchLabels entry and every matchExpressions requirement must hold; an empty (or
     * missing) selector matches everything.
     */
    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null && !matches(selector.getMatchLabels(), labels)) {
            return false;
        }
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
        return expressions == null
                || expressions.stream().allMatch(requirement -> holds(requirement, labels));
    }

    private static boolean holds(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
        return switch (requirement.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default ->
                    throw new IllegalArgumentException(
                            "unknown selector operator " + requirement.getOperator());
        };
    }
}
