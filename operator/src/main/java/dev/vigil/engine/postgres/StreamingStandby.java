package dev.vigil.engine.postgres;

import java.time.Duration;
import java.util.Optional;

/**
 * One WAL sender on a primary, a row of {@code pg_stat_replication}.
 *
 * @param applicationName the standby's {@code application_name} (its {@code cluster_name} or the
 *     name in its {@code primary_conninfo})
 * @param clientAddress the standby's IP address; empty for a Unix-socket connection
 * @param state the sender's state: {@code startup}, {@code catchup}, {@code streaming}, {@code
 *     backup} or {@code stopping}
 * @param replayLsn the last WAL position the standby reported as replayed
 * @param replayLag the time the standby took to replay recent WAL; empty when PostgreSQL has no
 *     recent measurement (the standby is idle and caught up)
 * @param slotName the replication slot the standby streams through, if any
 */
public record StreamingStandby(
        String applicationName,
        Optional<String> clientAddress,
        String state,
        Optional<Lsn> replayLsn,
        Optional<Duration> replayLag,
        Optional<String> slotName) {

    /** Whether the standby has caught up and receives WAL as it is written. */
    public boolean streaming() {
        return "streaming".equals(state);
    }
}
