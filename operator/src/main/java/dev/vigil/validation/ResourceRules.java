package dev.vigil.validation;

import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code spec.resources} and {@code spec.exporter.resources}: quantities the API server accepts on
 * a container. The CRD takes any string or integer there, and the server refused the StatefulSet
 * Vigil made of {@code cpu: surprise} (a 500 on every pass).
 */
final class ResourceRules {

    static final String NOT_A_QUANTITY =
            "is not a quantity: a number of at least 0 with an optional suffix, e.g. 500m, 2,"
                    + " 512Mi, 1Gi";
    static final String NOT_A_RESOURCE_NAME =
            "is not a resource name, such as cpu, memory or example.com/gpu";

    /** Kubernetes' quantity grammar, without a sign: a container asks for no negative amount. */
    private static final Pattern QUANTITY =
            Pattern.compile(
                    "(\\+?)([0-9]+(\\.[0-9]*)?|\\.[0-9]+)"
                            + "(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?");

    /** A qualified name: an optional DNS subdomain prefix and '/', then a name. */
    private static final Pattern NAME =
            Pattern.compile(
                    "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
                            + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

    private ResourceRules() {}

    static void check(MonitoredDatabaseSpec spec, List<FieldError> errors) {
        check("spec.resources", spec.getResources(), errors);
        if (spec.getExporter() != null) {
            check("spec.exporter.resources", spec.getExporter().getResources(), errors);
        }
    }

    private static void check(
            String field, ResourceRequirements resources, List<FieldError> errors) {
        if (resources == null) {
            return;
        }
        check(field + ".requests", resources.getRequests(), errors);
        check(field + ".limits", resources.getLimits(), errors);
    }

    private static void check(
            String field, Map<String, Quantity> amounts, List<FieldError> errors) {
        if (amounts == null) {
            return;
        }
        amounts.forEach(
                (name, amount) -> {
                    if (name.length() > 316 || !NAME.matcher(name).matches()) {
                        errors.add(
                                new FieldError(
                                        field + "." + name,
                                        "'" + name + "' " + NOT_A_RESOURCE_NAME));
                    } else if (amount == null || !QUANTITY.matcher(text(amount)).matches()) {
                        errors.add(new FieldError(field + "." + name, NOT_A_QUANTITY));
                    }
                });
    }

    private static String text(Quantity amount) {
        return amount.getAmount() + (amount.getFormat() == null ? "" : amount.getFormat());
    }
}
