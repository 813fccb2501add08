package dev.vigil.engine.exporter;

import dev.vigil.engine.DatabaseCommandException;
import dev.vigil.engine.DatabaseException;
import dev.vigil.engine.DatabaseUnreachableException;
import dev.vigil.names.DatabaseAddressResolver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/** Reads exporter metrics over HTTP, with addresses mapped by a {@link DatabaseAddressResolver}. */
public final class HttpExporterProbe implements ExporterProbe {

    private final DatabaseAddressResolver resolver;
    private final Duration timeout;
    private final HttpClient http;

    public HttpExporterProbe(DatabaseAddressResolver resolver, Duration timeout) {
        this.resolver = resolver;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public OptionalDouble read(String address, String metric) throws DatabaseException {
        int colon = address.lastIndexOf(':');
        InetSocketAddress socket =
                resolver.resolve(
                        address.substring(0, colon),
                        Integer.parseInt(address.substring(colon + 1)));
        URI uri =
                URI.create(
                        "http://" + socket.getHostString() + ":" + socket.getPort() + "/metrics");
        HttpResponse<String> response;
        try {
            response =
                    http.send(
                            HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DatabaseUnreachableException(
                    "exporter " + address + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseUnreachableException(
                    "interrupted while reading exporter " + address, e);
        }
        if (response.statusCode() != 200) {
            throw new DatabaseCommandException(
                    "exporter " + address + " answered HTTP " + response.statusCode());
        }
        return PrometheusText.gauge(response.body(), metric);
    }
}
