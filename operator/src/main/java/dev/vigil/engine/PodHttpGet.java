package dev.vigil.engine;

import dev.vigil.names.DatabaseAddressResolver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A plain-HTTP GET of a page a pod serves (an exporter's {@code /metrics}, a backup agent's
 * status), at the address a {@link DatabaseAddressResolver} gives, with the errors Vigil's database
 * clients throw: no answer is {@link DatabaseUnreachableException}, an answer other than 200 is
 * {@link DatabaseCommandException}.
 */
public final class PodHttpGet {

    private static final int OK = 200;

    private final DatabaseAddressResolver resolver;
    private final Duration timeout;
    private final HttpClient http;

    public PodHttpGet(DatabaseAddressResolver resolver, Duration timeout) {
        this.resolver = resolver;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * The body of {@code path} at {@code host:port}.
     *
     * @param what what serves it, for messages, e.g. "exporter orders-metrics:9187"
     */
    public String get(String host, int port, String path, String what) throws DatabaseException {
        InetSocketAddress socket = resolver.resolve(host, port);
        URI uri = URI.create("http://" + socket.getHostString() + ":" + socket.getPort() + path);
        HttpResponse<String> response;
        try {
            response =
                    http.send(
                            HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DatabaseUnreachableException(what + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseUnreachableException("interrupted while reading " + what, e);
        }
        if (response.statusCode() != OK) {
            throw new DatabaseCommandException(what + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }
}
