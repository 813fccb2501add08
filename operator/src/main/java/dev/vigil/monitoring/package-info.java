/**
 * Monitoring objects built without touching the cluster: the ServiceMonitor or PodMonitor, the
 * PrometheusRule of default alerts and policies, the Grafana dashboards ConfigMap and the
 * AlertmanagerConfig. What an engine adds, its alerts and dashboard, comes in as {@link
 * dev.vigil.monitoring.EngineMonitoring}.
 */
package dev.vigil.monitoring;
