/**
 * The operator's own Micrometer metrics about databases, rollouts and the health gate, served at
 * {@code /metrics}; their names are what Vigil's own alerts query.
 */
package dev.vigil.metrics;
