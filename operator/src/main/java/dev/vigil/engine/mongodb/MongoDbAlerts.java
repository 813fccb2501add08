package dev.vigil.engine.mongodb;

import dev.vigil.api.v1alpha1.Priority;
import dev.vigil.monitoring.DefaultAlert;
import dev.vigil.monitoring.ServiceIndicators;
import java.util.List;

/**
 * Default alerts of a MongoDB database, read from the percona {@code mongodb_exporter} (run with
 * {@code --collect-all}, without {@code --compatible-mode}, so the current metric names: {@code
 * mongodb_ss_*} from serverStatus, {@code mongodb_rs_*} from replSetGetStatus, {@code
 * mongodb_currentop_*} from currentOp).
 *
 * <p>Every exporter reports the whole replica set as its own member sees it, so replica-set rules
 * compare members within one exporter's view ({@code instance}) and then keep one series per member
 * ({@code member_idx}, the member's host:port).
 */
public final class MongoDbAlerts {

    public static final List<DefaultAlert> ALL =
            List.of(
                    new DefaultAlert(
                            "MongoDBDown",
                            "mongodb_up{{{exporter}}} == 0",
                            null,
                            "1m",
                            Priority.P1,
                            "MongoDB {{ $labels.namespace }}/{{ $labels.vigil_database }} does not"
                                    + " answer its exporter",
                            "The exporter on {{ $labels.pod }} cannot run commands on its mongod:"
                                    + " the member is down, unreachable or refuses the monitoring"
                                    + " user.",
                            false),
                    new DefaultAlert(
                            "MongoDBExporterDown",
                            "up{{{exporter}}} == 0",
                            null,
                            "5m",
                            Priority.P2,
                            "Prometheus cannot scrape the exporter of"
                                    + " {{ $labels.namespace }}/{{ $labels.vigil_database }}",
                            "The scrape of {{ $labels.instance }} ({{ $labels.pod }}) has failed"
                                    + " for 5 minutes: no MongoDB alert can fire while it does.",
                            false),
                    new DefaultAlert(
                            "MongoDBReplicaSetMemberUnhealthy",
                            // A member is broken when the set sees it unhealthy (down, unreachable)
                            // or in any state other than PRIMARY or SECONDARY (RECOVERING,
                            // STARTUP2, ROLLBACK...): it serves no reads and counts for no write
                            // concern.
                            "count by (namespace, vigil_database, member_idx) ("
                                    + "mongodb_rs_members_health{{{exporter}}} == 0"
                                    + " or mongodb_rs_members_state{{{exporter}},"
                                    + "member_state!~\"PRIMARY|SECONDARY\"}) > 0",
                            null,
                            "5m",
                            Priority.P2,
                            "MongoDB member {{ $labels.member_idx }} of"
                                    + " {{ $labels.namespace }}/{{ $labels.vigil_database }} is"
                                    + " not healthy",
                            "The replica set has seen {{ $labels.member_idx }} unhealthy or in a"
                                    + " state other than PRIMARY or SECONDARY for 5 minutes.",
                            true),
                    new DefaultAlert(
                            "MongoDBReplicationLagHigh",
                            // optimeDate is in milliseconds; the primary's is compared with each
                            // secondary's within one exporter's replSetGetStatus.
                            "max by (namespace, vigil_database, member_idx) (("
                                    + "max by (namespace, vigil_database, instance)"
                                    + " (mongodb_rs_members_optimeDate{{{exporter}},"
                                    + "member_state=\"PRIMARY\"})"
                                    + " - on (namespace, vigil_database, instance) group_right"
                                    + " min by (namespace, vigil_database, instance, member_idx)"
                                    + " (mongodb_rs_members_optimeDate{{{exporter}},"
                                    + "member_state=\"SECONDARY\"})) / 1000) > {{threshold}}",
                            "30",
                            "5m",
                            Priority.P2,
                            "MongoDB secondary {{ $labels.member_idx }} of"
                                    + " {{ $labels.namespace }}/{{ $labels.vigil_database }} lags"
                                    + " {{ $value | humanizeDuration }} behind the primary",
                            "Reads from this secondary are stale and majority writes may wait"
                                    + " for it; if it falls off the oplog it needs a resync.",
                            true),
                    new DefaultAlert(
                            "MongoDBConnectionsNearLimit",
                            "100 * sum by (namespace, vigil_database, pod)"
                                + " (mongodb_ss_connections{{{exporter}},conn_type=\"current\"}) /"
                                + " sum by (namespace, vigil_database, pod)"
                                + " (mongodb_ss_connections{{{exporter}},conn_type=~\"current|available\"})"
                                + " > {{threshold}}",
                            "80",
                            "5m",
                            Priority.P2,
                            "MongoDB {{ $labels.pod }} uses {{ $value | humanize }}% of its"
                                    + " connections",
                            "When no connection is left, mongod refuses new clients, the"
                                    + " exporter and replication heartbeats included.",
                            false),
                    new DefaultAlert(
                            "MongoDBLongRunningOperation",
                            // currentOp reports microseconds running.
                            "max by (namespace, vigil_database, pod, database)"
                                    + " (mongodb_currentop_query_uptime{{{exporter}}}) / 1e6"
                                    + " > {{threshold}}",
                            "300",
                            "2m",
                            Priority.P3,
                            "An operation on {{ $labels.pod }} (database {{ $labels.database }})"
                                    + " has run for {{ $value | humanizeDuration }}",
                            "A long operation holds resources and, inside a transaction, pins"
                                    + " the WiredTiger cache; find it with db.currentOp().",
                            false),
                    new DefaultAlert(
                            "MongoDBCursorsTimingOut",
                            "sum by (namespace, vigil_database, pod)"
                                    + " (increase(mongodb_ss_metrics_cursor_timedOut{{{exporter}}}"
                                    + "[10m])) > {{threshold}}",
                            "5",
                            null,
                            Priority.P4,
                            "{{ $value | humanize }} cursors timed out on {{ $labels.pod }} in 10"
                                    + " minutes",
                            "Clients open cursors and do not exhaust or close them: usually a"
                                    + " client bug or a paging pattern that leaks cursors.",
                            false),
                    new DefaultAlert(
                            "MongoDBQueryLatencyHigh",
                            // serverStatus.opLatencies: total microseconds over operations, for
                            // reads and writes. Commands are left out: they include awaitable
                            // hello and getMore on tailable cursors, which wait on purpose.
                            meanOperationTime("namespace, vigil_database, pod, op_type")
                                    + " > {{threshold}}",
                            "0.2",
                            "5m",
                            Priority.P3,
                            "MongoDB {{ $labels.op_type }} on {{ $labels.pod }} take"
                                    + " {{ $value | humanizeDuration }} on average",
                            "Operations are slower than usual: the application waits longer for"
                                    + " each answer. Slow operations are in mongod's log and, with"
                                    + " profiling on, in system.profile.",
                            false));

    /**
     * The exporter's latency measure for the SLOs: the mean time of reads and writes from {@code
     * serverStatus.opLatencies}, over every member.
     */
    public static final ServiceIndicators INDICATORS =
            new ServiceIndicators(meanOperationTime("namespace, vigil_database"));

    private MongoDbAlerts() {}

    /**
     * The mean time of reads and writes over the last 5 minutes, in seconds, from {@code
     * serverStatus.opLatencies} (microseconds), aggregated {@code by} the given labels. Commands
     * are left out: they include awaitable hello and getMore on tailable cursors, which wait on
     * purpose.
     */
    private static String meanOperationTime(String by) {
        String readsAndWrites = "{{{exporter}},op_type=~\"reads|writes\"}[5m]";
        return "sum by ("
                + by
                + ") (rate(mongodb_ss_opLatencies_latency"
                + readsAndWrites
                + ")) / sum by ("
                + by
                + ") (rate(mongodb_ss_opLatencies_ops"
                + readsAndWrites
                + ")) / 1e6";
    }
}
