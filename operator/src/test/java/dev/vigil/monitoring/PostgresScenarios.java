package dev.vigil.monitoring;

import static dev.vigil.monitoring.AlertScenario.fires;
import static dev.vigil.monitoring.AlertScenario.labels;
import static dev.vigil.monitoring.AlertScenario.silent;
import static dev.vigil.monitoring.AlertScenario.without;

import dev.vigil.engine.postgres.ReplicationSlotNames;
import dev.vigil.monitoring.AlertScenario.Firing;
import dev.vigil.monitoring.AlertScenario.Series;
import java.util.List;
import java.util.Map;

/**
 * promtool cases for the PostgreSQL alerts of {@link RuleTestDatabases#postgres} ({@code
 * shop/orders}): {@code orders-0} the primary, {@code orders-1} a standby, each with its
 * postgres_exporter sidecar.
 */
final class PostgresScenarios {

    static final Map<String, String> PRIMARY = exporter("orders-0", "10.1.0.20:9187");
    private static final Map<String, String> STANDBY = exporter("orders-1", "10.1.0.21:9187");
    private static final Map<String, String> PRIMARY_POD = without(PRIMARY, "instance", "job");

    private PostgresScenarios() {}

    static List<AlertScenario> all() {
        String slot = ReplicationSlotNames.forMember(1);
        return List.of(
                fires(
                        "PostgreSQLDown",
                        "PostgreSQL refuses the exporter for longer than 1m",
                        "5m",
                        new Firing(PRIMARY, null),
                        new Series("pg_up", PRIMARY, "1 0x10")),
                silent(
                        "PostgreSQLDown",
                        "down for less than the 1m 'for'",
                        "2m",
                        new Series("pg_up", PRIMARY, "1 1 0 0")),
                fires(
                        "PostgreSQLExporterDown",
                        "the scrape fails for 5m",
                        "6m",
                        new Firing(STANDBY, null),
                        new Series("up", STANDBY, "1 0x10")),
                silent(
                        "PostgreSQLExporterDown",
                        "the scrape has failed for only 4m",
                        "5m",
                        new Series("up", STANDBY, "1 0x10")),
                fires(
                        "PostgreSQLExporterScrapeError",
                        "queries fail for 10m",
                        "12m",
                        new Firing(PRIMARY, null),
                        new Series("pg_exporter_last_scrape_error", PRIMARY, "0 1x20")),
                silent(
                        "PostgreSQLExporterScrapeError",
                        "queries have failed for only 9m",
                        "10m",
                        new Series("pg_exporter_last_scrape_error", PRIMARY, "0 1x20")),
                fires(
                        "PostgreSQLReplicationLagHigh",
                        "a standby replays 60s behind while WAL waits on the primary",
                        "10m",
                        new Firing(without(STANDBY, "instance", "job"), "1m 0s"),
                        new Series("pg_replication_lag_seconds", STANDBY, "60x10"),
                        new Series("pg_replication_lag_seconds", PRIMARY, "0x10"),
                        walBehind("4096x10")),
                silent(
                        "PostgreSQLReplicationLagHigh",
                        "the primary is idle: the standby's replay time ages but no WAL waits",
                        "10m",
                        new Series("pg_replication_lag_seconds", STANDBY, "600+60x10"),
                        walBehind("0x10")),
                silent(
                        "PostgreSQLReplicationLagHigh",
                        "a standby 10s behind",
                        "10m",
                        new Series("pg_replication_lag_seconds", STANDBY, "10x10"),
                        walBehind("4096x10")),
                fires(
                        "PostgreSQLStandbyNotStreaming",
                        "the standby's slot has no walsender for 5m",
                        "10m",
                        new Firing(labels(PRIMARY_POD, "slot_name", slot), null),
                        slotActive(slot, "1 0x10")),
                silent(
                        "PostgreSQLStandbyNotStreaming",
                        "the standby reconnects within 5m",
                        "10m",
                        slotActive(slot, "1 0 0 0 1x10")),
                fires(
                        "PostgreSQLConnectionsNearLimit",
                        "90 of 100 connections in use",
                        "10m",
                        new Firing(PRIMARY_POD, "90"),
                        activity("active", "60x10"),
                        activity("idle", "30x10"),
                        new Series("pg_settings_max_connections", PRIMARY, "100x10")),
                silent(
                        "PostgreSQLConnectionsNearLimit",
                        "70 of 100 connections in use",
                        "10m",
                        activity("active", "50x10"),
                        activity("idle", "20x10"),
                        new Series("pg_settings_max_connections", PRIMARY, "100x10")),
                fires(
                        "PostgreSQLLongRunningTransaction",
                        "a transaction open for 10 minutes",
                        "10m",
                        new Firing(labels(PRIMARY_POD, "datname", "orders"), "10m 0s"),
                        transaction("0+60x10")),
                silent(
                        "PostgreSQLLongRunningTransaction",
                        "past 300s for only 1m of the 2m 'for'",
                        "7m",
                        transaction("0+60x10")),
                fires(
                        "PostgreSQLDeadlocks",
                        "4 deadlocks within 10 minutes",
                        "15m",
                        new Firing(labels(PRIMARY_POD, "datname", "orders"), "4"),
                        deadlocks("0x6 1 2 3 4 4x9")),
                silent(
                        "PostgreSQLDeadlocks",
                        "2 deadlocks within 10 minutes",
                        "15m",
                        deadlocks("0x5 1 2 2x10")),
                fires(
                        "PostgreSQLQueryLatencyHigh",
                        "statements take 500ms on average for 5m",
                        "12m",
                        new Firing(labels(PRIMARY_POD, "datname", "orders"), "500ms"),
                        statementSeconds("1", "0+30x15"),
                        statementCalls("1", "0+60x15"),
                        statementSeconds("2", "0+0x15"),
                        statementCalls("2", "0+0x15")),
                silent(
                        "PostgreSQLQueryLatencyHigh",
                        "statements take 150ms on average",
                        "12m",
                        statementSeconds("1", "0+9x15"),
                        statementCalls("1", "0+60x15")),
                fires(
                        "PostgreSQLSlowQueries",
                        "one statement takes 2.5s per call for 5m",
                        "12m",
                        new Firing(
                                labels(PRIMARY_POD, "datname", "orders", "queryid", "42"), "2.5s"),
                        statementSeconds("42", "0+50x15"),
                        statementCalls("42", "0+20x15"),
                        statementSeconds("7", "0+1x15"),
                        statementCalls("7", "0+100x15")),
                silent(
                        "PostgreSQLSlowQueries",
                        "the slowest statement takes 900ms per call",
                        "12m",
                        statementSeconds("42", "0+18x15"),
                        statementCalls("42", "0+20x15")));
    }

    private static Series statementSeconds(String queryid, String values) {
        return new Series("pg_stat_statements_seconds_total", statement(queryid), values);
    }

    private static Series statementCalls(String queryid, String values) {
        return new Series("pg_stat_statements_calls_total", statement(queryid), values);
    }

    private static Map<String, String> statement(String queryid) {
        return labels(PRIMARY, "datname", "orders", "user", "app", "queryid", queryid);
    }

    private static Map<String, String> exporter(String pod, String instance) {
        return Map.of(
                "namespace", "shop",
                "vigil_database", "orders",
                "pod", pod,
                "instance", instance,
                "job", "orders-metrics");
    }

    private static Series walBehind(String bytes) {
        return new Series(
                "pg_stat_replication_pg_wal_lsn_diff",
                labels(
                        PRIMARY,
                        "application_name",
                        "orders-1",
                        "client_addr",
                        "10.1.0.21",
                        "state",
                        "streaming"),
                bytes);
    }

    private static Series slotActive(String slot, String values) {
        return new Series(
                "pg_replication_slot_slot_is_active",
                labels(PRIMARY, "slot_name", slot, "slot_type", "physical"),
                values);
    }

    private static Series activity(String state, String values) {
        return new Series(
                "pg_stat_activity_count",
                labels(PRIMARY, "datname", "orders", "state", state),
                values);
    }

    private static Series transaction(String seconds) {
        return new Series(
                "pg_stat_activity_max_tx_duration",
                labels(PRIMARY, "datname", "orders", "state", "idle in transaction"),
                seconds);
    }

    private static Series deadlocks(String values) {
        return new Series(
                "pg_stat_database_deadlocks",
                labels(PRIMARY, "datid", "16384", "datname", "orders"),
                values);
    }
}
