package dev.vigil.reconciler.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides whether an object in the cluster already is what Vigil wants, so that an idle operator
 * sends no writes.
 *
 * <p>Every field Vigil sets must be present with the same value; fields Vigil does not set (API
 * server defaults, {@code status}, fields other controllers own) are ignored. Of the metadata only
 * labels, annotations and owner references count. Quantities compare by amount, because the API
 * server may rewrite {@code 0.5} as {@code 500m}.
 */
public final class DesiredStateMatcher {

    private static final List<String> OWNED_METADATA =
            List.of("labels", "annotations", "ownerReferences");
    private static final Pattern QUANTITY =
            Pattern.compile(
                    "^[+-]?[0-9.]+([eE][+-]?[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$");

    private DesiredStateMatcher() {}

    /** Whether {@code actual} holds everything {@code desired} says. */
    public static boolean matches(HasMetadata desired, HasMetadata actual) {
        JsonNode want = Serialization.jsonMapper().valueToTree(desired);
        JsonNode have = Serialization.jsonMapper().valueToTree(actual);
        for (String field : OWNED_METADATA) {
            JsonNode wanted = want.path("metadata").path(field);
            if (!wanted.isMissingNode() && !contains(have.path("metadata").path(field), wanted)) {
                return false;
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = want.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (name.equals("metadata") || name.equals("status")) {
                continue;
            }
            if (!contains(have.path(name), field.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(JsonNode actual, JsonNode desired) {
        if (desired.isNull()) {
            return actual.isMissingNode() || actual.isNull();
        }
        if (desired.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = desired.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!contains(actual.path(field.getKey()), field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (desired.isArray()) {
            if (!actual.isArray() || actual.size() != desired.size()) {
                return false;
            }
            for (int i = 0; i < desired.size(); i++) {
                if (!contains(actual.get(i), desired.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return desired.equals(actual) || sameQuantity(desired, actual);
    }

    private static boolean sameQuantity(JsonNode desired, JsonNode actual) {
        if (!desired.isTextual() || !actual.isTextual()) {
            return false;
        }
        String want = desired.asText();
        String have = actual.asText();
        if (!QUANTITY.matcher(want).matches() || !QUANTITY.matcher(have).matches()) {
            return false;
        }
        return new Quantity(want)
                        .getNumericalAmount()
                        .compareTo(new Quantity(have).getNumericalAmount())
                == 0;
    }
}
