package dev.vigil.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's HTTP endpoints, on one port: {@code GET /metrics} (Prometheus text exposition
 * format 0.0.4), {@code GET /healthz} (liveness) and {@code GET /readyz} (readiness). Probes answer
 * 200 with {@code ok}, or 503 with the reason. Any other path is 404, any other method 405.
 *
 * <p>Listens on all interfaces unless told an address, since the kubelet and Prometheus reach the
 * pod by its IP (and {@code kubectl port-forward} by the pod's loopback).
 */
public final class HttpEndpoints implements AutoCloseable {

    /** The Prometheus text exposition format, which {@link PrometheusMeterRegistry} writes. */
    public static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoints.class);
    private static final String TEXT_CONTENT_TYPE = "text/plain; charset=utf-8";
    // Two threads, so that a slow scrape never delays a probe past the kubelet's timeout.
    private static final int THREADS = 2;
    private static final int STOP_GRACE_SECONDS = 1;

    private final String address;
    private final int requestedPort;
    private final PrometheusMeterRegistry registry;
    private final HealthProbes probes;
    private HttpServer server;
    private ExecutorService executor;

    /**
     * @param port the port to listen on; 0 picks a free one, see {@link #port()}
     * @param registry the registry whose meters {@code /metrics} exposes
     * @param probes what {@code /healthz} and {@code /readyz} report
     */
    public HttpEndpoints(int port, PrometheusMeterRegistry registry, HealthProbes probes) {
        this(null, port, registry, probes);
    }

    /**
     * @param address the IP address to listen on; null for every interface
     * @param port the port to listen on; 0 picks a free one, see {@link #port()}
     * @param registry the registry whose meters {@code /metrics} exposes
     * @param probes what {@code /healthz} and {@code /readyz} report
     */
    public HttpEndpoints(
            String address, int port, PrometheusMeterRegistry registry, HealthProbes probes) {
        this.address = address;
        this.requestedPort = port;
        this.registry = registry;
        this.probes = probes;
    }

    /**
     * Binds the port and starts serving.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("HTTP endpoints already started");
        }
        try {
            server =
                    HttpServer.create(
                            address == null
                                    ? new InetSocketAddress(requestedPort)
                                    : new InetSocketAddress(address, requestedPort),
                            0);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot listen on HTTP port "
                            + requestedPort
                            + (address == null ? "" : " of " + address),
                    e);
        }
        executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        server.setExecutor(executor);
        // One context for every path: HttpServer matches contexts by prefix, and /metricsx must
        // be a 404, not the metrics.
        server.createContext("/", this::handle);
        server.start();
        LOG.info(
                "Serving /metrics, /healthz and /readyz on port {} of {}",
                port(),
                address == null ? "every interface" : address);
    }

    /** The port actually bound, useful when 0 was requested. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("HTTP endpoints not started");
        }
        return server.getAddress().getPort();
    }

    /** Stops listening, giving requests in flight a moment to finish. Idempotent. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.stop(STOP_GRACE_SECONDS);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        server = null;
        executor = null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/metrics") && !path.equals("/healthz") && !path.equals("/readyz")) {
                sendText(exchange, 404, "not found");
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                sendText(exchange, 405, "method not allowed");
                return;
            }
            switch (path) {
                case "/metrics" -> sendMetrics(exchange);
                case "/healthz" -> sendProbe(exchange, probes.liveness());
                default -> sendProbe(exchange, probes.readiness());
            }
        } catch (RuntimeException e) {
            // HttpServer drops the connection silently on an exception; leave a trace instead.
            LOG.warn(
                    "Failed to answer {} {}",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI(),
                    e);
            throw e;
        }
    }

    private void sendMetrics(HttpExchange exchange) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        registry.scrape(body);
        send(exchange, 200, METRICS_CONTENT_TYPE, body.toByteArray());
    }

    private static void sendProbe(HttpExchange exchange, ProbeResult result) throws IOException {
        sendText(exchange, result.healthy() ? 200 : 503, result.reason());
    }

    private static void sendText(HttpExchange exchange, int status, String text)
            throws IOException {
        send(exchange, status, TEXT_CONTENT_TYPE, (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "vigil-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
