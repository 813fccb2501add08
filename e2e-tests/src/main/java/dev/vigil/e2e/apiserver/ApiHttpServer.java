package dev.vigil.e2e.apiserver;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.fabric8.mockwebserver.vertx.ServerWebSocketHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The HTTP endpoint of the embedded API server, on Vert.x as fabric8's mock web server is, with
 * what that one lacks: watches over plain HTTP streaming, as kubectl makes them. Requests are
 * answered off the event loop, on Vert.x's worker pool; WebSocket upgrades (fabric8 watches) go to
 * the mock's WebSocket handler.
 */
final class ApiHttpServer implements AutoCloseable {

    private static final List<String> WEBSOCKET_SUB_PROTOCOLS =
            List.of(
                    "v1.channel.k8s.io",
                    "v2.channel.k8s.io",
                    "v3.channel.k8s.io",
                    "v4.channel.k8s.io");

    private final Vertx vertx;
    private final HttpServer server;

    private ApiHttpServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Listens on 127.0.0.1 at {@code port} (0: any free port). */
    static ApiHttpServer start(Dispatcher dispatcher, int port) {
        Vertx vertx = Vertx.vertx();
        HttpServer server =
                vertx.createHttpServer(
                        new HttpServerOptions()
                                .setHost("127.0.0.1")
                                .setPort(port)
                                .setWebSocketSubProtocols(WEBSOCKET_SUB_PROTOCOLS)
                                .setHandle100ContinueAutomatically(true));
        server.requestHandler(request -> handle(vertx, dispatcher, request));
        await(server.listen());
        return new ApiHttpServer(vertx, server);
    }

    int port() {
        return server.actualPort();
    }

    private static void handle(Vertx vertx, Dispatcher dispatcher, HttpServerRequest request) {
        if (isWebSocketUpgrade(request)) {
            // The upgrade must happen before Vert.x considers the request read: answer at once.
            RecordedRequest recorded = recorded(request, null);
            respond(vertx, request, recorded, dispatcher.dispatch(recorded));
            return;
        }
        request.body()
                .onFailure(error -> fail(request.response(), error))
                .onSuccess(
                        body -> {
                            RecordedRequest recorded =
                                    recorded(request, body == null ? null : body.getBytes());
                            vertx.<MockResponse>executeBlocking(
                                            () -> dispatcher.dispatch(recorded), false)
                                    .onFailure(error -> fail(request.response(), error))
                                    .onSuccess(
                                            response ->
                                                    respond(vertx, request, recorded, response));
                        });
    }

    private static RecordedRequest recorded(HttpServerRequest request, byte[] body) {
        return new RecordedRequest(
                request.version().alpnName().toUpperCase(Locale.ROOT),
                HttpMethod.fromVertx(request.method()),
                request.uri(),
                Headers.builder().addAll(request.headers()).build(),
                new io.fabric8.mockwebserver.http.Buffer(body));
    }

    private static boolean isWebSocketUpgrade(HttpServerRequest request) {
        return "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }

    private static void respond(
            Vertx vertx,
            HttpServerRequest request,
            RecordedRequest recorded,
            MockResponse response) {
        WebSocketListener watch = response.getWebSocketListener();
        if (watch != null) {
            if (isWebSocketUpgrade(request)) {
                request.toWebSocket()
                        .onFailure(error -> fail(request.response(), error))
                        .onSuccess(new ServerWebSocketHandler(recorded, response));
            } else {
                streamWatch(vertx, request, recorded, watch);
            }
            return;
        }
        HttpServerResponse out = request.response();
        out.setStatusCode(response.code());
        response.getHeaders()
                .toMultimap()
                .forEach((name, values) -> out.headers().add(name, values));
        if (response.getBody() != null && response.getBody().size() > 0) {
            out.end(io.vertx.core.buffer.Buffer.buffer(response.getBody().getBytes()));
        } else {
            out.end();
        }
    }

    private static void streamWatch(
            Vertx vertx,
            HttpServerRequest request,
            RecordedRequest recorded,
            WebSocketListener watch) {
        HttpWatchStream stream = new HttpWatchStream(recorded, request.response());
        stream.open();
        AtomicBoolean closed = new AtomicBoolean();
        Runnable closeWatch =
                () -> {
                    if (closed.compareAndSet(false, true)) {
                        stream.close(1000, "watch ended");
                        watch.onClosed(stream, 1000, "watch ended");
                    }
                };
        request.response().closeHandler(ignored -> closeWatch.run());
        String timeout = request.getParam("timeoutSeconds");
        if (timeout != null && !timeout.isEmpty()) {
            vertx.setTimer(
                    TimeUnit.SECONDS.toMillis(Long.parseLong(timeout)), timer -> closeWatch.run());
        }
        watch.onOpen(stream, null);
    }

    private static void fail(HttpServerResponse response, Throwable error) {
        if (!response.headWritten()) {
            response.setStatusCode(500).end(String.valueOf(error.getMessage()));
        }
    }

    private static <T> T await(Future<T> future) {
        CompletableFuture<T> result = new CompletableFuture<>();
        future.onComplete(
                outcome -> {
                    if (outcome.succeeded()) {
                        result.complete(outcome.result());
                    } else {
                        result.completeExceptionally(outcome.cause());
                    }
                });
        try {
            return result.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "the embedded API server's HTTP endpoint did not start", e);
        }
    }

    @Override
    public void close() {
        await(server.close());
        await(vertx.close());
    }
}
