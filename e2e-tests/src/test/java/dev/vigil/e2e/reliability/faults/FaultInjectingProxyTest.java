package dev.vigil.e2e.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy against a small HTTP server on loopback standing in for the API server: it relays what
 * it does not fault, and each fault is what the ledger says it was (500 and 429 never reach the
 * server, a time-out gets no answer, a lost answer reached the server).
 */
class FaultInjectingProxyTest {

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(3);

    private final AtomicInteger served = new AtomicInteger();
    private HttpServer upstream;
    private final HttpClient client =
            HttpClient.newBuilder()
                    .sslContext(FaultInjectingProxy.trustingContext())
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    @BeforeEach
    void startUpstream() throws Exception {
        upstream =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        upstream.createContext(
                "/",
                exchange -> {
                    served.incrementAndGet();
                    byte[] body =
                            ("{\"kind\":\"ConfigMapList\",\"path\":\""
                                            + exchange.getRequestURI().getPath()
                                            + "\"}")
                                    .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        upstream.start();
    }

    @AfterEach
    void stopUpstream() {
        upstream.stop(0);
    }

    private String upstreamUrl() {
        return "http://127.0.0.1:" + upstream.getAddress().getPort();
    }

    private HttpResponse<String> get(FaultInjectingProxy proxy, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(proxy.url() + path))
                        .timeout(CLIENT_TIMEOUT)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutFaultsEveryRequestIsRelayedAndRecorded() throws Exception {
        try (FaultInjectingProxy proxy =
                FaultInjectingProxy.start(upstreamUrl(), new FaultPlan(1, 0.0), CLIENT_TIMEOUT)) {
            proxy.plan().start();

            HttpResponse<String> response = get(proxy, "/api/v1/namespaces/a/configmaps");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"path\":\"/api/v1/namespaces/a/configmaps\"");
            assertThat(proxy.ledger().entries())
                    .singleElement()
                    .satisfies(
                            e -> {
                                assertThat(e.fault()).isNull();
                                assertThat(e.status()).isEqualTo(200);
                                assertThat(e.request().verb()).isEqualTo("list");
                                assertThat(e.request().resource()).isEqualTo("configmaps");
                            });
        }
    }

    @Test
    void eachFaultIsWhatTheLedgerSays() throws Exception {
        try (FaultInjectingProxy proxy =
                FaultInjectingProxy.start(upstreamUrl(), new FaultPlan(1, 1.0), CLIENT_TIMEOUT)) {
            // The first request sets up TLS and HTTP/2, which may take seconds on a loaded machine.
            assertThat(get(proxy, "/api/v1/namespaces/a/configmaps").statusCode()).isEqualTo(200);
            int warmUp = served.get();
            proxy.plan().start();
            for (int i = 0; i < 10; i++) {
                String path = "/api/v1/namespaces/a/configmaps/c" + i;
                int before = proxy.ledger().size();
                HttpResponse<String> response;
                try {
                    response = get(proxy, path);
                } catch (HttpTimeoutException e) {
                    response = null;
                }
                // A time-out's entry may come after the client gave up.
                await().atMost(Duration.ofSeconds(10)).until(() -> proxy.ledger().size() > before);
                List<RequestLedger.Entry> entries = proxy.ledger().since(before);
                assertThat(entries).hasSize(1);
                FaultKind fault = entries.get(0).fault();
                switch (fault) {
                    case SERVER_ERROR -> {
                        assertThat(response).isNotNull();
                        assertThat(response.statusCode()).isEqualTo(500);
                        assertThat(response.body()).contains("\"reason\":\"InternalError\"");
                    }
                    case TOO_MANY_REQUESTS -> {
                        assertThat(response).isNotNull();
                        assertThat(response.statusCode()).isEqualTo(429);
                        assertThat(response.headers().firstValue("Retry-After")).contains("1");
                    }
                    case TIMEOUT, LOST_ANSWER -> assertThat(response).as(path).isNull();
                    default -> throw new AssertionError("a GET of an object got " + fault);
                }
            }
            List<RequestLedger.Entry> all = proxy.ledger().entries();
            // Seed 1 gives each of the four kinds a request can get within ten requests.
            assertThat(RequestLedger.faultsByKind(all))
                    .allSatisfy(
                            (kind, count) -> {
                                if (kind != FaultKind.DROPPED_WATCH) {
                                    assertThat(count).as(kind.name()).isPositive();
                                }
                            });
            assertThat(served.get() - warmUp)
                    .as("only the lost answers reached the server")
                    .isEqualTo(RequestLedger.faultsByKind(all).get(FaultKind.LOST_ANSWER));
        }
    }

    @Test
    void onlyLoopbackIsDialled() {
        assertThatThrownBy(
                        () ->
                                FaultInjectingProxy.start(
                                        "https://10.0.0.1:6443",
                                        new FaultPlan(1, 0.1),
                                        CLIENT_TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10.0.0.1");
    }
}
