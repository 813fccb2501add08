package dev.vigil.status;

/**
 * Whether a database's scrape and alert objects are in place: the {@code MonitoringReady}
 * condition. The database's own readiness does not depend on it.
 *
 * @param ready whether Vigil's monitor and rules exist
 * @param reason {@link Reason#MONITORING_INSTALLED}, {@link Reason#CRDS_MISSING} or {@link
 *     Reason#MONITORING_NOT_MANAGED}
 * @param message for people
 */
public record MonitoringHealth(boolean ready, String reason, String message) {

    /** Monitor and rules applied. */
    public static MonitoringHealth installed(String message) {
        return new MonitoringHealth(true, Reason.MONITORING_INSTALLED, message);
    }

    /** The prometheus-operator CRDs are not installed: nothing to create them with. */
    public static MonitoringHealth crdsMissing() {
        return new MonitoringHealth(
                false,
                Reason.CRDS_MISSING,
                "the prometheus-operator CRDs (ServiceMonitor, PodMonitor, PrometheusRule,"
                        + " AlertmanagerConfig) are not installed; the database works without"
                        + " them, and Vigil adds its monitor and rules when they appear");
    }

    /** {@code spec.monitoring.managed} is false, or the exporter is off. */
    public static MonitoringHealth notManaged(String why) {
        return new MonitoringHealth(false, Reason.MONITORING_NOT_MANAGED, why);
    }
}
