package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A minimal OpenAPI v3 ({@code /openapi/v3} and one document per group version), enough for kubectl
 * to learn that the server validates fields itself ({@code fieldValidation} on each resource's
 * PATCH), so {@code kubectl apply} sends {@code fieldValidation=Strict} and leaves the checking to
 * the server instead of asking for {@code --validate=false}. Custom resources carry their CRD
 * schema as a component; built-in kinds carry none (kubectl knows their types).
 */
final class OpenApiDocuments {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ROOT = "/openapi/v3";

    private final ResourceCatalog catalog;

    OpenApiDocuments(ResourceCatalog catalog) {
        this.catalog = catalog;
    }

    Optional<DiscoveryDocuments.Document> answer(String path) {
        if (path.equals(ROOT) || path.equals(ROOT + "/")) {
            return Optional.of(new DiscoveryDocuments.Document(root(), "application/json"));
        }
        if (!path.startsWith(ROOT + "/")) {
            return Optional.empty();
        }
        String groupVersionPath = path.substring(ROOT.length() + 1);
        return groupVersions().contains(groupVersionPath)
                ? Optional.of(
                        new DiscoveryDocuments.Document(
                                document(groupVersionPath), "application/json"))
                : Optional.empty();
    }

    private ObjectNode root() {
        ObjectNode root = NODES.objectNode();
        ObjectNode paths = root.putObject("paths");
        for (String groupVersion : groupVersions()) {
            paths.putObject(groupVersion)
                    .put(
                            "serverRelativeURL",
                            ROOT
                                    + "/"
                                    + groupVersion
                                    + "?hash="
                                    + Integer.toHexString(document(groupVersion).hashCode())
                                            .toUpperCase());
        }
        return root;
    }

    private Set<String> groupVersions() {
        Set<String> groupVersions = new LinkedHashSet<>();
        catalog.all().forEach(type -> groupVersions.add(groupVersionPath(type)));
        return groupVersions;
    }

    private static String groupVersionPath(ResourceType type) {
        return type.group().isEmpty()
                ? "api/" + type.version()
                : "apis/" + type.group() + "/" + type.version();
    }

    private ObjectNode document(String groupVersion) {
        ObjectNode document = NODES.objectNode();
        document.put("openapi", "3.0.0");
        document.putObject("info")
                .put("title", "Kubernetes")
                .put("version", DiscoveryDocuments.KUBERNETES_VERSION);
        ObjectNode paths = document.putObject("paths");
        ObjectNode schemas = document.putObject("components").putObject("schemas");
        for (ResourceType type : catalog.all()) {
            if (!groupVersionPath(type).equals(groupVersion)) {
                continue;
            }
            String objectPath =
                    type.namespaced()
                            ? "/"
                                    + groupVersion
                                    + "/namespaces/{namespace}/"
                                    + type.plural()
                                    + "/{name}"
                            : "/" + groupVersion + "/" + type.plural() + "/{name}";
            ObjectNode pathItem = paths.putObject(objectPath);
            for (String operation : new String[] {"get", "put", "patch", "delete"}) {
                ObjectNode node = pathItem.putObject(operation);
                node.put("operationId", operation + type.kind());
                node.set("x-kubernetes-group-version-kind", gvk(type));
                ArrayNode parameters = node.putArray("parameters");
                if (!operation.equals("get")) {
                    queryParameter(parameters, "dryRun");
                    queryParameter(parameters, "fieldManager");
                }
                if (operation.equals("put") || operation.equals("patch")) {
                    queryParameter(parameters, "fieldValidation");
                }
            }
            ArrayNode pathParameters = pathItem.putArray("parameters");
            pathParameter(pathParameters, "name");
            if (type.namespaced()) {
                pathParameter(pathParameters, "namespace");
            }
            queryParameter(pathParameters, "pretty");
            catalog.customResource(type)
                    .filter(custom -> custom.schema().isObject())
                    .ifPresent(
                            custom -> {
                                ObjectNode schema = custom.schema().deepCopy();
                                schema.putArray("x-kubernetes-group-version-kind").add(gvk(type));
                                schemas.set(schemaName(type), schema);
                            });
        }
        return document;
    }

    private static String schemaName(ResourceType type) {
        String[] groupParts = type.group().split("\\.");
        StringBuilder reversed = new StringBuilder();
        for (int i = groupParts.length - 1; i >= 0; i--) {
            reversed.append(groupParts[i]).append('.');
        }
        return reversed + type.version() + "." + type.kind();
    }

    private static ObjectNode gvk(ResourceType type) {
        return NODES.objectNode()
                .put("group", type.group())
                .put("version", type.version())
                .put("kind", type.kind());
    }

    private static void queryParameter(ArrayNode parameters, String name) {
        ObjectNode parameter = parameters.addObject();
        parameter.put("name", name).put("in", "query");
        parameter.putObject("schema").put("type", "string").put("uniqueItems", true);
    }

    private static void pathParameter(ArrayNode parameters, String name) {
        ObjectNode parameter = parameters.addObject();
        parameter.put("name", name).put("in", "path").put("required", true);
        parameter.putObject("schema").put("type", "string").put("uniqueItems", true);
    }
}
