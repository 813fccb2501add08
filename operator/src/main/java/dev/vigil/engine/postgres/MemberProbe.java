package dev.vigil.engine.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The read-only queries of {@link PostgresClient#probe}, on one open connection. */
final class MemberProbe {

    private static final String SERVER =
            "SELECT current_setting('server_version'), current_setting('server_version_num')::int,"
                    + " pg_is_in_recovery()";

    private static final String CURRENT_WAL = "SELECT pg_current_wal_lsn()::text";

    /** Which slot a sender streams through: the slot whose active process is the sender. */
    private static final String SENDERS =
            "SELECT r.application_name, host(r.client_addr), r.state, r.replay_lsn::text,"
                    + " (EXTRACT(EPOCH FROM r.replay_lag) * 1000)::bigint, s.slot_name"
                    + " FROM pg_stat_replication r"
                    + " LEFT JOIN pg_replication_slots s ON s.active_pid = r.pid"
                    + " ORDER BY r.application_name, r.pid";

    private static final String SLOTS =
            "SELECT slot_name, slot_type = 'physical', active, restart_lsn::text"
                    + " FROM pg_replication_slots ORDER BY slot_name";

    /**
     * Replay lag is zero when everything streamed in has been replayed; otherwise the age of the
     * last replayed commit (NULL when none was replayed yet).
     */
    private static final String RECOVERY =
            "SELECT pg_last_wal_receive_lsn()::text, pg_last_wal_replay_lsn()::text,"
                    + " CASE WHEN pg_last_wal_receive_lsn() IS NOT NULL"
                    + " AND pg_last_wal_replay_lsn() >= pg_last_wal_receive_lsn() THEN 0"
                    + " ELSE (EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())"
                    + " * 1000)::bigint END";

    private static final String WAL_RECEIVER = "SELECT status, slot_name FROM pg_stat_wal_receiver";

    private MemberProbe() {}

    static PostgresMemberObservation probe(String member, Connection connection)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SERVER);
                ResultSet row = statement.executeQuery()) {
            row.next();
            String version = withoutPackagerSuffix(row.getString(1));
            int major = row.getInt(2) / 10_000;
            if (row.getBoolean(3)) {
                return PostgresMemberObservation.ofStandby(
                        member, version, major, standby(connection));
            }
            return PostgresMemberObservation.ofPrimary(member, version, major, primary(connection));
        }
    }

    /** {@code 16.4 (Debian 16.4-1.pgdg120+1)} becomes {@code 16.4}. */
    static String withoutPackagerSuffix(String serverVersion) {
        int space = serverVersion.indexOf(' ');
        return space < 0 ? serverVersion : serverVersion.substring(0, space);
    }

    private static PostgresPrimaryState primary(Connection connection) throws SQLException {
        Lsn current;
        try (PreparedStatement statement = connection.prepareStatement(CURRENT_WAL);
                ResultSet row = statement.executeQuery()) {
            row.next();
            current = Lsn.parse(row.getString(1));
        }
        List<StreamingStandby> standbys = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SENDERS);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                standbys.add(
                        new StreamingStandby(
                                rows.getString(1),
                                Optional.ofNullable(rows.getString(2)),
                                rows.getString(3),
                                lsn(rows.getString(4)),
                                millis(rows, 5),
                                text(rows.getString(6))));
            }
        }
        List<ReplicationSlot> slots = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SLOTS);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                slots.add(
                        new ReplicationSlot(
                                rows.getString(1),
                                rows.getBoolean(2),
                                rows.getBoolean(3),
                                lsn(rows.getString(4))));
            }
        }
        return new PostgresPrimaryState(current, standbys, slots);
    }

    private static PostgresStandbyState standby(Connection connection) throws SQLException {
        Optional<Lsn> received;
        Optional<Lsn> replayed;
        Optional<Duration> lag;
        try (PreparedStatement statement = connection.prepareStatement(RECOVERY);
                ResultSet row = statement.executeQuery()) {
            row.next();
            received = lsn(row.getString(1));
            replayed = lsn(row.getString(2));
            lag = millis(row, 3);
        }
        Optional<String> status = Optional.empty();
        Optional<String> slot = Optional.empty();
        try (PreparedStatement statement = connection.prepareStatement(WAL_RECEIVER);
                ResultSet row = statement.executeQuery()) {
            if (row.next()) {
                status = text(row.getString(1));
                slot = text(row.getString(2));
            }
        }
        return new PostgresStandbyState(received, replayed, lag, status, slot);
    }

    private static Optional<Lsn> lsn(String text) {
        return text == null ? Optional.empty() : Optional.of(Lsn.parse(text));
    }

    private static Optional<String> text(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** A column of milliseconds; a negative value (clocks apart) counts as no lag. */
    private static Optional<Duration> millis(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        if (row.wasNull()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.max(0, value)));
    }
}
