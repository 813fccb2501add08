package dev.vigil.api.v1alpha1;

/**
 * A ready-made analysis of the health gate: one of the four common rollback triggers, whose query
 * Vigil writes for the database's engine and scopes to the database itself.
 */
public enum StandardAnalysis {
    /** More than half of the members under test failing their readiness probe for 2 minutes. */
    HealthCheckFailures("health-check-failures"),
    /**
     * More than 5% of the work failing over 5 minutes: rolled-back transactions, failed commands.
     */
    ErrorRate("error-rate"),
    /** More than 5% of the calls slower than 2 seconds over 3 minutes. */
    P95Latency("p95-latency"),
    /** The exporters of more than 10% of the members under test failing to connect for 1 minute. */
    ConnectionFailures("connection-failures");

    private final String analysisName;

    StandardAnalysis(String analysisName) {
        this.analysisName = analysisName;
    }

    /**
     * The name of the analysis in {@code status.rollout.checks}; a hand-written analysis of the
     * same name replaces it.
     */
    public String analysisName() {
        return analysisName;
    }
}
