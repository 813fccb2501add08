package dev.vigil.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
                    "^[+-]?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$");
    // Where Kubernetes objects hold quantities: resource requests and limits (containers and
    // volume claims) and emptyDir size limits.
    private static final Set<String> QUANTITY_MAPS = Set.of("requests", "limits");
    private static final String SIZE_LIMIT = "sizeLimit";

    private DesiredStateMatcher() {}

    /** Whether {@code actual} holds everything {@code desired} says. */
    public static boolean matches(HasMetadata desired, HasMetadata actual) {
        JsonNode want = Serialization.jsonMapper().valueToTree(desired);
        JsonNode have = Serialization.jsonMapper().valueToTree(actual);
        for (String field : OWNED_METADATA) {
            JsonNode wanted = want.path("metadata").path(field);
            if (!wanted.isMissingNode()
                    && !contains(have.path("metadata").path(field), wanted, "metadata", field)) {
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
            if (!contains(have.path(name), field.getValue(), "", name)) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(
            JsonNode actual, JsonNode desired, String parentKey, String key) {
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
                if (!contains(actual.path(field.getKey()), field.getValue(), key, field.getKey())) {
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
                if (!contains(actual.get(i), desired.get(i), parentKey, key)) {
                    return false;
                }
            }
            return true;
        }
        boolean quantity = QUANTITY_MAPS.contains(parentKey) || SIZE_LIMIT.equals(key);
        return desired.equals(actual) || (quantity && sameQuantity(desired, actual));
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
