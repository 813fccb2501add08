/**
 * The health gate's PromQL analyses: their rules, success conditions, and the Prometheus query
 * client.
 */
package dev.vigil.rollout.analysis;
