package dev.vigil.monitoring;

/**
 * What an engine's exporter says about the service's latency, for the service level objectives
 * (whether a member answers is {@link dev.vigil.api.v1alpha1.Engine#upMetric()}).
 *
 * @param meanLatency the mean time of the database's queries over the last 5 minutes, in seconds,
 *     as one series per database ({@code by (namespace, vigil_database)}); NaN without queries; a
 *     template in the placeholders of {@link DefaultAlert}
 */
public record ServiceIndicators(String meanLatency) {}
