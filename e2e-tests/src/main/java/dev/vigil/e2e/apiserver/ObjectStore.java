package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The objects of the cluster, kept by fabric8's {@link KubernetesCrudDispatcher} (the CRUD-mode
 * mock API server), which also assigns uids, resource versions and generations and feeds watches.
 * This class speaks to it in objects rather than HTTP; the API semantics the mock lacks are added
 * by the callers, which check every write before it reaches the store.
 */
final class ObjectStore {

    private static final ObjectMapper JSON = Serialization.jsonMapper();

    private final KubernetesCrudDispatcher mock = new KubernetesCrudDispatcher(List.of());

    /** Objects and the store's resource version when they were read. */
    record Listing(List<ObjectNode> items, String resourceVersion) {}

    /** The objects of {@code type} in {@code namespace}, or in every namespace when null. */
    List<ObjectNode> list(ResourceType type, String namespace) {
        return listing(type, namespace).items();
    }

    /** Like {@link #list}, with the resource version a list answer carries. */
    Listing listing(ResourceType type, String namespace) {
        MockResponse response = send(HttpMethod.GET, type.collectionPath(namespace), null);
        JsonNode list = parse(response);
        List<ObjectNode> items = new ArrayList<>();
        for (JsonNode item : list.path("items")) {
            // The mock keys core objects without their group, so /api/v1/events also finds the
            // events.k8s.io ones: keep only the objects of the version asked for.
            if (item.path("apiVersion").asText().equals(type.apiVersion())
                    && item.path("kind").asText().equals(type.kind())) {
                items.add((ObjectNode) item);
            }
        }
        return new Listing(items, list.path("metadata").path("resourceVersion").asText());
    }

    /** The object {@code name}, if it exists. */
    Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        return list(type, namespace).stream()
                .filter(item -> item.path("metadata").path("name").asText().equals(name))
                .findFirst();
    }

    /** Stores a new object; the store sets uid, creation time, resource version and generation. */
    ObjectNode create(ResourceType type, String namespace, ObjectNode object) {
        return (ObjectNode)
                parse(expectOk(send(HttpMethod.POST, type.collectionPath(namespace), object)));
    }

    /**
     * Replaces an object ({@code subresource} null) or its status ({@code "status"}); returns the
     * stored object, or empty when the write removed the last finalizer of an object being deleted,
     * which deletes it.
     */
    Optional<ObjectNode> replace(ResourceType type, ObjectNode object, String subresource) {
        String path =
                type.objectPath(namespaceOf(object), object.path("metadata").path("name").asText())
                        + (subresource == null ? "" : "/" + subresource);
        expectOk(send(HttpMethod.PUT, path, object));
        return get(type, namespaceOf(object), object.path("metadata").path("name").asText());
    }

    /**
     * Deletes an object: at once without finalizers, else by setting its deletion timestamp.
     * Returns the object as it is afterwards: empty when gone.
     */
    Optional<ObjectNode> delete(ResourceType type, String namespace, String name) {
        expectOk(send(HttpMethod.DELETE, type.objectPath(namespace, name), null));
        return get(type, namespace, name);
    }

    /** Opens a watch on every object of {@code type}; the response carries the watch listener. */
    MockResponse watch(ResourceType type, String namespace) {
        return send(HttpMethod.GET, type.collectionPath(namespace) + "?watch=true", null);
    }

    private MockResponse send(HttpMethod method, String path, JsonNode body) {
        Headers headers = Headers.builder().add("Content-Type", "application/json").build();
        Buffer buffer = body == null ? null : new Buffer(write(body));
        return mock.dispatch(new RecordedRequest("HTTP/1.1", method, path, headers, buffer));
    }

    private static MockResponse expectOk(MockResponse response) {
        if (response.code() >= 300) {
            throw new IllegalStateException(
                    "the object store refused a checked write: "
                            + response.code()
                            + " "
                            + bodyText(response));
        }
        return response;
    }

    private static JsonNode parse(MockResponse response) {
        try {
            return JSON.readTree(bodyText(response));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String bodyText(MockResponse response) {
        return response.getBody() == null
                ? ""
                : new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
    }

    private static byte[] write(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String namespaceOf(JsonNode object) {
        JsonNode namespace = object.path("metadata").path("namespace");
        return namespace.isTextual() ? namespace.asText() : null;
    }
}
