package dev.vigil.status;

/** The one-word summary in {@code status.phase}, shown by {@code kubectl get mdb}. */
public enum Phase {
    /** Objects are being created; the database has never been ready. */
    Creating,
    /** Ready as the spec asks, and the spec passed its health gate. */
    Ready,
    /** A change (scale, setting, version) is rolling out. */
    Updating,
    /** The change has rolled out and the database answers; the health gate has not passed yet. */
    Verifying,
    /** The change failed its health gate; Vigil re-applies the last stable spec. */
    RollingBack,
    /** The change failed its health gate and the last stable spec runs again. */
    RolledBack,
    /** The change failed its health gate and Vigil does not roll back by itself: a person must. */
    Blocked,
    /**
     * The change failed its health gate and stays applied: nothing to roll back to, or rollback
     * off.
     */
    Failed,
    /** It was ready, and now something is broken. */
    Degraded,
    /** The spec cannot be applied; nothing was changed. */
    Invalid
}
