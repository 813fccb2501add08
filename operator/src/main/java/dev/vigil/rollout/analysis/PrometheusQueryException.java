package dev.vigil.rollout.analysis;

/** Prometheus could not be reached, refused a query, or answered with something unusable. */
public final class PrometheusQueryException extends Exception {

    public PrometheusQueryException(String message) {
        super(message);
    }

    public PrometheusQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
