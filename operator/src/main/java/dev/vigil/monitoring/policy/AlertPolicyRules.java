package dev.vigil.monitoring.policy;

import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.AlertPolicySpec;
import dev.vigil.api.v1alpha1.CustomRule;
import dev.vigil.api.v1alpha1.PriorityMapping;
import dev.vigil.api.v1alpha1.RuleOverride;
import dev.vigil.api.v1alpha1.ValidationMessages;
import dev.vigil.validation.FieldError;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Vigil's own rules for an AlertPolicy, the ones its CRD schema cannot express: names that must be
 * unique within the policy, routing Alertmanager would accept ({@link RoutingRules}), custom rule
 * expressions that must parse, and a selector that must select something. Used by {@code vigil
 * validate} and by the reconciler before it acts on a policy.
 *
 * <p>Things that depend on the selected databases (an override naming an alert the engine does not
 * have, a rule clashing with another policy's) are not errors of the policy itself: {@link
 * RuleComposer} rejects them per database and the policy's status reports them.
 */
public final class AlertPolicyRules {

    /** Also the CRD's CEL rule on {@code spec.selector}. */
    public static final String SELECTS_NOTHING = ValidationMessages.SELECTS_NOTHING;

    /**
     * Stand-in database name for checking a custom rule's {@code expr} before it meets a real
     * database; any valid name gives the same verdict as long as the placeholder is used where a
     * name belongs.
     */
    static final String SAMPLE_DATABASE = "database";

    private AlertPolicyRules() {}

    /**
     * The problems of {@code defaulted}, an AlertPolicy that passed its CRD schema and has its
     * defaults applied.
     *
     * @param syntaxCheck checks a PromQL expression: the error message, or empty when it parses
     */
    public static List<FieldError> check(
            AlertPolicy defaulted, Function<String, Optional<String>> syntaxCheck) {
        List<FieldError> errors = new ArrayList<>();
        AlertPolicySpec spec = defaulted.getSpec();
        if (spec == null) {
            errors.add(new FieldError("spec.selector", SELECTS_NOTHING));
            return errors;
        }
        checkSelector(spec, errors);
        checkOverrides(spec, errors);
        checkRules(defaulted, spec, syntaxCheck, errors);
        checkPriorities(spec, errors);
        RoutingRules.check(spec.getRouting(), errors);
        return errors;
    }

    private static void checkSelector(AlertPolicySpec spec, List<FieldError> errors) {
        if (PolicySelection.isEmpty(spec.getSelector())) {
            errors.add(new FieldError("spec.selector", SELECTS_NOTHING));
            return;
        }
        List<LabelSelectorRequirement> expressions = spec.getSelector().getMatchExpressions();
        for (int i = 0; expressions != null && i < expressions.size(); i++) {
            checkRequirement(
                    expressions.get(i), "spec.selector.matchExpressions[" + i + "]", errors);
        }
    }

    /** The rules the Kubernetes API server applies to a label selector requirement. */
    private static void checkRequirement(
            LabelSelectorRequirement requirement, String field, List<FieldError> errors) {
        boolean hasValues = requirement.getValues() != null && !requirement.getValues().isEmpty();
        String operator = String.valueOf(requirement.getOperator());
        switch (operator) {
            case PolicySelection.IN, PolicySelection.NOT_IN -> {
                if (!hasValues) {
                    errors.add(
                            new FieldError(
                                    field + ".values",
                                    "must not be empty when the operator is " + operator));
                }
            }
            case PolicySelection.EXISTS, PolicySelection.DOES_NOT_EXIST -> {
                if (hasValues) {
                    errors.add(
                            new FieldError(
                                    field + ".values",
                                    "must be empty when the operator is " + operator));
                }
            }
            default ->
                    errors.add(
                            new FieldError(
                                    field + ".operator",
                                    "must be In, NotIn, Exists or DoesNotExist"));
        }
    }

    private static void checkOverrides(AlertPolicySpec spec, List<FieldError> errors) {
        Map<String, Integer> seen = new HashMap<>();
        List<RuleOverride> overrides = listOf(spec.getOverrides());
        for (int i = 0; i < overrides.size(); i++) {
            duplicate(
                    seen,
                    overrides.get(i).getAlert(),
                    i,
                    "spec.overrides",
                    "alert",
                    "one override per alert",
                    errors);
        }
    }

    private static void checkRules(
            AlertPolicy policy,
            AlertPolicySpec spec,
            Function<String, Optional<String>> syntaxCheck,
            List<FieldError> errors) {
        Map<String, Integer> seen = new HashMap<>();
        List<CustomRule> rules = listOf(spec.getRules());
        for (int i = 0; i < rules.size(); i++) {
            CustomRule rule = rules.get(i);
            duplicate(
                    seen,
                    rule.getAlert(),
                    i,
                    "spec.rules",
                    "alert",
                    "alert names must be unique within the policy",
                    errors);
            if (rule.getExpr() != null) {
                String expr =
                        ExprPlaceholders.substitute(
                                rule.getExpr(),
                                String.valueOf(policy.getMetadata().getNamespace()),
                                SAMPLE_DATABASE);
                int index = i;
                syntaxCheck
                        .apply(expr)
                        .ifPresent(
                                message ->
                                        errors.add(
                                                new FieldError(
                                                        "spec.rules[" + index + "].expr",
                                                        message)));
            }
        }
    }

    private static void checkPriorities(AlertPolicySpec spec, List<FieldError> errors) {
        Map<String, Integer> seen = new HashMap<>();
        List<PriorityMapping> mappings = listOf(spec.getPriorities());
        for (int i = 0; i < mappings.size(); i++) {
            duplicate(
                    seen,
                    String.valueOf(mappings.get(i).getPriority()),
                    i,
                    "spec.priorities",
                    "priority",
                    "one mapping per priority",
                    errors);
        }
    }

    /**
     * Records {@code value} at {@code index}, reporting it when an earlier entry had it: the later
     * entry is the one reported, pointing at the first so the two can be found. {@code reason} says
     * which rule the duplicate breaks.
     */
    static void duplicate(
            Map<String, Integer> seen,
            String value,
            int index,
            String list,
            String key,
            String reason,
            List<FieldError> errors) {
        if (value == null) {
            return;
        }
        Integer first = seen.putIfAbsent(value, index);
        if (first != null) {
            errors.add(
                    new FieldError(
                            list + "[" + index + "]." + key,
                            value + " is already used by " + list + "[" + first + "]; " + reason));
        }
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }
}
