package dev.vigil.status;

/** The condition types of a MonitoredDatabase, as they appear in {@code status.conditions}. */
public final class ConditionType {

    /** The database serves clients as the spec asks. {@code kubectl wait --for=condition=Ready}. */
    public static final String READY = "Ready";

    /** Vigil is working toward the spec: creating, scaling or rolling out. */
    public static final String PROGRESSING = "Progressing";

    /** Something that worked is broken: the database is unreachable or a member is unhealthy. */
    public static final String DEGRADED = "Degraded";

    /** The current generation passed its health gate (or why not, or not yet). */
    public static final String HEALTH_GATE = "HealthGate";

    /** The current generation failed its health gate and the last stable spec runs again. */
    public static final String ROLLED_BACK = "RolledBack";

    /** The scrape and alert objects are in place (or why not: CRDs missing, not managed). */
    public static final String MONITORING_READY = "MonitoringReady";

    private ConditionType() {}
}
