package dev.vigil.metrics;

/**
 * Names of the per-database metrics the operator serves on {@code /metrics}, each labelled {@code
 * namespace} and {@code database}. Vigil's own alert rules read them; they are defined once here.
 */
public final class OperatorMetricNames {

    /** Gauge: 1 when the database's Ready condition is True, else 0. */
    public static final String READY = "vigil_database_ready";

    /** Gauge: 1 for the database's current phase (label {@code phase}), 0 for the others. */
    public static final String PHASE = "vigil_database_phase";

    /**
     * Gauge: 1 for each condition's current status (labels {@code condition} and {@code status}:
     * True, False or Unknown), 0 for the other statuses.
     */
    public static final String CONDITION = "vigil_database_condition";

    /** Counter: rollouts of a new generation started. */
    public static final String ROLLOUTS = "vigil_database_rollouts_total";

    /** Counter: rollbacks completed after a failed health gate. */
    public static final String ROLLBACKS = "vigil_database_rollbacks_total";

    /** Summary/histogram: how long health gates took, in seconds (label {@code outcome}). */
    public static final String HEALTH_GATE_SECONDS = "vigil_database_health_gate_seconds";

    private OperatorMetricNames() {}
}
