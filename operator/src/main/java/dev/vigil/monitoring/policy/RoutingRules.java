package dev.vigil.monitoring.policy;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.vigil.api.v1alpha1.AlertMatcher;
import dev.vigil.api.v1alpha1.AlertReceiver;
import dev.vigil.api.v1alpha1.AlertRoute;
import dev.vigil.api.v1alpha1.AlertRouting;
import dev.vigil.names.StandardLabels;
import dev.vigil.validation.FieldError;
import io.fabric8.kubernetes.client.utils.KubernetesResourceUtil;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of an AlertPolicy's {@code spec.routing} that its CRD schema cannot express (the
 * schema already holds durations, label names and match types to their formats): receiver names
 * unique, routes naming a receiver of the policy, regular expressions that compile as RE2 (the
 * syntax of Go's regexp, which Alertmanager uses), intervals Alertmanager accepts, and labels for
 * the AlertmanagerConfig that Kubernetes accepts and that do not replace Vigil's own.
 */
final class RoutingRules {

    /** The labels Vigil puts on every AlertmanagerConfig it renders. */
    static final Set<String> VIGIL_LABELS =
            Set.of(
                    StandardLabels.NAME,
                    StandardLabels.INSTANCE,
                    StandardLabels.COMPONENT,
                    StandardLabels.PART_OF,
                    StandardLabels.MANAGED_BY);

    private static final String LABELS_FIELD = "spec.routing.alertmanagerConfigLabels";

    private RoutingRules() {}

    /** Adds the problems of {@code routing} (null: none) to {@code errors}. */
    static void check(AlertRouting routing, List<FieldError> errors) {
        if (routing == null) {
            return;
        }
        Map<String, Integer> receivers = new HashMap<>();
        List<AlertReceiver> receiverList = listOf(routing.getReceivers());
        for (int i = 0; i < receiverList.size(); i++) {
            AlertPolicyRules.duplicate(
                    receivers,
                    receiverList.get(i).getName(),
                    i,
                    "spec.routing.receivers",
                    "name",
                    "receiver names must be unique",
                    errors);
        }
        List<AlertRoute> routes = listOf(routing.getRoutes());
        for (int i = 0; i < routes.size(); i++) {
            String field = "spec.routing.routes[" + i + "]";
            AlertRoute route = routes.get(i);
            String receiver = route.getReceiver();
            if (receiver != null && !receivers.containsKey(receiver)) {
                errors.add(
                        new FieldError(
                                field + ".receiver",
                                "names receiver "
                                        + receiver
                                        + ", which is not in spec.routing.receivers"));
            }
            checkNotZero(route.getGroupInterval(), field + ".groupInterval", errors);
            checkNotZero(route.getRepeatInterval(), field + ".repeatInterval", errors);
            List<AlertMatcher> matchers = listOf(route.getMatchers());
            for (int m = 0; m < matchers.size(); m++) {
                checkRegex(matchers.get(m), field + ".matchers[" + m + "].value", errors);
            }
        }
        checkLabels(routing.getAlertmanagerConfigLabels(), errors);
    }

    /**
     * Alertmanager anchors a matcher's regular expression ({@code ^(?:value)$}) and compiles it
     * with Go's regexp; RE2/J takes the same syntax.
     */
    private static void checkRegex(AlertMatcher matcher, String field, List<FieldError> errors) {
        if (matcher.getMatchType() == null || !matcher.getMatchType().isRegex()) {
            return;
        }
        String value = matcher.getValue() == null ? "" : matcher.getValue();
        try {
            Pattern.compile("^(?:" + value + ")$");
        } catch (PatternSyntaxException e) {
            errors.add(
                    new FieldError(
                            field,
                            "is not an RE2 regular expression, as Alertmanager requires for "
                                    + matcher.getMatchType().symbol()
                                    + ": "
                                    + e.getDescription()
                                    + " in "
                                    + value));
        }
    }

    /** The schema admits {@code 0s}; Alertmanager refuses a zero group or repeat interval. */
    private static void checkNotZero(String duration, String field, List<FieldError> errors) {
        if (duration != null
                && !duration.isEmpty()
                && duration.replaceAll("[^1-9]", "").isEmpty()) {
            errors.add(new FieldError(field, "must not be zero: Alertmanager refuses it"));
        }
    }

    private static void checkLabels(Map<String, String> labels, List<FieldError> errors) {
        if (labels == null) {
            return;
        }
        labels.forEach(
                (key, value) -> {
                    String field = LABELS_FIELD + "." + key;
                    if (VIGIL_LABELS.contains(key)) {
                        errors.add(
                                new FieldError(
                                        field,
                                        "is set by Vigil on every object it creates and cannot be"
                                                + " replaced"));
                    } else if (!KubernetesResourceUtil.isValidKey(key)) {
                        errors.add(
                                new FieldError(
                                        field,
                                        "is not a valid label key: an optional DNS subdomain"
                                                + " prefix and '/', then at most 63 letters,"
                                                + " digits, '-', '_' or '.', starting and ending"
                                                + " with a letter or digit"));
                    } else if (!KubernetesResourceUtil.areLabelsValid(Map.of(key, value))) {
                        errors.add(
                                new FieldError(
                                        field,
                                        "is not a valid label value: at most 63 letters, digits,"
                                                + " '-', '_' or '.', starting and ending with a"
                                                + " letter or digit, or empty"));
                    }
                });
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }
}
