package dev.vigil.e2e.apiserver;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * A watch served as client-go (kubectl) expects it: one chunked HTTP response carrying a JSON watch
 * event per line, open until the client goes away or the request's {@code timeoutSeconds} pass. The
 * store's watch listener writes to it as it would to a WebSocket (fabric8's clients watch over
 * WebSockets; kubectl does not).
 */
final class HttpWatchStream implements WebSocket {

    private final RecordedRequest request;
    private final HttpServerResponse response;
    private boolean ended;

    HttpWatchStream(RecordedRequest request, HttpServerResponse response) {
        this.request = request;
        this.response = response;
    }

    /** Sends the status line and headers at once, so the client's watch call returns. */
    void open() {
        response.setStatusCode(200);
        response.setChunked(true);
        response.putHeader("Content-Type", "application/json");
        response.putHeader("Cache-Control", "no-cache, private");
        response.writeHead();
    }

    @Override
    public RecordedRequest request() {
        return request;
    }

    @Override
    public synchronized boolean send(String text) {
        if (ended) {
            return false;
        }
        response.write(text + "\n");
        return true;
    }

    @Override
    public boolean send(byte[] bytes) {
        return send(new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public synchronized boolean close(int code, String reason) {
        if (!ended) {
            ended = true;
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        }
        return true;
    }
}
