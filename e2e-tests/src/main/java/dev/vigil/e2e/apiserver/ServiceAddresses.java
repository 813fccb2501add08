package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Service fields the API server fills in: the type ({@code ClusterIP}), a cluster IP from the
 * range (none for a headless Service, {@code clusterIP: None}), the IP family fields, and each
 * port's protocol and target port; on an update, the cluster IP stays what it was.
 */
final class ServiceAddresses {

    private final ClusterIpAllocator allocator;

    ServiceAddresses(ClusterIpAllocator allocator) {
        this.allocator = allocator;
    }

    /** Defaults a new Service and gives it a cluster IP not used by {@code existing}. */
    void assign(ObjectNode service, List<? extends JsonNode> existing) {
        ObjectNode spec = service.withObjectProperty("spec");
        if (!spec.has("type")) {
            spec.put("type", "ClusterIP");
        }
        if (!spec.has("sessionAffinity")) {
            spec.put("sessionAffinity", "None");
        }
        for (JsonNode port : spec.path("ports")) {
            ObjectNode portNode = (ObjectNode) port;
            if (!portNode.has("protocol")) {
                portNode.put("protocol", "TCP");
            }
            if (!portNode.has("targetPort") && portNode.has("port")) {
                portNode.set("targetPort", portNode.get("port"));
            }
        }
        if (spec.path("type").asText().equals("ExternalName")) {
            return;
        }
        String requested = spec.path("clusterIP").asText("");
        if (requested.isEmpty() && spec.path("clusterIPs").size() > 0) {
            requested = spec.path("clusterIPs").get(0).asText();
        }
        String ip;
        if (requested.equals("None")) {
            ip = "None";
        } else {
            Set<String> inUse = new HashSet<>();
            existing.forEach(other -> inUse.add(other.path("spec").path("clusterIP").asText()));
            if (requested.isEmpty()) {
                ip = allocator.allocate(inUse);
            } else if (!allocator.contains(requested)) {
                throw invalid(
                        service,
                        "Invalid value: \""
                                + requested
                                + "\": provided IP is not in the valid range. The range of valid"
                                + " IPs is "
                                + allocator.range());
            } else if (inUse.contains(requested)) {
                throw invalid(
                        service,
                        "Invalid value: \"" + requested + "\": provided IP is already allocated");
            } else {
                ip = requested;
            }
        }
        spec.put("clusterIP", ip);
        ArrayNode ips = spec.putArray("clusterIPs");
        ips.add(ip);
        if (!ip.equals("None") || !spec.has("ipFamilies")) {
            spec.putArray("ipFamilies").add("IPv4");
        }
        spec.put("ipFamilyPolicy", "SingleStack");
        if (!spec.has("internalTrafficPolicy")) {
            spec.put("internalTrafficPolicy", "Cluster");
        }
    }

    /**
     * Keeps the cluster IP of {@code stored} in {@code updated}; a request that leaves it out gets
     * it back, one that changes it is refused.
     */
    void keep(JsonNode stored, ObjectNode updated) {
        JsonNode before = stored.path("spec").path("clusterIP");
        ObjectNode spec = updated.withObjectProperty("spec");
        String after = spec.path("clusterIP").asText("");
        if (after.isEmpty()) {
            copy(stored, spec);
        } else if (!after.equals(before.asText())) {
            throw invalid(updated, "Invalid value: [\"" + after + "\"]: may not change once set");
        } else if (!spec.has("clusterIPs")) {
            copy(stored, spec);
        }
    }

    private static void copy(JsonNode stored, ObjectNode spec) {
        for (String field : List.of("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy")) {
            if (stored.path("spec").has(field)) {
                spec.set(field, stored.path("spec").get(field).deepCopy());
            }
        }
    }

    private static ApiError invalid(JsonNode service, String message) {
        return ApiError.invalid(
                BuiltInResources.find("", "services"),
                service.path("metadata").path("name").asText(),
                List.of(new ApiError.Cause("FieldValueInvalid", "spec.clusterIPs[0]", message)));
    }
}
