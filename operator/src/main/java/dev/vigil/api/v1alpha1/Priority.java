package dev.vigil.api.v1alpha1;

/** An alert priority, P1 the most urgent. */
public enum Priority {
    /** Wake someone up now. */
    P1,
    /** Needs attention within the hour. */
    P2,
    /** Needs attention within the working day. */
    P3,
    /** Informational. */
    P4
}
