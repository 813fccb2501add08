package dev.vigil.api.v1alpha1;

/** A check of the health gate. */
public enum HealthCheck {
    /** The StatefulSet rolled out: update revision current and all replicas ready. */
    RolloutComplete,
    /**
     * The database answers: a primary, all members healthy, replication lag under the threshold.
     */
    DatabaseHealthy,
    /** The exporter reports the database up. */
    ExporterUp,
    /** The PromQL analyses of healthGate.analysis hold. */
    Analysis
}
