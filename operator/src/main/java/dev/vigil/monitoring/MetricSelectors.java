package dev.vigil.monitoring;

import dev.vigil.api.v1alpha1.DatabaseMode;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.ResourceNames;

/**
 * The PromQL label matchers that scope a rule to one database, for each source of metrics. Pure:
 * the monitors Vigil creates put {@link #DATABASE_LABEL} on every exporter series, and the
 * operator's own metrics carry {@code namespace} and {@code database}.
 */
public final class MetricSelectors {

    /**
     * Target label every monitor Vigil creates adds to the exporter's series (a relabeling), so
     * rules select one database however Prometheus names the job.
     */
    public static final String DATABASE_LABEL = "vigil_database";

    private MetricSelectors() {}

    /** Series scraped from the database's exporter. */
    public static String exporter(MonitoredDatabase database) {
        return "namespace=\""
                + database.getMetadata().getNamespace()
                + "\","
                + DATABASE_LABEL
                + "=\""
                + database.getMetadata().getName()
                + "\"";
    }

    /**
     * Series about the database's pods (kube-state-metrics, cAdvisor): the StatefulSet's pods in
     * Managed mode, the exporter Deployment's pods in External mode.
     */
    public static String pods(MonitoredDatabase database) {
        String pods =
                DatabaseMode.runsMembers(database.getSpec().getMode())
                        ? ResourceNames.statefulSet(database) + "-[0-9]+"
                        : ResourceNames.exporterDeployment(database) + "-[a-z0-9]+-[a-z0-9]+";
        return "namespace=\"" + database.getMetadata().getNamespace() + "\",pod=~\"" + pods + "\"";
    }

    /** The kubelet's volume series of the members' data volumes ({@code data-<name>-<n>}). */
    public static String volumes(MonitoredDatabase database) {
        return "namespace=\""
                + database.getMetadata().getNamespace()
                + "\",persistentvolumeclaim=~\"data-"
                + ResourceNames.statefulSet(database)
                + "-[0-9]+\"";
    }

    /** Vigil's own series about the database, from the operator's {@code /metrics}. */
    public static String operator(MonitoredDatabase database) {
        return "namespace=\""
                + database.getMetadata().getNamespace()
                + "\",database=\""
                + database.getMetadata().getName()
                + "\"";
    }
}
