package dev.vigil.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpEndpointsTest {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SettableProbes probes = new SettableProbes();
    private HttpEndpoints endpoints;

    @BeforeEach
    void start() {
        endpoints = new HttpEndpoints(0, registry, probes);
        endpoints.start();
    }

    @AfterEach
    void stop() {
        endpoints.close();
        registry.close();
    }

    @Test
    void listensOnAnEphemeralPortWhenAskedForPortZero() {
        assertThat(endpoints.port()).isPositive();
    }

    @Test
    void listensOnlyOnTheAddressItIsGiven() throws Exception {
        try (HttpEndpoints bound = new HttpEndpoints("127.0.0.2", 0, registry, probes)) {
            bound.start();
            URI other = URI.create("http://127.0.0.3:" + bound.port() + "/healthz");

            assertThat(
                            http.send(
                                            HttpRequest.newBuilder(
                                                            URI.create(
                                                                    "http://127.0.0.2:"
                                                                            + bound.port()
                                                                            + "/healthz"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .statusCode())
                    .isEqualTo(200);
            assertThatThrownBy(
                            () ->
                                    http.send(
                                            HttpRequest.newBuilder(other).build(),
                                            HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void metricsAreServedInThePrometheusTextFormat() throws Exception {
        Counter.builder("vigil.test.events").register(registry).increment(3);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(response.body()).contains("vigil_test_events_total 3.0");
    }

    @Test
    void probesAnswerOkWhenHealthy() throws Exception {
        HttpResponse<String> healthz = get("/healthz");
        HttpResponse<String> readyz = get("/readyz");

        assertThat(healthz.statusCode()).isEqualTo(200);
        assertThat(healthz.body().trim()).isEqualTo("ok");
        assertThat(readyz.statusCode()).isEqualTo(200);
        assertThat(readyz.body().trim()).isEqualTo("ok");
    }

    @Test
    void probesAnswer503WithTheReasonWhenFailing() throws Exception {
        probes.readiness = ProbeResult.failing("operator not started");
        probes.liveness = ProbeResult.failing("operator failed to start: boom");

        HttpResponse<String> readyz = get("/readyz");
        HttpResponse<String> healthz = get("/healthz");

        assertThat(readyz.statusCode()).isEqualTo(503);
        assertThat(readyz.body().trim()).isEqualTo("operator not started");
        assertThat(healthz.statusCode()).isEqualTo(503);
        assertThat(healthz.body().trim()).isEqualTo("operator failed to start: boom");
    }

    @Test
    void unknownPathsAre404EvenWhenTheyStartLikeAKnownOne() throws Exception {
        assertThat(get("/").statusCode()).isEqualTo(404);
        assertThat(get("/metricsx").statusCode()).isEqualTo(404);
        assertThat(get("/healthz/extra").statusCode()).isEqualTo(404);
    }

    @Test
    void otherMethodsAre405() throws Exception {
        HttpRequest post =
                HttpRequest.newBuilder(uri("/metrics"))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build();

        HttpResponse<String> response = http.send(post, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void closeStopsListening() {
        URI healthz = uri("/healthz");
        endpoints.close();

        assertThatThrownBy(
                        () ->
                                http.send(
                                        HttpRequest.newBuilder(healthz).build(),
                                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + endpoints.port() + path);
    }

    /** Probes whose answers a test sets. */
    private static final class SettableProbes implements HealthProbes {
        volatile ProbeResult liveness = ProbeResult.ok();
        volatile ProbeResult readiness = ProbeResult.ok();

        @Override
        public ProbeResult liveness() {
            return liveness;
        }

        @Override
        public ProbeResult readiness() {
            return readiness;
        }
    }
}
