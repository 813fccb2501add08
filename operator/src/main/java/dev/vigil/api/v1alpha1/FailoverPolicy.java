package dev.vigil.api.v1alpha1;

/** Who promotes a PostgreSQL standby when the primary is lost. */
public enum FailoverPolicy {
    /** Report Degraded and wait for a person. */
    Manual,
    /** Promote the most advanced standby and repoint the others. */
    Automatic
}
