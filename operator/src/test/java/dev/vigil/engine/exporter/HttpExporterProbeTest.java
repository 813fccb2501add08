package dev.vigil.engine.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.engine.DatabaseCommandException;
import dev.vigil.engine.DatabaseUnreachableException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpExporterProbeTest {

    private static final String EXPORTER = "orders-metrics.shop.svc.cluster.local:9187";

    private HttpServer server;
    private final AtomicReference<String> page = new AtomicReference<>("");
    private final AtomicInteger status = new AtomicInteger(200);
    private HttpExporterProbe probe;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/metrics",
                exchange -> {
                    byte[] body = page.get().getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(status.get(), body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        server.start();
        int port = server.getAddress().getPort();
        probe =
                new HttpExporterProbe(
                        (host, p) -> new InetSocketAddress("127.0.0.1", port),
                        Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readsTheUnlabelledGaugeAndIgnoresLookalikes() throws Exception {
        page.set(
                """
                # HELP pg_up Whether the last scrape of metrics from PostgreSQL was able to connect.
                # TYPE pg_up gauge
                pg_up_total 7
                pg_up 1
                pg_stat_database_xact_commit{datname="orders"} 42
                """);

        assertThat(probe.read(EXPORTER, "pg_up")).hasValue(1.0);
        assertThat(probe.read(EXPORTER, "mongodb_up")).isEmpty();
    }

    @Test
    void aDatabaseTheExporterCannotReachReadsZero() throws Exception {
        page.set("mongodb_up{} 0\n");

        assertThat(probe.read(EXPORTER, "mongodb_up")).hasValue(0.0);
    }

    @Test
    void anHttpErrorIsACommandFailure() {
        status.set(500);

        assertThatThrownBy(() -> probe.read(EXPORTER, "pg_up"))
                .isInstanceOf(DatabaseCommandException.class)
                .hasMessageContaining("HTTP 500");
    }

    @Test
    void nothingListeningIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HttpExporterProbe nowhere =
                new HttpExporterProbe(
                        (host, p) -> new InetSocketAddress("127.0.0.1", closedPort),
                        Duration.ofSeconds(2));

        assertThatThrownBy(() -> nowhere.read(EXPORTER, "pg_up"))
                .isInstanceOf(DatabaseUnreachableException.class)
                .hasMessageContaining(EXPORTER);
    }
}
