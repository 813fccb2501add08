package dev.vigil.engine.exporter;

import dev.vigil.engine.DatabaseException;
import java.util.OptionalDouble;

/**
 * Reads a metric from an exporter's {@code /metrics} page: how Vigil learns whether an exporter
 * reaches its database ({@code pg_up}, {@code mongodb_up}). Tests use it against a real exporter or
 * a small HTTP server.
 */
public interface ExporterProbe {

    /**
     * The value of the unlabelled gauge {@code metric} on the exporter at {@code address}.
     *
     * @param address {@code host:port} of the exporter (its Service's stable name)
     * @return the value, or empty when the page has no such sample
     * @throws DatabaseException when the exporter cannot be reached or answers with an error
     */
    OptionalDouble read(String address, String metric) throws DatabaseException;
}
