package dev.vigil.e2e.node;

import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.bson.Document;

/**
 * The metrics page of the simulated {@code mongodb_exporter}, in the Prometheus text format and
 * with the metric names and labels of percona's exporter (run with {@code --collect-all}, without
 * {@code --compatible-mode}) that Vigil's default alerts and dashboards read: {@code mongodb_up};
 * from {@code replSetGetStatus}, {@code mongodb_rs_myState} and per member {@code
 * mongodb_rs_members_health}, {@code _state}, {@code _optimeDate} (milliseconds) and {@code
 * _uptime}, labelled {@code member_idx} (host:port), {@code member_state} (state name), {@code
 * rs_nm} and {@code rs_state}; from the {@code serverStatus} sample of {@code getDiagnosticData},
 * {@code mongodb_ss_connections{conn_type}}, {@code mongodb_ss_opcounters{legacy_op_type}}, {@code
 * mongodb_ss_opLatencies_latency{op_type}} and {@code _ops{op_type}}, per command {@code
 * mongodb_ss_metrics_commands_<name>_total} and {@code _failed} (which the ready-made analyses of
 * the health gate read), and {@code mongodb_ss_uptime}. Pure.
 */
final class MongodbExporterMetrics {

    private MongodbExporterMetrics() {}

    /**
     * @param up whether the exporter could log in and ping its MongoDB
     * @param replSetStatus the {@code replSetGetStatus} reply, when it had one
     * @param serverStatus the {@code serverStatus} reply, when it had one
     */
    static String render(
            boolean up, Optional<Document> replSetStatus, Optional<Document> serverStatus) {
        StringBuilder page = new StringBuilder();
        header(page, "mongodb_up", "Whether MongoDB is up.", "gauge");
        sample(page, "mongodb_up", Map.of(), up ? 1 : 0);
        replSetStatus.ifPresent(status -> replicaSet(page, status));
        serverStatus.ifPresent(status -> server(page, status));
        return page.toString();
    }

    private static void replicaSet(StringBuilder page, Document status) {
        String set = status.getString("set");
        String myState = format(number(status.get("myState")));
        Map<String, String> setLabels = Map.of("rs_nm", set, "rs_state", myState);
        header(page, "mongodb_rs_myState", "replSetGetStatus.myState", "untyped");
        sample(page, "mongodb_rs_myState", setLabels, number(status.get("myState")));
        List<Document> members = status.getList("members", Document.class, List.of());
        memberMetric(page, members, setLabels, "health", m -> number(m.get("health")));
        memberMetric(page, members, setLabels, "state", m -> number(m.get("state")));
        memberMetric(
                page,
                members,
                setLabels,
                "optimeDate",
                m -> m.get("optimeDate") instanceof Date d ? d.getTime() : 0);
        memberMetric(page, members, setLabels, "uptime", m -> number(m.get("uptime")));
    }

    private static void memberMetric(
            StringBuilder page,
            List<Document> members,
            Map<String, String> setLabels,
            String field,
            ToDoubleFunction<Document> value) {
        String name = "mongodb_rs_members_" + field;
        header(page, name, "replSetGetStatus.members." + field, "untyped");
        for (Document member : members) {
            Map<String, String> labels = new TreeMap<>(setLabels);
            labels.put("member_idx", member.getString("name"));
            labels.put("member_state", member.getString("stateStr"));
            sample(page, name, labels, value.applyAsDouble(member));
        }
    }

    private static void server(StringBuilder page, Document status) {
        Document connections = status.get("connections", Document.class);
        if (connections != null) {
            header(page, "mongodb_ss_connections", "serverStatus.connections", "untyped");
            for (String type : List.of("current", "available", "totalCreated", "active")) {
                if (connections.containsKey(type)) {
                    sample(
                            page,
                            "mongodb_ss_connections",
                            Map.of("conn_type", type),
                            number(connections.get(type)));
                }
            }
        }
        Document opcounters = status.get("opcounters", Document.class);
        if (opcounters != null) {
            header(page, "mongodb_ss_opcounters", "serverStatus.opcounters", "untyped");
            for (Map.Entry<String, Object> counter : opcounters.entrySet()) {
                sample(
                        page,
                        "mongodb_ss_opcounters",
                        Map.of("legacy_op_type", counter.getKey()),
                        number(counter.getValue()));
            }
        }
        Document opLatencies = status.get("opLatencies", Document.class);
        if (opLatencies != null) {
            // The exporter's special conversion: reads.latency becomes
            // mongodb_ss_opLatencies_latency{op_type="reads"}, reads.ops _ops likewise.
            for (String field : List.of("latency", "ops")) {
                String name = "mongodb_ss_opLatencies_" + field;
                header(page, name, "serverStatus.opLatencies", "untyped");
                for (Map.Entry<String, Object> type : opLatencies.entrySet()) {
                    if (type.getValue() instanceof Document counts) {
                        sample(
                                page,
                                name,
                                Map.of("op_type", type.getKey()),
                                number(counts.get(field)));
                    }
                }
            }
        }
        Document metrics = status.get("metrics", Document.class);
        Document commands = metrics == null ? null : metrics.get("commands", Document.class);
        if (commands != null) {
            // Below a command there is no label rule: metrics.commands.find.failed becomes
            // mongodb_ss_metrics_commands_find_failed.
            // Two names that become one metric would make Prometheus refuse the whole page.
            Set<String> written = new HashSet<>();
            for (Map.Entry<String, Object> command : commands.entrySet()) {
                if (!(command.getValue() instanceof Document counts)) {
                    continue;
                }
                for (String field : List.of("failed", "total")) {
                    String name =
                            prometheusName("ss.metrics.commands." + command.getKey() + "." + field);
                    if (!written.add(name)) {
                        continue;
                    }
                    header(
                            page,
                            name,
                            "serverStatus.metrics.commands." + command.getKey() + ".",
                            "untyped");
                    sample(page, name, Map.of(), number(counts.get(field)));
                }
            }
        }
        if (status.containsKey("uptime")) {
            header(page, "mongodb_ss_uptime", "serverStatus.uptime", "untyped");
            sample(page, "mongodb_ss_uptime", Map.of(), number(status.get("uptime")));
        }
    }

    /**
     * A document path as the exporter names its metric: every run of characters Prometheus does not
     * allow becomes one underscore, repeated underscores one, none leads, after {@code mongodb_}.
     */
    static String prometheusName(String path) {
        String name =
                path.replaceAll("[^a-zA-Z0-9_]+", "_").replaceAll("__+", "_").replaceAll("_$", "");
        return "mongodb_" + (name.startsWith("_") ? name.substring(1) : name);
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    private static void header(StringBuilder page, String name, String help, String type) {
        page.append("# HELP ").append(name).append(' ').append(help).append('\n');
        page.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(
            StringBuilder page, String name, Map<String, String> labels, double value) {
        page.append(name);
        if (!labels.isEmpty()) {
            page.append('{');
            String separator = "";
            for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
                page.append(separator)
                        .append(label.getKey())
                        .append("=\"")
                        .append(escape(label.getValue()))
                        .append('"');
                separator = ",";
            }
            page.append('}');
        }
        page.append(' ').append(format(value)).append('\n');
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.valueOf((long) value)
                : String.valueOf(value);
    }

    private static String escape(String value) {
        return value == null
                ? ""
                : value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
