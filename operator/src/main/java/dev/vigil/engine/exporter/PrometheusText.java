package dev.vigil.engine.exporter;

import java.util.OptionalDouble;

/** Reads samples from the Prometheus text exposition format. */
final class PrometheusText {

    private PrometheusText() {}

    /**
     * The value of the sample of {@code metric} without labels (or with an empty label set), the
     * way {@code pg_up} and {@code mongodb_up} are exposed.
     */
    static OptionalDouble gauge(String page, String metric) {
        for (String line : page.split("\n")) {
            String sample = line.strip();
            if (sample.isEmpty() || sample.startsWith("#")) {
                continue;
            }
            String name;
            String rest;
            if (sample.startsWith(metric + "{}")) {
                name = metric;
                rest = sample.substring(metric.length() + 2);
            } else {
                int space = sample.indexOf(' ');
                if (space < 0) {
                    continue;
                }
                name = sample.substring(0, space);
                rest = sample.substring(space);
            }
            if (!name.equals(metric)) {
                continue;
            }
            String[] fields = rest.strip().split("\\s+");
            try {
                return OptionalDouble.of(Double.parseDouble(fields[0]));
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }
}
