package dev.vigil.rollout.analysis;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * {@link PrometheusQueries} over Prometheus' HTTP API ({@code POST /api/v1/query}, the query as a
 * form field so that long queries fit), with the JDK's HTTP client.
 */
public final class HttpPrometheusQueries implements PrometheusQueries {

    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param timeout how long to wait to connect and for each answer
     */
    public HttpPrometheusQueries(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public OptionalDouble query(String baseUrl, String promql) throws PrometheusQueryException {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        URI uri;
        try {
            uri = URI.create(base + "/api/v1/query");
        } catch (IllegalArgumentException e) {
            throw new PrometheusQueryException("not a URL: " + baseUrl, e);
        }
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .timeout(timeout)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "query="
                                                + URLEncoder.encode(
                                                        promql, StandardCharsets.UTF_8)))
                        .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PrometheusQueryException(
                    "Prometheus at " + base + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrometheusQueryException("interrupted while asking Prometheus at " + base, e);
        }
        return PrometheusQueryResponse.value(base, response.statusCode(), response.body());
    }
}
