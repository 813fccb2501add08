package dev.vigil.api.v1alpha1;

/** How a change reaches the members of a Managed database. */
public enum UpgradeStrategy {
    /** Every member, highest ordinal first; the health gate judges once all are done. */
    Rolling,
    /**
     * A few standbys first, each step judged by the health gate before the next, and the primary
     * last, after it handed its role to an updated member.
     */
    Canary
}
