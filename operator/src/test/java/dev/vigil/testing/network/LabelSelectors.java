package dev.vigil.testing.network;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/** Whether labels match a {@link LabelSelector}, as the API server decides it. */
final class LabelSelectors {

    private LabelSelectors() {}

    /**
     * Every matchLabels entry and every matchExpressions requirement must hold; an empty selector
     * matches everything.
     */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        Map<String, String> required = selector.getMatchLabels();
        if (required != null) {
            for (Map.Entry<String, String> entry : required.entrySet()) {
                if (!entry.getValue().equals(labels.get(entry.getKey()))) {
                    return false;
                }
            }
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
