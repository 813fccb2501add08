package dev.vigil.engine.postgres;

import java.util.Optional;

/**
 * What {@link PostgresClient#probe} saw of one member. A member that does not answer gives no
 * observation but a {@code DatabaseUnreachableException}, so an observation always means it is up.
 *
 * @param member {@code host:port} as it was asked for
 * @param serverVersion the version without the packager's suffix, e.g. {@code 16.4}
 * @param majorVersion e.g. 16
 * @param role primary or standby
 * @param primary replication as the primary sees it; present exactly when {@code role} is {@link
 *     PostgresRole#PRIMARY}
 * @param standby recovery as the standby sees it; present exactly when {@code role} is {@link
 *     PostgresRole#STANDBY}
 */
public record PostgresMemberObservation(
        String member,
        String serverVersion,
        int majorVersion,
        PostgresRole role,
        Optional<PostgresPrimaryState> primary,
        Optional<PostgresStandbyState> standby) {

    public PostgresMemberObservation {
        if (primary.isPresent() != (role == PostgresRole.PRIMARY)
                || standby.isPresent() != (role == PostgresRole.STANDBY)) {
            throw new IllegalArgumentException(
                    "a " + role + " observation carries the state of its role and no other");
        }
    }

    /** A probed primary. */
    public static PostgresMemberObservation ofPrimary(
            String member, String serverVersion, int majorVersion, PostgresPrimaryState state) {
        return new PostgresMemberObservation(
                member,
                serverVersion,
                majorVersion,
                PostgresRole.PRIMARY,
                Optional.of(state),
                Optional.empty());
    }

    /** A probed standby. */
    public static PostgresMemberObservation ofStandby(
            String member, String serverVersion, int majorVersion, PostgresStandbyState state) {
        return new PostgresMemberObservation(
                member,
                serverVersion,
                majorVersion,
                PostgresRole.STANDBY,
                Optional.empty(),
                Optional.of(state));
    }
}
