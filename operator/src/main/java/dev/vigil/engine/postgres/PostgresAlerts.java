package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.Priority;
import dev.vigil.monitoring.DefaultAlert;
import dev.vigil.monitoring.ServiceIndicators;
import java.util.List;

/**
 * Default alerts of a PostgreSQL database, read from the prometheus-community {@code
 * postgres_exporter} with its default collectors: {@code pg_up}, {@code pg_stat_activity_*}, {@code
 * pg_settings_*}, {@code pg_stat_database_*}, {@code pg_replication_*} (on standbys), {@code
 * pg_stat_replication_*} and {@code pg_replication_slot_*} (on the primary), and with the {@code
 * stat_statements} collector Vigil turns on: {@code pg_stat_statements_*}.
 */
public final class PostgresAlerts {

    public static final List<DefaultAlert> ALL =
            List.of(
                    new DefaultAlert(
                            "PostgreSQLDown",
                            "pg_up{{{exporter}}} == 0",
                            null,
                            "1m",
                            Priority.P1,
                            "PostgreSQL {{ $labels.namespace }}/{{ $labels.vigil_database }} does"
                                    + " not answer its exporter",
                            "The exporter on {{ $labels.pod }} cannot connect to PostgreSQL: the"
                                    + " server is down, unreachable or refuses the monitoring"
                                    + " role.",
                            false),
                    new DefaultAlert(
                            "PostgreSQLExporterDown",
                            "up{{{exporter}}} == 0",
                            null,
                            "5m",
                            Priority.P2,
                            "Prometheus cannot scrape the exporter of"
                                    + " {{ $labels.namespace }}/{{ $labels.vigil_database }}",
                            "The scrape of {{ $labels.instance }} ({{ $labels.pod }}) has failed"
                                    + " for 5 minutes: no PostgreSQL alert can fire while it does.",
                            false),
                    new DefaultAlert(
                            "PostgreSQLExporterScrapeError",
                            "pg_exporter_last_scrape_error{{{exporter}}} > 0",
                            null,
                            "10m",
                            Priority.P3,
                            "The exporter on {{ $labels.pod }} fails some of its queries",
                            "PostgreSQL answers but some metrics are missing, so the alerts"
                                    + " built on them are blind.",
                            false),
                    new DefaultAlert(
                            "PostgreSQLReplicationLagHigh",
                            // pg_replication_lag_seconds is now() minus the last replayed
                            // transaction's time, so it also grows on a standby of an idle primary;
                            // it counts only while the primary has WAL some standby has not
                            // replayed.
                            "max by (namespace, vigil_database, pod)"
                                    + " (pg_replication_lag_seconds{{{exporter}}})"
                                    + " > {{threshold}}"
                                    + " and on (namespace, vigil_database)"
                                    + " max by (namespace, vigil_database)"
                                    + " (pg_stat_replication_pg_wal_lsn_diff{{{exporter}}}) > 0",
                            "30",
                            "5m",
                            Priority.P2,
                            "PostgreSQL standby {{ $labels.pod }} replays"
                                    + " {{ $value | humanizeDuration }} behind the primary",
                            "Reads from this standby are stale, and a failover to it now would"
                                    + " lose the transactions it has not replayed.",
                            true),
                    new DefaultAlert(
                            "PostgreSQLStandbyNotStreaming",
                            // Vigil keeps one physical slot per standby on the primary; a slot
                            // with no walsender attached is a standby that does not stream.
                            "max by (namespace, vigil_database, pod, slot_name)"
                                    + " (pg_replication_slot_slot_is_active{{{exporter}},"
                                    + "slot_type=\"physical\"}) == 0",
                            null,
                            "5m",
                            Priority.P2,
                            "The standby of replication slot {{ $labels.slot_name }} of"
                                    + " {{ $labels.namespace }}/{{ $labels.vigil_database }} is"
                                    + " not streaming",
                            "The primary keeps WAL for the slot until the standby comes back,"
                                    + " so its disk fills while the standby falls behind.",
                            true),
                    new DefaultAlert(
                            "PostgreSQLConnectionsNearLimit",
                            "100 * sum by (namespace, vigil_database, pod)"
                                    + " (pg_stat_activity_count{{{exporter}}})"
                                    + " / max by (namespace, vigil_database, pod)"
                                    + " (pg_settings_max_connections{{{exporter}}})"
                                    + " > {{threshold}}",
                            "80",
                            "5m",
                            Priority.P2,
                            "PostgreSQL {{ $labels.pod }} uses {{ $value | humanize }}% of"
                                    + " max_connections",
                            "When no connection slot is left, PostgreSQL refuses new clients"
                                    + " with \"too many clients already\".",
                            false),
                    new DefaultAlert(
                            "PostgreSQLLongRunningTransaction",
                            "max by (namespace, vigil_database, pod, datname)"
                                    + " (pg_stat_activity_max_tx_duration{{{exporter}}})"
                                    + " > {{threshold}}",
                            "300",
                            "2m",
                            Priority.P3,
                            "A transaction in database {{ $labels.datname }} on {{ $labels.pod }}"
                                    + " has been open for {{ $value | humanizeDuration }}",
                            "A long transaction holds its locks and keeps VACUUM from removing"
                                    + " dead rows, so tables and indexes bloat.",
                            false),
                    new DefaultAlert(
                            "PostgreSQLDeadlocks",
                            "sum by (namespace, vigil_database, pod, datname)"
                                    + " (increase(pg_stat_database_deadlocks{{{exporter}}}[10m]))"
                                    + " > {{threshold}}",
                            "2",
                            null,
                            Priority.P3,
                            "{{ $value | humanize }} deadlocks in database {{ $labels.datname }}"
                                    + " on {{ $labels.pod }} in 10 minutes",
                            "PostgreSQL aborted transactions that waited on each other; the"
                                    + " application sees errors and retries.",
                            false),
                    new DefaultAlert(
                            "PostgreSQLQueryLatencyHigh",
                            // pg_stat_statements' execution time over its calls, per database: the
                            // mean time of the statements the exporter reports (its 100 costliest).
                            meanStatementTime("namespace, vigil_database, pod, datname")
                                    + " > {{threshold}}",
                            "0.2",
                            "5m",
                            Priority.P3,
                            "Statements in database {{ $labels.datname }} on {{ $labels.pod }}"
                                    + " take {{ $value | humanizeDuration }} on average",
                            "Queries are slower than usual: the application waits longer for"
                                    + " each answer. Look for slow statements, locks and"
                                    + " saturation.",
                            false),
                    new DefaultAlert(
                            "PostgreSQLSlowQueries",
                            "max by (namespace, vigil_database, pod, datname, queryid)"
                                    + " (rate(pg_stat_statements_seconds_total{{{exporter}}}[5m])"
                                    + " / rate(pg_stat_statements_calls_total{{{exporter}}}[5m]))"
                                    + " > {{threshold}}",
                            "1",
                            "5m",
                            Priority.P3,
                            "Statement {{ $labels.queryid }} in database {{ $labels.datname }} on"
                                    + " {{ $labels.pod }} takes {{ $value | humanizeDuration }}"
                                    + " per call",
                            "One statement is slow on every call: a missing index, a plan"
                                    + " change or a table that outgrew its query. Its text is in"
                                    + " pg_stat_statements under this queryid.",
                            false));

    /**
     * The exporter's latency measure for the SLOs: the mean execution time of the statements {@code
     * pg_stat_statements} reports, over every member.
     */
    public static final ServiceIndicators INDICATORS =
            new ServiceIndicators(meanStatementTime("namespace, vigil_database"));

    private PostgresAlerts() {}

    /**
     * The mean execution time per call, over the last 5 minutes, of the statements the exporter
     * reports, aggregated {@code by} the given labels.
     */
    private static String meanStatementTime(String by) {
        return "sum by ("
                + by
                + ") (rate(pg_stat_statements_seconds_total{{{exporter}}}[5m]))"
                + " / sum by ("
                + by
                + ") (rate(pg_stat_statements_calls_total{{{exporter}}}[5m]))";
    }
}
