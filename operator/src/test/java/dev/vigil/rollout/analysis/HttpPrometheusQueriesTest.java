package dev.vigil.rollout.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a small HTTP server answering as Prometheus' {@code /api/v1/query} does (the
 * reply shapes of the Prometheus HTTP API documentation).
 */
class HttpPrometheusQueriesTest {

    private HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private volatile int status;
    private volatile String body;
    private final HttpPrometheusQueries prometheus =
            new HttpPrometheusQueries(Duration.ofSeconds(2));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/api/v1/query",
                exchange -> {
                    String form =
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8);
                    queries.add(
                            exchange.getRequestMethod()
                                    + " "
                                    + URLDecoder.decode(
                                            form.substring("query=".length()),
                                            StandardCharsets.UTF_8));
                    byte[] reply = body.getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(status, reply.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(reply);
                    }
                });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void answer(int status, String body) {
        this.status = status;
        this.body = body;
    }

    @Test
    void readsTheFirstSampleOfAVectorAndPostsTheQuery() throws Exception {
        answer(
                200,
                """
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"instance":"a"},"value":[1700000000.1,"0.042"]},
                  {"metric":{"instance":"b"},"value":[1700000000.1,"0.9"]}]}}
                """);

        OptionalDouble value = prometheus.query(url(), "sum(rate(x{a=\"b\"}[5m])) or vector(0)");

        assertThat(value).hasValue(0.042);
        assertThat(queries).containsExactly("POST sum(rate(x{a=\"b\"}[5m])) or vector(0)");
    }

    @Test
    void looksTheHostUpThroughTheOperatorsResolver() throws Exception {
        answer(
                200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"3\"]}}");
        HttpPrometheusQueries throughClusterDns =
                new HttpPrometheusQueries(
                        (host, port) ->
                                host.equals("prometheus.monitoring.svc") && port == 9090
                                        ? server.getAddress()
                                        : InetSocketAddress.createUnresolved(host, port),
                        Duration.ofSeconds(2));

        assertThat(throughClusterDns.query("http://prometheus.monitoring.svc:9090", "vector(3)"))
                .hasValue(3);
        assertThatThrownBy(() -> throughClusterDns.query("http://elsewhere.invalid:9090", "x"))
                .isInstanceOf(PrometheusQueryException.class)
                .hasMessageContaining("elsewhere.invalid");
    }

    @Test
    void readsAScalar() throws Exception {
        answer(
                200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"2\"]}}");

        assertThat(prometheus.query(url(), "scalar(vector(2))")).hasValue(2);
    }

    @Test
    void anEmptyVectorHasNoValue() throws Exception {
        answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");

        assertThat(prometheus.query(url(), "absent_series")).isEmpty();
    }

    @Test
    void readsNaNAndInfinities() throws Exception {
        answer(
                200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"NaN\"]}}");
        assertThat(prometheus.query(url(), "q").getAsDouble()).isNaN();
        answer(
                200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"+Inf\"]}}");
        assertThat(prometheus.query(url(), "q")).hasValue(Double.POSITIVE_INFINITY);
        answer(
                200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"-Inf\"]}}");
        assertThat(prometheus.query(url(), "q")).hasValue(Double.NEGATIVE_INFINITY);
    }

    @Test
    void aRefusedQueryIsAnErrorWithPrometheusReason() {
        answer(
                400,
                "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter"
                        + " \\\"query\\\": 1:5: parse error\"}");

        assertThatThrownBy(() -> prometheus.query(url(), "sum("))
                .isInstanceOf(PrometheusQueryException.class)
                .hasMessageContaining("refused the query (HTTP 400): bad_data: invalid parameter");
    }

    @Test
    void aRangeVectorIsNotAValue() {
        answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");

        assertThatThrownBy(() -> prometheus.query(url(), "up[5m]"))
                .isInstanceOf(PrometheusQueryException.class)
                .hasMessage(
                        "the query returns a matrix; an analysis needs a scalar or an instant"
                                + " vector");
    }

    @Test
    void anAnswerThatIsNotJsonIsAnError() {
        answer(502, "<html>bad gateway</html>");

        assertThatThrownBy(() -> prometheus.query(url(), "up"))
                .isInstanceOf(PrometheusQueryException.class)
                .hasMessageContaining("answered HTTP 502 without JSON");
    }

    @Test
    void aPrometheusThatDoesNotAnswerIsAnError() {
        String gone = url();
        server.stop(0);

        assertThatThrownBy(() -> prometheus.query(gone, "up"))
                .isInstanceOf(PrometheusQueryException.class)
                .hasMessageContaining("did not answer");
    }
}
