package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Get, list and watch: objects from the store, narrowed by the request's selectors, as JSON or as
 * the Table that {@code kubectl get} asks for; lists carry their real kind ({@code PodList}, {@code
 * MonitoredDatabaseList}).
 */
final class ObjectReads {

    private final ObjectStore store;
    private final ResourceCatalog catalog;
    private final TableResponses tables;

    ObjectReads(ObjectStore store, ResourceCatalog catalog, TableResponses tables) {
        this.store = store;
        this.catalog = catalog;
        this.tables = tables;
    }

    ApiAnswer get(ResourceType type, ApiRequest request, String accept) {
        ObjectStore.Listing listing = store.listing(type, request.namespace());
        ObjectNode object =
                listing.items().stream()
                        .filter(
                                item ->
                                        item.path("metadata")
                                                .path("name")
                                                .asText()
                                                .equals(request.name()))
                        .findFirst()
                        .orElseThrow(() -> ApiError.notFound(type, request.name()));
        if (TableResponses.wanted(accept)) {
            return ApiAnswer.ok(
                    tables.table(
                            type,
                            catalog.customResource(type),
                            List.of(object),
                            listing.resourceVersion(),
                            request.query().get("includeObject")));
        }
        return ApiAnswer.ok(object);
    }

    ApiAnswer list(ResourceType type, ApiRequest request, String accept) {
        Selection selection = Selection.of(request);
        ObjectStore.Listing listing = store.listing(type, request.namespace());
        List<ObjectNode> selected = listing.items().stream().filter(selection::matches).toList();
        if (TableResponses.wanted(accept)) {
            return ApiAnswer.ok(
                    tables.table(
                            type,
                            catalog.customResource(type),
                            selected,
                            listing.resourceVersion(),
                            request.query().get("includeObject")));
        }
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        list.put("apiVersion", type.apiVersion()).put("kind", type.kind() + "List");
        list.putObject("metadata").put("resourceVersion", listing.resourceVersion());
        ArrayNode items = list.putArray("items");
        selected.forEach(items::add);
        return ApiAnswer.ok(list);
    }

    /** A watch response: its listener feeds the client's WebSocket or HTTP stream. */
    MockResponse watch(ResourceType type, ApiRequest request, String accept) {
        Selection selection = Selection.of(request);
        UnaryOperator<JsonNode> presentation =
                TableResponses.wanted(accept)
                        ? object ->
                                tables.table(
                                        type,
                                        catalog.customResource(type),
                                        List.of(object),
                                        object.path("metadata").path("resourceVersion").asText(),
                                        request.query().get("includeObject"))
                        : UnaryOperator.identity();
        MockResponse storeWatch = store.watch(type, request.namespace());
        return new MockResponse()
                .withWebSocketUpgrade(
                        new SelectingWatchListener(
                                storeWatch.getWebSocketListener(),
                                type,
                                selection,
                                presentation,
                                request.query().get("resourceVersion")));
    }
}
