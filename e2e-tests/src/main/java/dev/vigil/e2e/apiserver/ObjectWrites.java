package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Create, update, patch and delete with the semantics of a real API server, checked here before the
 * object store (fabric8's CRUD mock) stores the result: names and namespaces, optimistic
 * concurrency (409 on a stale {@code resourceVersion}), status subresources (a write to the object
 * keeps its status, a write to {@code /status} changes only status), the three patch types, schema
 * admission of custom resources, per-kind rules of built-in kinds, Service cluster IPs, finalizers,
 * and orphaning dependents on {@code propagationPolicy=Orphan}.
 *
 * <p>All writes, including the garbage collector's, are serialized on this object, so a
 * read-check-write is atomic.
 */
final class ObjectWrites {

    private static final String LOWER_ALPHANUMERIC = "bcdfghjklmnpqrstvwxz2456789";
    private static final List<String> SERVER_METADATA =
            List.of(
                    "uid",
                    "creationTimestamp",
                    "generation",
                    "deletionTimestamp",
                    "deletionGracePeriodSeconds");

    private final ObjectStore store;
    private final ResourceCatalog catalog;
    private final CustomResourceRegistry customResources;
    private final ServiceAddresses serviceAddresses;
    private final Namespaces namespaces;
    private final Runnable afterDelete;
    private final SecureRandom random = new SecureRandom();

    ObjectWrites(
            ObjectStore store,
            ResourceCatalog catalog,
            CustomResourceRegistry customResources,
            ServiceAddresses serviceAddresses,
            Namespaces namespaces,
            Runnable afterDelete) {
        this.store = store;
        this.catalog = catalog;
        this.customResources = customResources;
        this.serviceAddresses = serviceAddresses;
        this.namespaces = namespaces;
        this.afterDelete = afterDelete;
    }

    synchronized ApiAnswer create(ResourceType type, ApiRequest request, JsonNode body) {
        ObjectNode object = asObject(body);
        checkKind(type, object);
        ObjectNode metadata = object.withObjectProperty("metadata");
        String namespace = namespaceFor(type, request.namespace(), metadata);
        if (namespace != null) {
            namespaces.requireActive(namespace);
        }
        if (metadata.path("name").asText("").isEmpty()) {
            String prefix = metadata.path("generateName").asText("");
            if (prefix.isEmpty()) {
                throw ApiError.invalid(
                        type,
                        "",
                        List.of(
                                new ApiError.Cause(
                                        "FieldValueRequired",
                                        "metadata.name",
                                        "Required value: name or generateName is required")));
            }
            metadata.put("name", prefix + randomSuffix());
        }
        String name = metadata.path("name").asText();
        ObjectNames.problem(type, name)
                .ifPresent(
                        problem -> {
                            throw ApiError.invalid(
                                    type,
                                    name,
                                    List.of(
                                            new ApiError.Cause(
                                                    "FieldValueInvalid",
                                                    "metadata.name",
                                                    "Invalid value: \""
                                                            + name
                                                            + "\": "
                                                            + problem)));
                        });
        if (store.get(type, namespace, name).isPresent()) {
            throw ApiError.alreadyExists(type, name);
        }
        metadata.remove(SERVER_METADATA);
        metadata.remove(List.of("resourceVersion", "managedFields", "selfLink"));
        List<String> warnings = new ArrayList<>();
        Optional<CustomResourceVersion> customResource = catalog.customResource(type);
        if (customResource.isPresent()) {
            if (type.statusSubresource()) {
                object.remove("status");
            }
            warnings.addAll(
                    SchemaAdmission.admit(
                            customResource.get(),
                            object,
                            Optional.empty(),
                            fieldValidation(request),
                            false));
        } else {
            BuiltInStrategies.prepareForCreate(type, object);
            if (isCore(type, "services")) {
                serviceAddresses.assign(object, store.list(type, null));
            }
        }
        if (isDryRun(request)) {
            metadata.put("uid", UUID.randomUUID().toString());
            metadata.put(
                    "creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            metadata.put("generation", 1);
            return ApiAnswer.created(object, warnings);
        }
        ObjectNode stored = store.create(type, namespace, object);
        if (isCrd(type)) {
            customResources.put(stored);
        }
        if (isCore(type, "namespaces")) {
            namespaces.created(name);
        }
        return ApiAnswer.created(stored, warnings);
    }

    synchronized ApiAnswer update(ResourceType type, ApiRequest request, JsonNode body) {
        ObjectNode current = current(type, request);
        ObjectNode object = asObject(body);
        checkKind(type, object);
        checkNameAndNamespace(type, request, object);
        String resourceVersion = object.path("metadata").path("resourceVersion").asText("");
        if (resourceVersion.isEmpty() && catalog.customResource(type).isPresent()) {
            throw ApiError.invalid(
                    type,
                    request.name(),
                    List.of(
                            new ApiError.Cause(
                                    "FieldValueInvalid",
                                    "metadata.resourceVersion",
                                    "Invalid value: 0x0: must be specified for an update")));
        }
        checkResourceVersion(type, current, resourceVersion);
        return applyUpdate(type, request, current, object);
    }

    synchronized ApiAnswer patch(
            ResourceType type, ApiRequest request, String contentType, JsonNode patch) {
        ObjectNode current = current(type, request);
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim();
        JsonNode patched =
                switch (mediaType) {
                    case "application/json-patch+json" -> jsonPatch(patch, current);
                    case "application/merge-patch+json" -> MergePatch.apply(current, patch);
                    case "application/strategic-merge-patch+json" -> {
                        if (catalog.customResource(type).isPresent()) {
                            throw ApiError.unsupportedMediaType(
                                    "the body of the request was in an unknown format - accepted"
                                            + " media types include: application/json-patch+json,"
                                            + " application/merge-patch+json,"
                                            + " application/apply-patch+yaml");
                        }
                        yield strategicPatch(patch, current);
                    }
                    case "application/apply-patch+yaml" ->
                            throw ApiError.unsupportedMediaType(
                                    "server-side apply is not supported by the embedded API server;"
                                            + " use client-side apply or another patch type");
                    default ->
                            throw ApiError.unsupportedMediaType(
                                    "the body of the request was in an unknown format - accepted"
                                            + " media types include: application/json-patch+json,"
                                            + " application/merge-patch+json,"
                                            + " application/strategic-merge-patch+json");
                };
        ObjectNode object = asObject(patched);
        checkNameAndNamespace(type, request, object);
        checkResourceVersion(
                type, current, object.path("metadata").path("resourceVersion").asText(""));
        return applyUpdate(type, request, current, object);
    }

    synchronized ApiAnswer delete(ResourceType type, ApiRequest request, JsonNode options) {
        ObjectNode current = current(type, request);
        if (isDryRun(request)) {
            return ApiAnswer.ok(current);
        }
        String policy =
                request.queryParameter("propagationPolicy")
                        .orElse(options.path("propagationPolicy").asText(""));
        boolean orphan =
                policy.equals("Orphan")
                        || "true".equals(request.query().get("orphanDependents"))
                        || options.path("orphanDependents").asBoolean(false);
        return ApiAnswer.ok(delete(type, current, orphan));
    }

    synchronized ApiAnswer deleteCollection(
            ResourceType type, ApiRequest request, JsonNode options) {
        Selection selection = Selection.of(request);
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        list.put("apiVersion", type.apiVersion()).put("kind", type.kind() + "List");
        list.putObject("metadata");
        ArrayNode items = list.putArray("items");
        boolean orphan =
                "Orphan".equals(request.query().get("propagationPolicy"))
                        || "Orphan".equals(options.path("propagationPolicy").asText());
        for (ObjectNode object : store.list(type, request.namespace())) {
            if (selection.matches(object)) {
                items.add(isDryRun(request) ? object : delete(type, object, orphan));
            }
        }
        return ApiAnswer.ok(list);
    }

    /**
     * Deletes {@code object} as a DELETE without options does (finalizers honoured); returns the
     * object as it is afterwards, or as it was when it is gone.
     */
    synchronized JsonNode delete(ResourceType type, JsonNode object, boolean orphanDependents) {
        String namespace = object.path("metadata").path("namespace").asText(null);
        String name = object.path("metadata").path("name").asText();
        if (store.get(type, namespace, name).isEmpty()) {
            return object;
        }
        if (orphanDependents) {
            orphanDependentsOf(object.path("metadata").path("uid").asText());
        }
        if (isCrd(type)) {
            deleteCustomResourcesOf(name);
        }
        Optional<ObjectNode> after = store.delete(type, namespace, name);
        if (after.isEmpty() && isCrd(type)) {
            customResources.remove(name);
        }
        if (after.isEmpty() && isCore(type, "namespaces")) {
            namespaces.deleted(name);
        }
        afterDelete.run();
        return after.isPresent() ? after.get() : object;
    }

    /** Stores {@code object} over its stored version, bypassing admission: for the collector. */
    synchronized void replaceUnchecked(ResourceType type, ObjectNode object) {
        store.replace(type, object, null);
    }

    private ApiAnswer applyUpdate(
            ResourceType type, ApiRequest request, ObjectNode current, ObjectNode candidate) {
        boolean statusWrite = "status".equals(request.subresource());
        ObjectNode next;
        if (statusWrite) {
            next = current.deepCopy();
            setOrRemove(next, "status", candidate.get("status"));
        } else {
            next = candidate;
            if (type.statusSubresource()) {
                setOrRemove(next, "status", current.get("status"));
            }
        }
        ObjectNode metadata = next.withObjectProperty("metadata");
        JsonNode storedMetadata = current.path("metadata");
        for (String field : SERVER_METADATA) {
            setOrRemove(metadata, field, storedMetadata.get(field));
        }
        metadata.set("resourceVersion", storedMetadata.get("resourceVersion"));
        if (storedMetadata.has("namespace")) {
            metadata.set("namespace", storedMetadata.get("namespace"));
        }
        List<String> warnings = new ArrayList<>();
        Optional<CustomResourceVersion> customResource = catalog.customResource(type);
        if (customResource.isPresent()) {
            warnings.addAll(
                    SchemaAdmission.admit(
                            customResource.get(),
                            next,
                            Optional.of(current),
                            fieldValidation(request),
                            statusWrite));
        } else if (!statusWrite) {
            BuiltInStrategies.prepareForUpdate(type, next);
            if (isCore(type, "services")) {
                serviceAddresses.keep(current, next);
            }
            List<ApiError.Cause> causes = BuiltInStrategies.validateUpdate(type, current, next);
            if (!causes.isEmpty()) {
                throw ApiError.invalid(type, request.name(), causes);
            }
        }
        if (next.equals(current) || isDryRun(request)) {
            return new ApiAnswer(200, next, warnings);
        }
        Optional<ObjectNode> stored = store.replace(type, next, statusWrite ? "status" : null);
        stored.ifPresent(
                object -> {
                    if (isCrd(type)) {
                        customResources.put(object);
                    }
                });
        if (stored.isEmpty()) {
            afterDelete.run();
        }
        return new ApiAnswer(200, stored.isPresent() ? stored.get() : next, warnings);
    }

    private void orphanDependentsOf(String ownerUid) {
        for (ResourceType type : catalog.all()) {
            for (ObjectNode dependent : store.list(type, null)) {
                if (OwnerLinks.remove(dependent, ownerUid)) {
                    store.replace(type, dependent, null);
                }
            }
        }
    }

    private void deleteCustomResourcesOf(String crdName) {
        for (CustomResourceVersion version : customResources.versions()) {
            ResourceType type = version.type();
            if (crdName.equals(type.plural() + "." + type.group())) {
                for (ObjectNode object : store.list(type, null)) {
                    delete(type, object, false);
                }
            }
        }
    }

    private ObjectNode current(ResourceType type, ApiRequest request) {
        return store.get(type, request.namespace(), request.name())
                .orElseThrow(() -> ApiError.notFound(type, request.name()));
    }

    private static void checkResourceVersion(
            ResourceType type, JsonNode current, String requested) {
        if (!requested.isEmpty()
                && !requested.equals(current.path("metadata").path("resourceVersion").asText())) {
            throw ApiError.conflict(type, current.path("metadata").path("name").asText());
        }
    }

    private static void checkNameAndNamespace(
            ResourceType type, ApiRequest request, ObjectNode object) {
        ObjectNode metadata = object.withObjectProperty("metadata");
        String name = metadata.path("name").asText("");
        if (name.isEmpty()) {
            metadata.put("name", request.name());
        } else if (!name.equals(request.name())) {
            throw ApiError.badRequest(
                    "the name of the object ("
                            + name
                            + ") does not match the name on the URL ("
                            + request.name()
                            + ")");
        }
        if (type.namespaced()) {
            namespaceFor(type, request.namespace(), metadata);
        }
    }

    private static String namespaceFor(
            ResourceType type, String pathNamespace, ObjectNode metadata) {
        if (!type.namespaced()) {
            metadata.remove("namespace");
            return null;
        }
        if (pathNamespace == null) {
            throw ApiError.badRequest(
                    "the namespace of the object must be given in the request path");
        }
        String given = metadata.path("namespace").asText("");
        if (!given.isEmpty() && !given.equals(pathNamespace)) {
            throw ApiError.badRequest(
                    "the namespace of the provided object does not match the namespace sent on the"
                            + " request");
        }
        metadata.put("namespace", pathNamespace);
        return pathNamespace;
    }

    private static void checkKind(ResourceType type, ObjectNode object) {
        String kind = object.path("kind").asText("");
        String apiVersion = object.path("apiVersion").asText("");
        if (kind.isEmpty()) {
            object.put("kind", type.kind());
        } else if (!kind.equals(type.kind())) {
            throw ApiError.badRequest(
                    "the kind in the data ("
                            + kind
                            + ") does not match the expected kind ("
                            + type.kind()
                            + ")");
        }
        if (apiVersion.isEmpty()) {
            object.put("apiVersion", type.apiVersion());
        } else if (!apiVersion.equals(type.apiVersion())) {
            throw ApiError.badRequest(
                    "the API version in the data ("
                            + apiVersion
                            + ") does not match the expected API version ("
                            + type.apiVersion()
                            + ")");
        }
    }

    private static JsonNode jsonPatch(JsonNode patch, JsonNode current) {
        try {
            return JsonPatch.apply(patch, current);
        } catch (JsonPatchException | IllegalArgumentException e) {
            throw ApiError.unprocessable(
                    "the server rejected our request due to an error in our request: "
                            + e.getMessage());
        }
    }

    private static JsonNode strategicPatch(JsonNode patch, JsonNode current) {
        try {
            return StrategicMergePatch.apply(current, patch);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    private static ObjectNode asObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("the body of the request must be a JSON object");
        }
        return (ObjectNode) body;
    }

    private static void setOrRemove(ObjectNode object, String field, JsonNode value) {
        if (value == null || value.isMissingNode()) {
            object.remove(field);
        } else {
            object.set(field, value.deepCopy());
        }
    }

    private static String fieldValidation(ApiRequest request) {
        return request.query().getOrDefault("fieldValidation", "Warn");
    }

    private static boolean isDryRun(ApiRequest request) {
        return request.query().containsKey("dryRun");
    }

    private static boolean isCrd(ResourceType type) {
        return type.group().equals("apiextensions.k8s.io")
                && type.plural().equals("customresourcedefinitions");
    }

    private static boolean isCore(ResourceType type, String plural) {
        return type.group().isEmpty() && type.plural().equals(plural);
    }

    private String randomSuffix() {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            suffix.append(LOWER_ALPHANUMERIC.charAt(random.nextInt(LOWER_ALPHANUMERIC.length())));
        }
        return suffix.toString();
    }
}
