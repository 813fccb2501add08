package dev.vigil.api.v1alpha1;

/** The prometheus-operator object that scrapes the exporter. */
public enum MonitorKind {
    /** Scrape the exporter Service. */
    ServiceMonitor,
    /** Scrape the exporter container of each pod directly. */
    PodMonitor
}
