package dev.vigil.monitoring;

import static dev.vigil.monitoring.AlertScenario.fires;
import static dev.vigil.monitoring.AlertScenario.labels;
import static dev.vigil.monitoring.AlertScenario.silent;
import static dev.vigil.monitoring.AlertScenario.without;

import dev.vigil.monitoring.AlertScenario.Firing;
import dev.vigil.monitoring.AlertScenario.Series;
import java.util.List;
import java.util.Map;

/**
 * promtool cases for the MongoDB alerts of {@link RuleTestDatabases#mongo} ({@code shop/catalog}),
 * with series as the percona exporter sidecar of {@code catalog-0} serves them once the monitor
 * added {@code vigil_database}.
 */
final class MongoDbScenarios {

    static final Map<String, String> EXPORTER =
            Map.of(
                    "namespace", "shop",
                    "vigil_database", "catalog",
                    "pod", "catalog-0",
                    "instance", "10.1.0.10:9216",
                    "job", "catalog-metrics");

    private static final Map<String, String> PER_POD = without(EXPORTER, "instance", "job");

    private static final String PRIMARY = "catalog-0.catalog-members.shop.svc.cluster.local:27017";
    private static final String SECONDARY =
            "catalog-1.catalog-members.shop.svc.cluster.local:27017";
    private static final String BROKEN = "catalog-2.catalog-members.shop.svc.cluster.local:27017";

    private MongoDbScenarios() {}

    static List<AlertScenario> all() {
        return List.of(
                fires(
                        "MongoDBDown",
                        "mongod stops answering for longer than 1m",
                        "5m",
                        new Firing(EXPORTER, null),
                        new Series("mongodb_up", EXPORTER, "1 0x10")),
                silent(
                        "MongoDBDown",
                        "one failed probe recovers within 1m",
                        "3m",
                        new Series("mongodb_up", EXPORTER, "1 1 0 1x10")),
                fires(
                        "MongoDBExporterDown",
                        "the scrape fails for 5m",
                        "6m",
                        new Firing(EXPORTER, null),
                        new Series("up", EXPORTER, "1 0x10")),
                silent(
                        "MongoDBExporterDown",
                        "the scrape has failed for only 4m",
                        "5m",
                        new Series("up", EXPORTER, "1 0x10")),
                fires(
                        "MongoDBReplicaSetMemberUnhealthy",
                        "a member is unreachable",
                        "10m",
                        new Firing(member(BROKEN), null),
                        health(PRIMARY, "PRIMARY", 1),
                        state(PRIMARY, "PRIMARY", 1),
                        health(SECONDARY, "SECONDARY", 1),
                        state(SECONDARY, "SECONDARY", 2),
                        health(BROKEN, "(not reachable/healthy)", 0),
                        state(BROKEN, "(not reachable/healthy)", 8)),
                fires(
                        "MongoDBReplicaSetMemberUnhealthy",
                        "a member is stuck RECOVERING though reachable",
                        "10m",
                        new Firing(member(BROKEN), null),
                        health(PRIMARY, "PRIMARY", 1),
                        state(PRIMARY, "PRIMARY", 1),
                        health(BROKEN, "RECOVERING", 1),
                        state(BROKEN, "RECOVERING", 3)),
                silent(
                        "MongoDBReplicaSetMemberUnhealthy",
                        "every member is PRIMARY or SECONDARY and healthy",
                        "10m",
                        health(PRIMARY, "PRIMARY", 1),
                        state(PRIMARY, "PRIMARY", 1),
                        health(SECONDARY, "SECONDARY", 1),
                        state(SECONDARY, "SECONDARY", 2),
                        health(BROKEN, "SECONDARY", 1),
                        state(BROKEN, "SECONDARY", 2)),
                fires(
                        "MongoDBReplicationLagHigh",
                        "a secondary applies the oplog 60s behind the primary",
                        "10m",
                        new Firing(member(SECONDARY), "1m 0s"),
                        optime(PRIMARY, "PRIMARY", "1000000+60000x20"),
                        optime(SECONDARY, "SECONDARY", "940000+60000x20")),
                silent(
                        "MongoDBReplicationLagHigh",
                        "a secondary 10s behind",
                        "10m",
                        optime(PRIMARY, "PRIMARY", "1000000+60000x20"),
                        optime(SECONDARY, "SECONDARY", "990000+60000x20")),
                fires(
                        "MongoDBConnectionsNearLimit",
                        "90 of 100 connections in use",
                        "10m",
                        new Firing(PER_POD, "90"),
                        connections("current", "90x10"),
                        connections("available", "10x10"),
                        connections("totalCreated", "5000x10")),
                silent(
                        "MongoDBConnectionsNearLimit",
                        "70 of 100 connections in use",
                        "10m",
                        connections("current", "70x10"),
                        connections("available", "30x10")),
                fires(
                        "MongoDBLongRunningOperation",
                        "an operation running for 10 minutes",
                        "10m",
                        new Firing(labels(PER_POD, "database", "inventory"), "10m 0s"),
                        operation("0+60000000x10")),
                silent(
                        "MongoDBLongRunningOperation",
                        "past 300s for only 1m of the 2m 'for'",
                        "7m",
                        operation("0+60000000x10")),
                fires(
                        "MongoDBCursorsTimingOut",
                        "12 cursors timed out within 10 minutes",
                        "15m",
                        new Firing(PER_POD, "12"),
                        new Series(
                                "mongodb_ss_metrics_cursor_timedOut",
                                EXPORTER,
                                "0x6 2 4 6 8 10 12 12x9")),
                silent(
                        "MongoDBCursorsTimingOut",
                        "2 cursors timed out within 10 minutes",
                        "15m",
                        new Series("mongodb_ss_metrics_cursor_timedOut", EXPORTER, "0x5 1 2 2x10")),
                fires(
                        "MongoDBQueryLatencyHigh",
                        "reads take 300ms on average for 5m",
                        "12m",
                        new Firing(labels(PER_POD, "op_type", "reads"), "300ms"),
                        opLatency("reads", "0+30000000x15"),
                        opCount("reads", "0+100x15"),
                        opLatency("writes", "0+100000x15"),
                        opCount("writes", "0+100x15")),
                silent(
                        "MongoDBQueryLatencyHigh",
                        "reads take 50ms, while awaitable commands wait 10s",
                        "12m",
                        opLatency("reads", "0+5000000x15"),
                        opCount("reads", "0+100x15"),
                        opLatency("commands", "0+600000000x15"),
                        opCount("commands", "0+60x15")));
    }

    /** {@code mongodb_ss_opLatencies_latency}: microseconds spent in operations of a type. */
    private static Series opLatency(String type, String microseconds) {
        return new Series(
                "mongodb_ss_opLatencies_latency", labels(EXPORTER, "op_type", type), microseconds);
    }

    /** {@code mongodb_ss_opLatencies_ops}: operations of a type. */
    private static Series opCount(String type, String operations) {
        return new Series(
                "mongodb_ss_opLatencies_ops", labels(EXPORTER, "op_type", type), operations);
    }

    private static Map<String, String> member(String host) {
        return Map.of("namespace", "shop", "vigil_database", "catalog", "member_idx", host);
    }

    /** {@code mongodb_rs_members_health}: 1 while the set sees the member healthy. */
    private static Series health(String host, String state, int healthy) {
        return new Series(
                "mongodb_rs_members_health",
                labels(EXPORTER, "member_idx", host, "member_state", state),
                healthy + "x10");
    }

    /** {@code mongodb_rs_members_state}: the member's state code, its name as a label. */
    private static Series state(String host, String state, int code) {
        return new Series(
                "mongodb_rs_members_state",
                labels(EXPORTER, "member_idx", host, "member_state", state),
                code + "x10");
    }

    private static Series optime(String host, String state, String values) {
        return new Series(
                "mongodb_rs_members_optimeDate",
                labels(EXPORTER, "member_idx", host, "member_state", state),
                values);
    }

    private static Series connections(String type, String values) {
        return new Series("mongodb_ss_connections", labels(EXPORTER, "conn_type", type), values);
    }

    private static Series operation(String microseconds) {
        return new Series(
                "mongodb_currentop_query_uptime",
                labels(
                        EXPORTER,
                        "opid",
                        "4711",
                        "op",
                        "query",
                        "desc",
                        "conn42",
                        "database",
                        "inventory",
                        "collection",
                        "items",
                        "ns",
                        "inventory.items"),
                microseconds);
    }
}
