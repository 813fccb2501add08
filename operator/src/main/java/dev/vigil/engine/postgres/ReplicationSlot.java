package dev.vigil.engine.postgres;

import java.util.Optional;

/**
 * A replication slot on a primary, a row of {@code pg_replication_slots}.
 *
 * @param name the slot's name
 * @param physical whether it is a physical slot (standbys use those) rather than a logical one
 * @param active whether a connection streams through it now
 * @param restartLsn the oldest WAL position the slot keeps; empty when it reserves no WAL yet
 */
public record ReplicationSlot(
        String name, boolean physical, boolean active, Optional<Lsn> restartLsn) {}
