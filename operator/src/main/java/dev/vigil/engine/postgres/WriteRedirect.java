package dev.vigil.engine.postgres;

/**
 * Points the read-write Service at a member, in the middle of a switchover: before the other
 * standbys are cut off from the old primary, so that they reconnect to the member about to be
 * promoted and never receive WAL the old primary writes after it.
 */
@FunctionalInterface
interface WriteRedirect {

    /** The read-write Service selects member {@code ordinal} from now on. */
    void to(int ordinal);
}
