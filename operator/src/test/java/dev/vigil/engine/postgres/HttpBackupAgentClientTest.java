package dev.vigil.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.api.v1alpha1.BackupStatus;
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

class HttpBackupAgentClientTest {

    private static final String MEMBER = "orders-0.orders-members.shop.svc.cluster.local";

    private HttpServer server;
    private final AtomicReference<String> body = new AtomicReference<>("{}");
    private final AtomicInteger code = new AtomicInteger(200);
    private final AtomicReference<String> asked = new AtomicReference<>();
    private HttpBackupAgentClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    asked.set(exchange.getRequestURI().getPath());
                    byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(code.get(), bytes.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                });
        server.start();
        int port = server.getAddress().getPort();
        client =
                new HttpBackupAgentClient(
                        (host, p) -> new InetSocketAddress("127.0.0.1", port),
                        Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readsTheAgentsReportIntoTheStatusIgnoringWhatTheStatusDoesNotCarry() throws Exception {
        body.set(
                """
                {"primary": true,
                 "lastSuccessful": {"finishedAt": "2026-12-05T02:00:41Z", "sizeBytes": 31457280,
                                    "durationSeconds": 41.5, "label": "20261205-020000F"},
                 "lastFailed": {"finishedAt": "2026-12-04T02:00:03Z", "durationSeconds": 3.0,
                                "message": "ERROR: [104]: archive-push command ... timed out"},
                 "recoverableFrom": "2026-11-28T02:00:37Z",
                 "recoverableTo": "2026-12-05T09:14:30Z",
                 "walArchiveLagSeconds": 0.0,
                 "scheduleIntervalSeconds": 86400}
                """);

        BackupStatus status = client.status(MEMBER, 9188);

        assertThat(asked.get()).isEqualTo("/v1/status");
        assertThat(status.getLastSuccessful().getLabel()).isEqualTo("20261205-020000F");
        assertThat(status.getLastSuccessful().getSizeBytes()).isEqualTo(31457280L);
        assertThat(status.getLastSuccessful().getDurationSeconds()).isEqualTo(41.5);
        assertThat(status.getLastFailed().getMessage()).startsWith("ERROR: [104]");
        assertThat(status.getRecoverableFrom()).isEqualTo("2026-11-28T02:00:37Z");
        assertThat(status.getRecoverableTo()).isEqualTo("2026-12-05T09:14:30Z");
        assertThat(status.getWalArchiveLagSeconds()).isZero();
    }

    @Test
    void anHttpErrorIsACommandFailure() {
        code.set(503);

        assertThatThrownBy(() -> client.status(MEMBER, 9188))
                .isInstanceOf(DatabaseCommandException.class)
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void somethingOtherThanJsonIsACommandFailure() {
        body.set("<html>not the agent</html>");

        assertThatThrownBy(() -> client.status(MEMBER, 9188))
                .isInstanceOf(DatabaseCommandException.class)
                .hasMessageContaining("something other than its status");
    }

    @Test
    void anAgentThatDoesNotListenIsUnreachable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        HttpBackupAgentClient nobody =
                new HttpBackupAgentClient(
                        (host, p) -> new InetSocketAddress("127.0.0.1", closed),
                        Duration.ofSeconds(1));

        assertThatThrownBy(() -> nobody.status(MEMBER, 9188))
                .isInstanceOf(DatabaseUnreachableException.class)
                .hasMessageContaining(MEMBER);
    }
}
