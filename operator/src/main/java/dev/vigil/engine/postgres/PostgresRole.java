package dev.vigil.engine.postgres;

/** What a PostgreSQL member is in its replication setup, as {@code pg_is_in_recovery()} says. */
public enum PostgresRole {
    /** Not in recovery: accepts writes and sends WAL to standbys. */
    PRIMARY,
    /** In recovery: replays WAL it receives from a primary (or an archive). */
    STANDBY
}
