package dev.vigil.engine.postgres;

/**
 * Names of the physical replication slots of a PostgreSQL database: one per member, so the primary
 * keeps the WAL each standby still needs, also while the standby restarts. Vigil creates them on
 * the primary; the bootstrap script of member {@code n} clones and streams through {@code
 * vigil_<n>}.
 */
public final class ReplicationSlotNames {

    /** Prefix of every slot Vigil owns, so Vigil never touches a slot someone else made. */
    public static final String PREFIX = "vigil_";

    private ReplicationSlotNames() {}

    /**
     * The slot of member {@code ordinal}: {@code vigil_<ordinal>}. Slot names allow only lower-case
     * letters, digits and underscores, so the name carries the ordinal, not the pod name.
     */
    public static String forMember(int ordinal) {
        if (ordinal < 0) {
            throw new IllegalArgumentException("member ordinal must not be negative: " + ordinal);
        }
        return PREFIX + ordinal;
    }
}
