package dev.vigil.status;

/** The one-word summary in {@code status.phase}, shown by {@code kubectl get mdb}. */
public enum Phase {
    /** Objects are being created; the database has never been ready. */
    Creating,
    /** Ready as the spec asks. */
    Ready,
    /** A change (scale, setting, version) is rolling out. */
    Updating,
    /** It was ready, and now something is broken. */
    Degraded,
    /** The spec cannot be applied; nothing was changed. */
    Invalid
}
