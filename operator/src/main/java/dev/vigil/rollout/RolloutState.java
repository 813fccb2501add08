package dev.vigil.rollout;

import java.util.Arrays;
import java.util.Optional;

/** Where the rollout of a generation is, as {@code status.rollout.state} records it. */
public enum RolloutState {
    /** The generation's spec is applied and its health gate is open. */
    Verifying,
    /** It passed every check; its spec is the last stable one. */
    Passed,
    /**
     * It failed; Vigil re-applies the last stable spec and deletes the failed revision's stuck
     * pods.
     */
    RollingBack,
    /** It failed and the last stable spec runs again; it is not retried until the spec changes. */
    RolledBack,
    /** It failed and Vigil does not roll back by itself: rollback Manual, or refused as unsafe. */
    Blocked,
    /** It failed and stays applied: nothing to roll back to, or rollback Disabled. */
    Failed;

    /** The state named {@code name}, if it is one. */
    public static Optional<RolloutState> of(String name) {
        return Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst();
    }
}
