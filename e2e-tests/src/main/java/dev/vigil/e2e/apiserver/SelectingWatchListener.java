package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A watch of the object store narrowed to what the client asked for: one resource's kind, its label
 * and field selectors. As on a real API server, an object that stops matching is sent as DELETED
 * and one that starts matching as ADDED. It wraps the store's own watch listener and filters the
 * events on their way to the client's socket (a WebSocket, or an HTTP stream). A watch from a
 * resource version gets only later changes: the store replays every object when a watch opens, and
 * the replay of objects the client already has is dropped (a deletion between the client's list and
 * its watch is lost, where a real server would send it).
 */
final class SelectingWatchListener extends WebSocketListener {

    private static final ObjectMapper JSON = Serialization.jsonMapper();

    private final WebSocketListener storeWatch;
    private final ResourceType type;
    private final Selection selection;
    private final UnaryOperator<JsonNode> presentation;
    private final long sinceVersion;
    private volatile SelectingSocket socket;

    /**
     * @param presentation turns each object sent into what the client asked for (the object itself,
     *     or a one-row Table for {@code kubectl get -w})
     */
    SelectingWatchListener(
            WebSocketListener storeWatch,
            ResourceType type,
            Selection selection,
            UnaryOperator<JsonNode> presentation,
            String resourceVersion) {
        this.storeWatch = storeWatch;
        this.sinceVersion = parseVersion(resourceVersion);
        this.type = type;
        this.selection = selection;
        this.presentation = presentation;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        storeWatch.onOpen(wrap(webSocket), response);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        storeWatch.onMessage(wrap(webSocket), text);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        storeWatch.onClosing(wrap(webSocket), code, reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        storeWatch.onClosed(wrap(webSocket), code, reason);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable error, Response response) {
        storeWatch.onFailure(wrap(webSocket), error, response);
    }

    private static long parseVersion(String resourceVersion) {
        try {
            return resourceVersion == null ? 0 : Long.parseLong(resourceVersion);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long resourceVersionOf(JsonNode object) {
        return parseVersion(object.path("metadata").path("resourceVersion").asText());
    }

    private synchronized SelectingSocket wrap(WebSocket webSocket) {
        if (socket == null || socket.client != webSocket) {
            socket = new SelectingSocket(webSocket);
        }
        return socket;
    }

    private final class SelectingSocket implements WebSocket {

        private final WebSocket client;
        private final Set<String> visible = new HashSet<>();

        SelectingSocket(WebSocket client) {
            this.client = client;
        }

        @Override
        public RecordedRequest request() {
            return client.request();
        }

        @Override
        public synchronized boolean send(String text) {
            ObjectNode event;
            try {
                event = (ObjectNode) JSON.readTree(text);
            } catch (IOException | ClassCastException e) {
                return client.send(text);
            }
            JsonNode object = event.path("object");
            if (!object.path("kind").asText().equals(type.kind())
                    || !object.path("apiVersion").asText().equals(type.apiVersion())) {
                return true;
            }
            String key = object.path("metadata").path("uid").asText();
            boolean matches = selection.matches(object);
            boolean wasVisible = visible.contains(key);
            String eventType = event.path("type").asText();
            if (eventType.equals("ADDED") && resourceVersionOf(object) <= sinceVersion) {
                // The store replays every object when a watch opens; a client watching from a
                // resource version already has these.
                if (matches) {
                    visible.add(key);
                }
                return true;
            }
            String sent;
            if (eventType.equals("DELETED")) {
                sent = wasVisible ? "DELETED" : null;
                visible.remove(key);
            } else if (matches) {
                sent = wasVisible ? "MODIFIED" : "ADDED";
                visible.add(key);
            } else {
                sent = wasVisible ? "DELETED" : null;
                visible.remove(key);
            }
            if (sent == null) {
                return true;
            }
            event.put("type", sent);
            event.set("object", presentation.apply(object));
            return client.send(event.toString());
        }

        @Override
        public boolean send(byte[] bytes) {
            return client.send(bytes);
        }

        @Override
        public boolean close(int code, String reason) {
            return client.close(code, reason);
        }
    }
}
