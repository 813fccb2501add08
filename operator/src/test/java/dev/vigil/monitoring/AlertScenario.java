package dev.vigil.monitoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One promtool unit test of one alert: input series, an evaluation time, and the alerts expected to
 * fire then (none for a silent case).
 *
 * @param alert the alert under test
 * @param description what the case shows, as the test's name
 * @param series the input series
 * @param evalTime when the rule is evaluated, from the first sample
 * @param expected the firing alerts; empty when the alert must stay silent
 */
record AlertScenario(
        String alert,
        String description,
        List<Series> series,
        String evalTime,
        List<Firing> expected) {

    /** A firing case. */
    static AlertScenario fires(
            String alert, String description, String evalTime, Firing firing, Series... series) {
        return new AlertScenario(alert, description, List.of(series), evalTime, List.of(firing));
    }

    /** A silent case. */
    static AlertScenario silent(
            String alert, String description, String evalTime, Series... series) {
        return new AlertScenario(alert, description, List.of(series), evalTime, List.of());
    }

    boolean firing() {
        return !expected.isEmpty();
    }

    /**
     * An input series in promtool's expanding notation.
     *
     * @param name the metric name
     * @param labels its labels
     * @param values e.g. {@code 1 0x10}
     */
    record Series(String name, Map<String, String> labels, String values) {

        /** {@code name{label="value",...}}. */
        String selector() {
            return labels.entrySet().stream()
                    .map(label -> label.getKey() + "=\"" + label.getValue() + "\"")
                    .collect(Collectors.joining(",", name + "{", "}"));
        }
    }

    /**
     * An alert expected to fire.
     *
     * @param seriesLabels the labels of the expression's result (those annotations can use)
     * @param renderedValue how {@code $value} renders through the annotation's function, or null
     *     when no annotation shows it
     */
    record Firing(Map<String, String> seriesLabels, String renderedValue) {}

    /** {@code base} with {@code extra} added or replaced, in order. */
    static Map<String, String> labels(Map<String, String> base, String... extra) {
        Map<String, String> labels = new LinkedHashMap<>(base);
        for (int i = 0; i < extra.length; i += 2) {
            labels.put(extra[i], extra[i + 1]);
        }
        return labels;
    }

    /** {@code labels} without {@code names}. */
    static Map<String, String> without(Map<String, String> labels, String... names) {
        Map<String, String> kept = new LinkedHashMap<>(labels);
        for (String name : names) {
            kept.remove(name);
        }
        return kept;
    }
}
