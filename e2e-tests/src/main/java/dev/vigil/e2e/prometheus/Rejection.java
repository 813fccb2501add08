package dev.vigil.e2e.prometheus;

/**
 * A monitor or PrometheusRule the local Prometheus does not load, and why: prometheus-operator
 * likewise skips, with a warning, what Prometheus would refuse, so one bad object cannot stop
 * Prometheus from loading all the others.
 *
 * @param kind {@code ServiceMonitor}, {@code PodMonitor} or {@code PrometheusRule}
 * @param namespace the object's namespace
 * @param name the object's name
 * @param reason what Prometheus or promtool said about it
 */
public record Rejection(String kind, String namespace, String name, String reason) {

    @Override
    public String toString() {
        return kind + " " + namespace + "/" + name + ": " + reason;
    }
}
