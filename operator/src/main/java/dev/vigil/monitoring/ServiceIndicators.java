package dev.vigil.monitoring;

/**
 * What an engine's exporter says about the service as its clients see it, for the service level
 * objectives. Both are templates in the placeholders of {@link DefaultAlert}.
 *
 * @param up the exporter's series that is 1 while it reaches its member, 0 when not ({@code pg_up},
 *     {@code mongodb_up})
 * @param meanLatency the mean time of the database's queries over the last 5 minutes, in seconds,
 *     as one series per database ({@code by (namespace, vigil_database)}); NaN without queries
 */
public record ServiceIndicators(String up, String meanLatency) {}
