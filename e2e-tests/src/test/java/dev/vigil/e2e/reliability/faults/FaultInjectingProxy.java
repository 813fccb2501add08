package dev.vigil.e2e.reliability.faults;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Test code: an HTTP proxy between an operator's Kubernetes client and the real API server that
 * injects faults ({@link FaultKind}) on the requests its {@link FaultPlan} picks, and records every
 * request in a {@link RequestLedger}.
 *
 * <p>The client talks HTTPS and HTTP/2 (ALPN) to {@code https://127.0.0.1:<port>} (a port the
 * kernel picks, a throwaway self-signed certificate made with {@code openssl}), as it does to the
 * API server: the proxy is Vert.x's HTTP server, because over HTTP/1.1 fabric8's JDK client did not
 * see a watch as open until its first event came, and the JDK's own server speaks only that. The
 * proxy sends each request on to the API server over HTTPS with the JDK's HTTP client, headers as
 * they came (the client's own bearer token included: the proxy holds no credential, and never logs
 * a header), and streams the answer back as it arrives, so a watch stays a watch. HTTP-level faults
 * need this: a TCP-level proxy (toxiproxy) can delay or cut a connection but cannot answer 500 or
 * 429 inside TLS. A cut (time-out, dropped watch) resets the one stream (HTTP/2) or closes the
 * connection (HTTP/1.1). The API server's self-signed certificate is trusted without checks: the
 * proxy only ever dials the loopback address the test gives it.
 */
public final class FaultInjectingProxy implements AutoCloseable {

    private static final Set<String> NOT_FORWARDED =
            Set.of(
                    "host",
                    "connection",
                    "content-length",
                    "expect",
                    "upgrade",
                    "http2-settings",
                    "transfer-encoding",
                    "keep-alive",
                    "te",
                    "trailer",
                    "proxy-connection");
    private static final Set<String> NOT_RETURNED =
            Set.of("content-length", "transfer-encoding", "connection", "keep-alive", ":status");
    private static final Duration NON_WATCH_UPSTREAM_TIMEOUT = Duration.ofSeconds(60);
    private static final int RETRY_AFTER_SECONDS = 1;

    private final URI upstream;
    private final FaultPlan plan;
    private final RequestLedger ledger = new RequestLedger();
    private final Duration clientTimeout;
    private final Vertx vertx = Vertx.vertx();
    private final ExecutorService workers =
            Executors.newCachedThreadPool(FaultInjectingProxy::thread);
    private final HttpClient client;
    private HttpServer server;

    private FaultInjectingProxy(URI upstream, FaultPlan plan, Duration clientTimeout) {
        this.upstream = upstream;
        this.plan = plan;
        this.clientTimeout = clientTimeout;
        this.client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .sslContext(trustingContext())
                        .connectTimeout(Duration.ofSeconds(5))
                        .executor(workers)
                        .build();
    }

    /**
     * Starts a proxy to {@code upstream} (the API server's {@code https://127.0.0.1:<port>}).
     * {@code clientTimeout} is the request timeout of the client behind it: a {@link
     * FaultKind#TIMEOUT} or {@link FaultKind#LOST_ANSWER} holds a request a second longer.
     */
    public static FaultInjectingProxy start(
            String upstream, FaultPlan plan, Duration clientTimeout) {
        URI uri = URI.create(upstream);
        String host = uri.getHost();
        if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("[::1]")) {
            throw new IllegalArgumentException("the proxy only dials loopback, not " + host);
        }
        FaultInjectingProxy proxy = new FaultInjectingProxy(uri, plan, clientTimeout);
        try {
            proxy.server =
                    proxy.vertx
                            .createHttpServer(
                                    new HttpServerOptions()
                                            .setHost("127.0.0.1")
                                            .setPort(0)
                                            .setSsl(true)
                                            .setUseAlpn(true)
                                            .setKeyCertOptions(selfSignedCertificate()))
                            .requestHandler(proxy::accept)
                            .listen()
                            .toCompletionStage()
                            .toCompletableFuture()
                            .get(30, TimeUnit.SECONDS);
            return proxy;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            proxy.close();
            throw new IllegalStateException("interrupted while the proxy started", e);
        } catch (ExecutionException | TimeoutException e) {
            proxy.close();
            throw new IllegalStateException("cannot start the fault-injecting proxy", e);
        }
    }

    /** The URL the client behind the proxy uses as its API server. */
    public String url() {
        return "https://127.0.0.1:" + server.actualPort();
    }

    public RequestLedger ledger() {
        return ledger;
    }

    public FaultPlan plan() {
        return plan;
    }

    /** Reads the request's body on Vert.x's event loop, then handles it on a worker. */
    private void accept(HttpServerRequest request) {
        long arrived = System.nanoTime();
        request.body()
                .onSuccess(body -> workers.execute(() -> handle(request, body, arrived)))
                .onFailure(e -> request.response().reset());
    }

    private void handle(HttpServerRequest exchange, Buffer requestBody, long arrived) {
        ApiRequest request =
                new ApiRequest(
                        exchange.method().name().toUpperCase(Locale.ROOT),
                        URI.create(exchange.uri()).getRawPath(),
                        URI.create(exchange.uri()).getRawQuery());
        trace("received " + exchange.version(), request);
        HttpServerResponse response = exchange.response();
        try {
            Optional<FaultKind> fault = plan.decide(request);
            if (fault.isPresent() && fault.get() == FaultKind.SERVER_ERROR) {
                ledger.add(new RequestLedger.Entry(arrived, request, FaultKind.SERVER_ERROR, 500));
                refuse(response, 500, "InternalError");
                return;
            }
            if (fault.isPresent() && fault.get() == FaultKind.TOO_MANY_REQUESTS) {
                ledger.add(
                        new RequestLedger.Entry(
                                arrived, request, FaultKind.TOO_MANY_REQUESTS, 429));
                response.putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
                refuse(response, 429, "TooManyRequests");
                return;
            }
            if (fault.isPresent() && fault.get() == FaultKind.TIMEOUT) {
                ledger.add(new RequestLedger.Entry(arrived, request, FaultKind.TIMEOUT, 0));
                holdUntil(arrived + clientTimeout.plusSeconds(1).toNanos());
                response.reset();
                return;
            }
            HttpResponse<InputStream> answer;
            try {
                answer =
                        client.send(
                                upstreamRequest(exchange, request, requestBody.getBytes()),
                                HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                ledger.add(new RequestLedger.Entry(arrived, request, null, 0));
                response.reset();
                return;
            }
            if (fault.isPresent() && fault.get() == FaultKind.LOST_ANSWER) {
                ledger.add(new RequestLedger.Entry(arrived, request, FaultKind.LOST_ANSWER, 0));
                try (InputStream lost = answer.body()) {
                    lost.readAllBytes();
                }
                holdUntil(arrived + clientTimeout.plusSeconds(1).toNanos());
                response.reset();
                return;
            }
            boolean drop = fault.isPresent() && fault.get() == FaultKind.DROPPED_WATCH;
            ledger.add(
                    new RequestLedger.Entry(
                            arrived,
                            request,
                            drop ? FaultKind.DROPPED_WATCH : null,
                            answer.statusCode()));
            relay(response, request, answer, drop ? plan.watchLifetimeMillis() : -1);
        } catch (IOException e) {
            response.reset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.reset();
        }
    }

    private HttpRequest upstreamRequest(
            HttpServerRequest exchange, ApiRequest request, byte[] body) {
        URI target =
                URI.create(
                        upstream.getScheme()
                                + "://"
                                + upstream.getRawAuthority()
                                + request.path()
                                + (request.query().isEmpty() ? "" : "?" + request.query()));
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(target)
                        .method(
                                request.method(),
                                body.length == 0
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (!request.isWatch()) {
            builder.timeout(NON_WATCH_UPSTREAM_TIMEOUT);
        }
        exchange.headers()
                .forEach(
                        header -> {
                            String name = header.getKey();
                            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))
                                    && !name.startsWith(":")) {
                                builder.header(name, header.getValue());
                            }
                        });
        return builder.build();
    }

    /**
     * Streams the server's answer to the client; with {@code cutAfterMillis} >= 0, cuts it that
     * long after it started (a dropped watch).
     */
    private void relay(
            HttpServerResponse response,
            ApiRequest request,
            HttpResponse<InputStream> answer,
            long cutAfterMillis)
            throws IOException {
        answer.headers()
                .map()
                .forEach(
                        (name, values) -> {
                            if (!NOT_RETURNED.contains(name.toLowerCase(Locale.ROOT))) {
                                response.putHeader(name, values);
                            }
                        });
        response.setStatusCode(answer.statusCode());
        response.setChunked(true);
        response.writeHead();
        trace("answering " + answer.statusCode(), request);
        long cutAt =
                cutAfterMillis < 0
                        ? Long.MAX_VALUE
                        : System.nanoTime() + cutAfterMillis * 1_000_000;
        try (InputStream in = answer.body()) {
            if (cutAfterMillis >= 0) {
                workers.execute(() -> closeAt(in, cutAt));
            }
            byte[] buffer = new byte[16 * 1024];
            int read;
            while (true) {
                try {
                    read = in.read(buffer);
                } catch (IOException e) {
                    if (System.nanoTime() >= cutAt) {
                        response.reset();
                        return;
                    }
                    throw e;
                }
                if (System.nanoTime() >= cutAt) {
                    response.reset();
                    return;
                }
                if (read < 0) {
                    break;
                }
                response.write(Buffer.buffer(Arrays.copyOf(buffer, read)));
            }
            response.end();
            trace("answered", request);
        }
    }

    /** With -Dvigil.faults.trace=true, each request's steps on stderr (never a header). */
    private static void trace(String step, ApiRequest request) {
        if (Boolean.getBoolean("vigil.faults.trace")) {
            System.err.println("fault-proxy: " + step + " " + request.identity());
        }
    }

    private static void closeAt(InputStream in, long cutAt) {
        holdUntil(cutAt);
        try {
            in.close();
        } catch (IOException e) {
            // the stream ended on its own
        }
    }

    private static void holdUntil(long nanoTime) {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void refuse(HttpServerResponse response, int code, String reason) {
        String status =
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                        + "\"message\":\"injected by the fault proxy\",\"reason\":\""
                        + reason
                        + "\",\"code\":"
                        + code
                        + "}";
        response.setStatusCode(code).putHeader("Content-Type", "application/json").end(status);
    }

    @Override
    public void close() {
        plan.stop();
        if (server != null) {
            server.close();
        }
        vertx.close();
        workers.shutdownNow();
    }

    private static Thread thread(Runnable runnable) {
        Thread thread = new Thread(runnable, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    }

    /** A key and certificate for 127.0.0.1 made by {@code openssl}, valid for a day. */
    private static PemKeyCertOptions selfSignedCertificate() {
        try {
            Path directory = Files.createTempDirectory("vigil-fault-proxy-");
            Path key = directory.resolve("key.pem");
            Path cert = directory.resolve("cert.pem");
            Process openssl =
                    new ProcessBuilder(
                                    "openssl",
                                    "req",
                                    "-x509",
                                    "-newkey",
                                    "rsa:2048",
                                    "-nodes",
                                    "-keyout",
                                    key.toString(),
                                    "-out",
                                    cert.toString(),
                                    "-days",
                                    "1",
                                    "-subj",
                                    "/CN=127.0.0.1",
                                    "-addext",
                                    "subjectAltName=IP:127.0.0.1")
                            .redirectErrorStream(true)
                            .redirectOutput(directory.resolve("openssl.log").toFile())
                            .start();
            if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                throw new IllegalStateException(
                        "openssl could not make the proxy's certificate: "
                                + Files.readString(directory.resolve("openssl.log")));
            }
            key.toFile().deleteOnExit();
            cert.toFile().deleteOnExit();
            directory.resolve("openssl.log").toFile().deleteOnExit();
            directory.toFile().deleteOnExit();
            return new PemKeyCertOptions().setKeyPath(key.toString()).setCertPath(cert.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot make the proxy's certificate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the proxy's certificate", e);
        }
    }

    /** Trusts the API server's self-signed certificate; only loopback is ever dialled. */
    static SSLContext trustingContext() {
        TrustManager trustAll =
                new X509ExtendedTrustManager() {
                    @Override
                    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                    @Override
                    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                    @Override
                    public void checkClientTrusted(
                            X509Certificate[] chain, String authType, Socket socket) {}

                    @Override
                    public void checkServerTrusted(
                            X509Certificate[] chain, String authType, Socket socket) {}

                    @Override
                    public void checkClientTrusted(
                            X509Certificate[] chain, String authType, SSLEngine engine) {}

                    @Override
                    public void checkServerTrusted(
                            X509Certificate[] chain, String authType, SSLEngine engine) {}

                    @Override
                    public X509Certificate[] getAcceptedIssuers() {
                        return new X509Certificate[0];
                    }
                };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
