package dev.vigil.rollout;

/**
 * The words of the health gate: condition reasons, Event reasons, rollout outcomes and message
 * texts. Tests and docs ({@code docs/rollback.md}) use these same constants.
 */
public final class RolloutMessages {

    // Reasons of the HealthGate condition, and of status.rollout.reason.

    /** HealthGate=False: the gate is open and some check has not passed yet. */
    public static final String VERIFYING = "Verifying";

    /** HealthGate=True: every check passed; the spec is the last stable one. */
    public static final String PASSED = "Passed";

    /**
     * HealthGate=True: the database was Ready at this generation before it had a health gate, so
     * its spec became the last stable one without a gate.
     */
    public static final String ADOPTED = "Adopted";

    /** HealthGate=False, and RolledBack=True once rolled back: a check failed, or time ran out. */
    public static final String HEALTH_GATE_FAILED = "HealthGateFailed";

    // Reasons of the RolledBack condition (and of Ready while the rollback is under way or done).

    /** RolledBack=False: the current generation was not rolled back. */
    public static final String NOT_ROLLED_BACK = "NotRolledBack";

    /** RolledBack=False: the last stable spec is being re-applied. */
    public static final String ROLLING_BACK = "RollingBack";

    /** Ready=False after a rollback: the last stable spec runs, not the resource's. */
    public static final String ROLLED_BACK = "RolledBack";

    /** RolledBack=False: {@code healthGate.rollback} is Manual; phase Blocked. */
    public static final String ROLLBACK_MANUAL = "RollbackManual";

    /** RolledBack=False: {@code healthGate.rollback} is Disabled; phase Failed. */
    public static final String ROLLBACK_DISABLED = "RollbackDisabled";

    /** RolledBack=False: no generation passed its gate yet; phase Failed. */
    public static final String NO_STABLE_SPEC = "NoStableSpec";

    /** RolledBack=False: the failed spec is the last stable one, so a rollback changes nothing. */
    public static final String SAME_AS_STABLE_SPEC = "SameAsStableSpec";

    /**
     * RolledBack=False: MongoDB's featureCompatibilityVersion is newer than the last stable spec's
     * binary could run on; phase Blocked.
     */
    public static final String ROLLBACK_REFUSED = "RollbackRefused";

    // Event reasons.

    /** Normal: a generation passed its health gate. */
    public static final String EVENT_HEALTH_GATE_PASSED = "HealthGatePassed";

    /** Normal: a generation failed its gate and Vigil starts re-applying the last stable spec. */
    public static final String EVENT_ROLLING_BACK = "RollingBack";

    /** Warning, once per rollback: the last stable spec runs again. */
    public static final String EVENT_ROLLED_BACK = "RolledBack";

    /** Warning: a generation failed its gate and Vigil does not roll it back (Blocked, Failed). */
    public static final String EVENT_HEALTH_GATE_FAILED = "HealthGateFailed";

    /** Normal: pods of a failed revision, stuck not ready, were deleted. */
    public static final String EVENT_STUCK_PODS_DELETED = "StuckPodsDeleted";

    /** Normal: MongoDB's featureCompatibilityVersion was raised after the gate and the soak. */
    public static final String EVENT_FCV_RAISED = "FeatureCompatibilityVersionRaised";

    /** Normal: a canary step passed, and the next one starts. */
    public static final String EVENT_CANARY_STEP_PASSED = "CanaryStepPassed";

    /** Normal: a canary step asks the primary to move before its pod is replaced. */
    public static final String EVENT_PRIMARY_HAND_OVER = "PrimaryHandOver";

    // Outcomes of status.rollout.history[].

    public static final String OUTCOME_SUCCEEDED = "Succeeded";
    public static final String OUTCOME_ROLLED_BACK = "RolledBack";
    public static final String OUTCOME_FAILED = "Failed";
    public static final String OUTCOME_BLOCKED = "Blocked";

    /** A newer generation arrived before this one's gate passed, failed or was rolled back. */
    public static final String OUTCOME_SUPERSEDED = "Superseded";

    // Message texts (String.format patterns).

    /** Generation; the checks not passed yet; when the gate fails. */
    public static final String MSG_VERIFYING =
            "generation %d: waiting for %s; the gate fails at %s if they have not passed";

    /** Generation; the checks. */
    public static final String MSG_PASSED = "generation %d passed its health gate: %s";

    /** Generation. */
    public static final String MSG_ADOPTED =
            "generation %d was Ready before Vigil had a health gate; its spec is the last stable"
                    + " one";

    /** Generation; what failed. */
    public static final String MSG_FAILED = "generation %d failed its health gate (%s)";

    /** Hard failures, joined. */
    public static final String MSG_HARD_FAILURE = "a hard failure: %s";

    /** Timeout; the checks that had not passed. */
    public static final String MSG_TIMED_OUT = "not passed within %s: %s";

    /** Failed generation; what failed; stable generation. */
    public static final String MSG_ROLLING_BACK =
            "generation %d failed its health gate (%s); re-applying the spec of generation %d";

    /** Failed generation; what failed; stable generation. */
    public static final String MSG_ROLLED_BACK =
            "generation %d failed its health gate (%s) and was rolled back to the spec of"
                    + " generation %d; it is not retried until the spec changes";

    /** Generation. */
    public static final String MSG_NOT_ROLLED_BACK = "generation %d is not rolled back";

    /** Generation; stable generation. */
    public static final String MSG_ROLLBACK_MANUAL =
            "spec.healthGate.rollback is Manual: Vigil leaves generation %d in place; fix the spec,"
                    + " or revert it to the last stable one (generation %d)";

    /** Generation. */
    public static final String MSG_ROLLBACK_DISABLED =
            "spec.healthGate.rollback is Disabled: generation %d stays in place";

    /** Generation. */
    public static final String MSG_NO_STABLE_SPEC =
            "nothing to roll back to: no generation of this database has passed its health gate"
                    + " yet; generation %d stays in place until the spec is fixed";

    /** Generation; stable generation. */
    public static final String MSG_SAME_AS_STABLE_SPEC =
            "generation %d has the spec of the last stable generation %d: rolling back would"
                    + " change nothing";

    /** Stable generation; its version; the featureCompatibilityVersion. */
    public static final String MSG_ROLLBACK_REFUSED =
            "rollback to generation %d refused: MongoDB %s cannot start on data whose"
                    + " featureCompatibilityVersion is already %s; fix the spec forward";

    /** Pods; revision. */
    public static final String MSG_STUCK_PODS_DELETED =
            "deleted %s of the failed revision %s, stuck not ready: the StatefulSet recreates them"
                    + " at its current revision";

    /** From; to. */
    public static final String MSG_FCV_RAISED = "featureCompatibilityVersion raised from %s to %s";

    /** The featureCompatibilityVersion; the target; when it is raised. */
    public static final String MSG_FCV_SOAKING =
            "; featureCompatibilityVersion %s is raised to %s at %s (upgrade.fcvSoak)";

    private RolloutMessages() {}
}
