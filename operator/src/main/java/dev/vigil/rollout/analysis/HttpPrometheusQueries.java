package dev.vigil.rollout.analysis;

import dev.vigil.names.DatabaseAddressResolver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * {@link PrometheusQueries} over Prometheus' HTTP API ({@code POST /api/v1/query}, the query as a
 * form field so that long queries fit), with the JDK's HTTP client. The URL's host is looked up
 * through the operator's {@link DatabaseAddressResolver}, as database and exporter addresses are.
 */
public final class HttpPrometheusQueries implements PrometheusQueries {

    private final DatabaseAddressResolver resolver;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * Queries Prometheus where its URL points, as in a cluster.
     *
     * @param timeout how long to wait to connect and for each answer
     */
    public HttpPrometheusQueries(Duration timeout) {
        this(DatabaseAddressResolver.IN_CLUSTER, timeout);
    }

    /**
     * @param resolver where the host of a Prometheus URL is
     * @param timeout how long to wait to connect and for each answer
     */
    public HttpPrometheusQueries(DatabaseAddressResolver resolver, Duration timeout) {
        this.resolver = resolver;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public OptionalDouble query(String baseUrl, String promql) throws PrometheusQueryException {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        URI uri;
        try {
            uri = resolved(URI.create(base + "/api/v1/query"));
        } catch (IllegalArgumentException | URISyntaxException e) {
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

    /** The URI with its host and port where the resolver says they are, if it says so. */
    private URI resolved(URI uri) throws URISyntaxException {
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in " + uri);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        InetSocketAddress socket = resolver.resolve(uri.getHost(), port);
        if (socket.isUnresolved()) {
            return uri;
        }
        return new URI(
                uri.getScheme(),
                uri.getUserInfo(),
                socket.getAddress().getHostAddress(),
                socket.getPort(),
                uri.getPath(),
                uri.getQuery(),
                uri.getFragment());
    }
}
