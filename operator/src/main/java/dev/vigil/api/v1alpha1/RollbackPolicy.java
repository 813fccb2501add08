package dev.vigil.api.v1alpha1;

/** What Vigil does when a change fails its health gate. */
public enum RollbackPolicy {
    /** Re-apply the last stable spec and report the rollback. */
    Automatic,
    /** Stop, keep the failed change in place and report phase Blocked. */
    Manual,
    /** Only report the failed health gate. */
    Disabled
}
