package dev.vigil.engine.postgres;

import java.time.Duration;
import java.util.Optional;

/**
 * What a standby reports about its recovery.
 *
 * @param receiveLsn the last WAL position received and flushed by streaming; empty when it has not
 *     streamed since it started
 * @param replayLsn the last WAL position replayed
 * @param replayLag how far replay is behind: zero when everything received has been replayed,
 *     otherwise the time since the last replayed transaction committed on the primary; empty when
 *     not caught up and no transaction has been replayed yet
 * @param walReceiverStatus the WAL receiver's status ({@code streaming}, {@code starting}, {@code
 *     catchup}, {@code waiting}, {@code restarting}, {@code stopping}); empty when no WAL receiver
 *     runs
 * @param slotName the replication slot the WAL receiver uses on the primary, if any
 */
public record PostgresStandbyState(
        Optional<Lsn> receiveLsn,
        Optional<Lsn> replayLsn,
        Optional<Duration> replayLag,
        Optional<String> walReceiverStatus,
        Optional<String> slotName) {

    /** Whether the WAL receiver streams from the primary now. */
    public boolean streaming() {
        return walReceiverStatus.filter("streaming"::equals).isPresent();
    }
}
