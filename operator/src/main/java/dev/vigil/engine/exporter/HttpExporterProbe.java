package dev.vigil.engine.exporter;

import dev.vigil.engine.DatabaseException;
import dev.vigil.engine.PodHttpGet;
import dev.vigil.names.DatabaseAddressResolver;
import java.time.Duration;
import java.util.OptionalDouble;

/** Reads exporter metrics over HTTP, with addresses mapped by a {@link DatabaseAddressResolver}. */
public final class HttpExporterProbe implements ExporterProbe {

    private final PodHttpGet http;

    public HttpExporterProbe(DatabaseAddressResolver resolver, Duration timeout) {
        this.http = new PodHttpGet(resolver, timeout);
    }

    @Override
    public OptionalDouble read(String address, String metric) throws DatabaseException {
        int colon = address.lastIndexOf(':');
        String page =
                http.get(
                        address.substring(0, colon),
                        Integer.parseInt(address.substring(colon + 1)),
                        "/metrics",
                        "exporter " + address);
        return PrometheusText.gauge(page, metric);
    }
}
