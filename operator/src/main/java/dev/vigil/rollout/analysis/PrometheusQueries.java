package dev.vigil.rollout.analysis;

import java.util.OptionalDouble;

/**
 * Evaluates PromQL instant queries, as the health gate's analyses need. The operator uses {@link
 * HttpPrometheusQueries}; tests use a real Prometheus, a small HTTP server or a fake.
 */
public interface PrometheusQueries {

    /**
     * The value of {@code promql} now: the scalar it returns, or the first sample of the instant
     * vector it returns.
     *
     * @param baseUrl Prometheus' base URL, e.g. {@code http://prometheus.monitoring.svc:9090}
     * @return the value, or empty when the vector has no sample
     * @throws PrometheusQueryException when Prometheus cannot be reached, refuses the query, or
     *     returns a range vector or a string
     */
    OptionalDouble query(String baseUrl, String promql) throws PrometheusQueryException;
}
