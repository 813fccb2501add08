package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The per-kind rules of the built-in kinds that Vigil's objects meet on a real API server: the
 * status a new object starts with, and the fields an update may not change (a StatefulSet's spec
 * outside replicas, template and update strategy; a Deployment's selector; a PVC's spec outside its
 * storage request, which may only grow; a Pod's spec outside images and tolerations).
 */
final class BuiltInStrategies {

    private static final Set<String> MUTABLE_STATEFUL_SET_FIELDS =
            Set.of(
                    "replicas",
                    "ordinals",
                    "template",
                    "updateStrategy",
                    "revisionHistoryLimit",
                    "persistentVolumeClaimRetentionPolicy",
                    "minReadySeconds");

    private BuiltInStrategies() {}

    /**
     * Sets the defaults of a new object (a Secret's type, a Namespace's name label) and the status
     * it starts with.
     */
    static void prepareForCreate(ResourceType type, ObjectNode object) {
        prepareForUpdate(type, object);
        if (type.group().isEmpty()
                && type.plural().equals("secrets")
                && object.path("type").asText("").isEmpty()) {
            object.put("type", "Opaque");
        }
        if (!type.statusSubresource()) {
            return;
        }
        object.remove("status");
        switch (type.plural()) {
            case "pods" -> object.putObject("status").put("phase", "Pending");
            case "persistentvolumeclaims" -> object.putObject("status").put("phase", "Pending");
            case "namespaces" -> object.putObject("status").put("phase", "Active");
            case "services" -> object.putObject("status").putObject("loadBalancer");
            case "customresourcedefinitions" -> CrdStatus.establish(object);
            default -> object.putObject("status");
        }
    }

    /**
     * Sets what the server keeps on every write: a Namespace's {@code kubernetes.io/metadata.name}
     * label; a Secret's {@code stringData} folded into {@code data} (base64, over any key of the
     * same name), as the real server does: {@code stringData} is write-only and never stored.
     */
    static void prepareForUpdate(ResourceType type, ObjectNode object) {
        if (type.group().isEmpty() && type.plural().equals("namespaces")) {
            ObjectNode metadata = object.withObjectProperty("metadata");
            metadata.withObjectProperty("labels")
                    .put("kubernetes.io/metadata.name", metadata.path("name").asText());
        }
        if (type.group().isEmpty()
                && type.plural().equals("secrets")
                && object.get("stringData") instanceof ObjectNode stringData) {
            ObjectNode data = object.withObjectProperty("data");
            stringData
                    .fields()
                    .forEachRemaining(
                            entry ->
                                    data.put(
                                            entry.getKey(),
                                            Base64.getEncoder()
                                                    .encodeToString(
                                                            entry.getValue()
                                                                    .asText()
                                                                    .getBytes(
                                                                            StandardCharsets
                                                                                    .UTF_8))));
            object.remove("stringData");
        }
    }

    /** The problems of an update from {@code old} to {@code updated}; empty when allowed. */
    static List<ApiError.Cause> validateUpdate(ResourceType type, JsonNode old, JsonNode updated) {
        List<ApiError.Cause> causes = new ArrayList<>();
        switch (type.group() + "/" + type.plural()) {
            case "apps/statefulsets" -> {
                if (!specWithout(old, MUTABLE_STATEFUL_SET_FIELDS)
                        .equals(specWithout(updated, MUTABLE_STATEFUL_SET_FIELDS))) {
                    causes.add(
                            forbidden(
                                    "spec",
                                    "updates to statefulset spec for fields other than 'replicas',"
                                            + " 'ordinals', 'template', 'updateStrategy',"
                                            + " 'revisionHistoryLimit',"
                                            + " 'persistentVolumeClaimRetentionPolicy' and"
                                            + " 'minReadySeconds' are forbidden"));
                }
            }
            case "apps/deployments" -> {
                JsonNode selector = updated.path("spec").path("selector");
                if (!selector.equals(old.path("spec").path("selector"))) {
                    causes.add(
                            new ApiError.Cause(
                                    "FieldValueInvalid",
                                    "spec.selector",
                                    "Invalid value: " + selector + ": field is immutable"));
                }
            }
            case "/persistentvolumeclaims" -> validateClaimUpdate(old, updated, causes);
            case "/pods" -> {
                if (!podSpecForComparison(old).equals(podSpecForComparison(updated))) {
                    causes.add(
                            forbidden(
                                    "spec",
                                    "pod updates may not change fields other than"
                                            + " `spec.containers[*].image`,"
                                            + " `spec.initContainers[*].image`,"
                                            + " `spec.activeDeadlineSeconds`, `spec.tolerations`"
                                            + " (only additions to existing tolerations) or"
                                            + " `spec.terminationGracePeriodSeconds`"));
                }
            }
            default -> {}
        }
        return causes;
    }

    private static void validateClaimUpdate(
            JsonNode old, JsonNode updated, List<ApiError.Cause> causes) {
        Set<String> mutable = Set.of("resources", "volumeAttributesClassName", "volumeName");
        if (!specWithout(old, mutable).equals(specWithout(updated, mutable))) {
            causes.add(
                    forbidden(
                            "spec",
                            "spec is immutable after creation except resources.requests and"
                                    + " volumeAttributesClassName for bound claims"));
        }
        String before =
                old.path("spec").path("resources").path("requests").path("storage").asText("");
        String after =
                updated.path("spec").path("resources").path("requests").path("storage").asText("");
        if (!before.isEmpty()
                && !after.isEmpty()
                && Quantity.getAmountInBytes(new Quantity(after))
                                .compareTo(Quantity.getAmountInBytes(new Quantity(before)))
                        < 0) {
            causes.add(
                    forbidden(
                            "spec.resources.requests.storage",
                            "field can not be less than previous value"));
        }
    }

    private static ApiError.Cause forbidden(String field, String message) {
        return new ApiError.Cause("FieldValueForbidden", field, "Forbidden: " + message);
    }

    private static JsonNode specWithout(JsonNode object, Set<String> fields) {
        JsonNode spec = object.path("spec");
        if (!spec.isObject()) {
            return spec;
        }
        ObjectNode copy = ((ObjectNode) spec).deepCopy();
        copy.remove(fields);
        return copy;
    }

    /** A pod spec without what an update may change (and without nodeName, which binding sets). */
    private static JsonNode podSpecForComparison(JsonNode pod) {
        JsonNode spec =
                specWithout(
                        pod,
                        Set.of(
                                "activeDeadlineSeconds",
                                "tolerations",
                                "terminationGracePeriodSeconds",
                                "nodeName"));
        if (spec instanceof ObjectNode object) {
            for (String list : List.of("containers", "initContainers")) {
                if (object.get(list) instanceof ArrayNode containers) {
                    containers.forEach(container -> ((ObjectNode) container).remove("image"));
                }
            }
        }
        return spec;
    }
}
