package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents a client reads to learn what the server serves: {@code /version}, {@code
 * /api}, {@code /apis}, {@code /apis/<group>}, and each group version's resource list, in the
 * legacy form and, when the client asks for it in its Accept header, in the aggregated form ({@code
 * apidiscovery.k8s.io/v2}, one document for all groups) that kubectl 1.26+ prefers. Built from the
 * {@link ResourceCatalog} on every request, so a CRD applied a moment ago is there.
 */
final class DiscoveryDocuments {

    /** The content type of an aggregated discovery answer. */
    static final String AGGREGATED_CONTENT_TYPE =
            "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    /** The Kubernetes version the server claims, that of the kubectl on the machine. */
    static final String KUBERNETES_VERSION = "v1.32.0";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ResourceCatalog catalog;
    private final boolean aggregatedDiscovery;

    DiscoveryDocuments(ResourceCatalog catalog, boolean aggregatedDiscovery) {
        this.catalog = catalog;
        this.aggregatedDiscovery = aggregatedDiscovery;
    }

    /** A discovery document. */
    record Document(ObjectNode body, String contentType) {}

    /** The document at {@code path} for a client that accepts {@code accept}, if there is one. */
    Optional<Document> answer(String path, String accept) {
        String trimmed =
                path.endsWith("/") && path.length() > 1
                        ? path.substring(0, path.length() - 1)
                        : path;
        boolean aggregated =
                aggregatedDiscovery
                        && accept != null
                        && accept.contains("as=APIGroupDiscoveryList")
                        && accept.contains("v=v2");
        if (trimmed.equals("/version")) {
            return legacy(version());
        }
        if (trimmed.equals("/api")) {
            return aggregated ? aggregated(true) : legacy(coreVersions());
        }
        if (trimmed.equals("/apis")) {
            return aggregated ? aggregated(false) : legacy(groupList());
        }
        if (trimmed.equals("/api/v1")) {
            return legacy(resourceList("", "v1"));
        }
        String[] segments = trimmed.split("/");
        if (segments.length == 3 && segments[1].equals("apis")) {
            return group(segments[2]).map(group -> new Document(group, "application/json"));
        }
        if (segments.length == 4 && segments[1].equals("apis")) {
            ObjectNode list = resourceList(segments[2], segments[3]);
            return list.path("resources").isEmpty() ? Optional.empty() : legacy(list);
        }
        return Optional.empty();
    }

    private static Optional<Document> legacy(ObjectNode body) {
        return Optional.of(new Document(body, "application/json"));
    }

    private Optional<Document> aggregated(boolean core) {
        ObjectNode list = NODES.objectNode();
        list.put("kind", "APIGroupDiscoveryList").put("apiVersion", "apidiscovery.k8s.io/v2");
        list.putObject("metadata");
        ArrayNode items = list.putArray("items");
        groupVersions()
                .forEach(
                        (group, versions) -> {
                            if (group.isEmpty() != core) {
                                return;
                            }
                            ObjectNode item = items.addObject();
                            item.putObject("metadata").put("name", group);
                            ArrayNode versionNodes = item.putArray("versions");
                            for (String version : versions) {
                                ObjectNode versionNode = versionNodes.addObject();
                                versionNode.put("version", version);
                                ArrayNode resources = versionNode.putArray("resources");
                                typesOf(group, version)
                                        .forEach(type -> resources.add(aggregatedResource(type)));
                                versionNode.put("freshness", "Current");
                            }
                        });
        return Optional.of(new Document(list, AGGREGATED_CONTENT_TYPE));
    }

    private static ObjectNode aggregatedResource(ResourceType type) {
        ObjectNode resource = NODES.objectNode();
        resource.put("resource", type.plural());
        resource.set("responseKind", responseKind(type));
        resource.put("scope", type.namespaced() ? "Namespaced" : "Cluster");
        resource.put("singularResource", type.singular());
        strings(resource.putArray("verbs"), type.verbs());
        if (!type.shortNames().isEmpty()) {
            strings(resource.putArray("shortNames"), type.shortNames());
        }
        if (!type.categories().isEmpty()) {
            strings(resource.putArray("categories"), type.categories());
        }
        if (type.statusSubresource()) {
            ObjectNode status = resource.putArray("subresources").addObject();
            status.put("subresource", "status");
            status.set("responseKind", responseKind(type));
            strings(status.putArray("verbs"), ResourceType.STATUS_VERBS);
        }
        return resource;
    }

    private static ObjectNode responseKind(ResourceType type) {
        ObjectNode kind = NODES.objectNode();
        kind.put("group", type.group()).put("version", type.version()).put("kind", type.kind());
        return kind;
    }

    private static ObjectNode version() {
        ObjectNode version = NODES.objectNode();
        version.put("major", "1").put("minor", "32").put("gitVersion", KUBERNETES_VERSION);
        version.put("gitCommit", "vigil-embedded-api-server").put("gitTreeState", "clean");
        version.put("buildDate", "2025-01-01T00:00:00Z").put("goVersion", "go1.23.0");
        version.put("compiler", "gc").put("platform", "linux/amd64");
        return version;
    }

    private static ObjectNode coreVersions() {
        ObjectNode versions = NODES.objectNode();
        versions.put("kind", "APIVersions");
        versions.putArray("versions").add("v1");
        versions.putArray("serverAddressByClientCIDRs");
        return versions;
    }

    private ObjectNode groupList() {
        ObjectNode list = NODES.objectNode();
        list.put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        groupVersions()
                .forEach(
                        (group, versions) -> {
                            if (!group.isEmpty()) {
                                groups.add(groupNode(group, versions));
                            }
                        });
        return list;
    }

    private Optional<ObjectNode> group(String group) {
        List<String> versions = groupVersions().get(group);
        if (versions == null || group.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode node = groupNode(group, versions);
        node.put("kind", "APIGroup").put("apiVersion", "v1");
        return Optional.of(node);
    }

    private static ObjectNode groupNode(String group, List<String> versions) {
        ObjectNode node = NODES.objectNode();
        node.put("name", group);
        ArrayNode versionNodes = node.putArray("versions");
        for (String version : versions) {
            versionNodes
                    .addObject()
                    .put("groupVersion", group + "/" + version)
                    .put("version", version);
        }
        node.putObject("preferredVersion")
                .put("groupVersion", group + "/" + versions.get(0))
                .put("version", versions.get(0));
        return node;
    }

    private ObjectNode resourceList(String group, String version) {
        ObjectNode list = NODES.objectNode();
        list.put("kind", "APIResourceList").put("apiVersion", "v1");
        list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = list.putArray("resources");
        for (ResourceType type : typesOf(group, version)) {
            ObjectNode resource = resources.addObject();
            resource.put("name", type.plural()).put("singularName", type.singular());
            resource.put("namespaced", type.namespaced()).put("kind", type.kind());
            strings(resource.putArray("verbs"), type.verbs());
            if (!type.shortNames().isEmpty()) {
                strings(resource.putArray("shortNames"), type.shortNames());
            }
            if (!type.categories().isEmpty()) {
                strings(resource.putArray("categories"), type.categories());
            }
            if (type.statusSubresource()) {
                ObjectNode status = resources.addObject();
                status.put("name", type.plural() + "/status").put("singularName", "");
                status.put("namespaced", type.namespaced()).put("kind", type.kind());
                strings(status.putArray("verbs"), ResourceType.STATUS_VERBS);
            }
        }
        return list;
    }

    /** Group name to its versions, in catalog order; the core group is "". */
    private Map<String, List<String>> groupVersions() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (ResourceType type : catalog.all()) {
            List<String> versions = groups.computeIfAbsent(type.group(), g -> new ArrayList<>());
            if (!versions.contains(type.version())) {
                versions.add(type.version());
            }
        }
        return groups;
    }

    private List<ResourceType> typesOf(String group, String version) {
        return catalog.all().stream()
                .filter(type -> type.group().equals(group) && type.version().equals(version))
                .toList();
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
