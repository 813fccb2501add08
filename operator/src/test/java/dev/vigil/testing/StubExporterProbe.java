package dev.vigil.testing;

import dev.vigil.engine.exporter.ExporterProbe;
import java.util.OptionalDouble;

/**
 * An exporter that reports every metric at one value the test sets: 1 (the database up) unless told
 * otherwise. For reconciler tests whose members have no exporter to ask.
 */
public final class StubExporterProbe implements ExporterProbe {

    private volatile double value = 1;

    /** An exporter that reports the database up. */
    public static StubExporterProbe reportingUp() {
        return new StubExporterProbe();
    }

    /** From now on, every metric reads {@code value}. */
    public void report(double value) {
        this.value = value;
    }

    @Override
    public OptionalDouble read(String address, String metric) {
        return OptionalDouble.of(value);
    }
}
