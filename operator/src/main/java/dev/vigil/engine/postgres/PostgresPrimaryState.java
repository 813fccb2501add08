package dev.vigil.engine.postgres;

import java.util.List;

/**
 * What a primary reports about replication.
 *
 * @param currentWalLsn the position up to which it has written WAL
 * @param standbys its WAL senders, one per connected standby (or base backup)
 * @param slots every replication slot it has
 */
public record PostgresPrimaryState(
        Lsn currentWalLsn, List<StreamingStandby> standbys, List<ReplicationSlot> slots) {

    public PostgresPrimaryState {
        standbys = List.copyOf(standbys);
        slots = List.copyOf(slots);
    }
}
