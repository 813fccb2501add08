package dev.vigil.testing.fuzz;

import static dev.vigil.testing.fuzz.Json.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Valid MonitoredDatabases, as a user writes them: both engines, Managed and External, and every
 * part of the spec (replicas, storage, resources, exporter, monitoring with SLOs, health gate,
 * upgrade, backup, bootstrap, network, pod template, TLS, credentials, service account), each part
 * present or not, with values the CRD and Vigil's rules accept. {@code MutatedDocuments} derives
 * the invalid ones from these.
 */
public final class MonitoredDatabaseDocuments {

    private MonitoredDatabaseDocuments() {}

    /** What the parts of a spec depend on. */
    record Shape(String engine, boolean external, int replicas) {

        boolean mongo() {
            return engine.equals("MongoDB");
        }

        int databasePort() {
            return mongo() ? 27017 : 5432;
        }
    }

    /** A valid MonitoredDatabase document. */
    public static Arbitrary<ObjectNode> valid() {
        // Every part is drawn whatever the engine and mode, and fitted to them when assembled:
        // arbitraries that depend on drawn values (flatMap) shrink and generate far slower.
        Map<String, Arbitrary<?>> parts = new LinkedHashMap<>();
        parts.put("engine", Arbitraries.of("MongoDB", "PostgreSQL"));
        parts.put("external", Arbitraries.frequency(Tuple.of(3, false), Tuple.of(1, true)));
        parts.put("replicas", Arbitraries.integers().between(1, 7));
        parts.put("name", Values.databaseNames());
        parts.put("labels", metadataLabels());
        parts.put("version", Arbitraries.integers().between(0, 4));
        parts.put("storage", storage().injectNull(0.5));
        parts.put("resources", Values.resources().injectNull(0.5));
        parts.put("image", Arbitraries.of(false, true).injectNull(0.6));
        parts.put("exporter", exporter().injectNull(0.5));
        parts.put("monitoring", Values.monitoring().injectNull(0.5));
        parts.put("healthGate", healthGate().injectNull(0.5));
        parts.put("upgrade", upgrade().injectNull(0.5));
        parts.put("backup", backup().injectNull(0.6));
        parts.put("mongodb", mongodbOptions().injectNull(0.5));
        parts.put("postgres", postgresOptions().injectNull(0.5));
        parts.put("network", network().injectNull(0.5));
        parts.put("podTemplate", podTemplate().injectNull(0.6));
        parts.put("tls", tls().injectNull(0.6));
        parts.put("credentials", credentials().injectNull(0.6));
        parts.put("serviceAccount", serviceAccount().injectNull(0.7));
        parts.put("externalTarget", externalTarget());
        List<String> names = List.copyOf(parts.keySet());
        List<Arbitrary<Object>> arbitraries =
                parts.values().stream().map(a -> a.map(v -> (Object) v)).toList();
        return Combinators.combine(arbitraries)
                .as(
                        values -> {
                            Map<String, Object> drawn = new HashMap<>();
                            for (int i = 0; i < names.size(); i++) {
                                drawn.put(names.get(i), values.get(i));
                            }
                            return assemble(drawn);
                        });
    }

    private static ObjectNode assemble(Map<String, Object> drawn) {
        Shape shape =
                new Shape(
                        (String) drawn.get("engine"),
                        (Boolean) drawn.get("external"),
                        (Integer) drawn.get("replicas"));
        ObjectNode spec =
                object(
                        "engine",
                        shape.engine(),
                        "version",
                        version(shape, (Integer) drawn.get("version")));
        ObjectNode exporter = (ObjectNode) drawn.get("exporter");
        if (exporter != null) {
            exporter = exporter.deepCopy();
            if (exporter.path("port").asInt() == shape.databasePort()) {
                exporter.put("port", shape.databasePort() + 1);
            }
            if (shape.mongo()) {
                exporter.remove("args");
            }
        }
        if (shape.external()) {
            spec.put("mode", "External");
            ObjectNode external = ((ObjectNode) drawn.get("externalTarget")).deepCopy();
            if (external.has("endpoints")) {
                ArrayNode endpoints = Json.NODES.arrayNode();
                external.get("endpoints")
                        .forEach(host -> endpoints.add(host.asText() + ":" + shape.databasePort()));
                external.set("endpoints", endpoints);
            }
            spec.set("external", external);
            if (exporter != null) {
                exporter.remove("enabled");
            }
            put(spec, "exporter", exporter);
            put(spec, "monitoring", drawn.get("monitoring"));
            put(spec, "network", drawn.get("network"));
            put(spec, "podTemplate", drawn.get("podTemplate"));
            put(spec, "serviceAccount", drawn.get("serviceAccount"));
        } else {
            spec.put("replicas", shape.replicas());
            put(spec, "storage", drawn.get("storage"));
            put(spec, "resources", drawn.get("resources"));
            Boolean ownImage = (Boolean) drawn.get("image");
            if (ownImage != null) {
                String image = shape.mongo() ? "mongo" : "postgres";
                spec.put(
                        "image",
                        ownImage ? "registry.example.com/db/" + image + ":1" : image + ":16");
            }
            put(spec, "exporter", exporter);
            put(spec, "monitoring", drawn.get("monitoring"));
            put(spec, "healthGate", drawn.get("healthGate"));
            ObjectNode upgrade = (ObjectNode) drawn.get("upgrade");
            if (upgrade != null
                    && shape.replicas() < 2
                    && upgrade.path("strategy").asText().equals("Canary")) {
                upgrade = upgrade.deepCopy();
                upgrade.put("strategy", "Rolling");
            }
            put(spec, "upgrade", upgrade);
            ObjectNode backup = (ObjectNode) drawn.get("backup");
            if (backup != null && shape.mongo()) {
                backup = backup.deepCopy();
                backup.remove("archiving");
            }
            put(spec, "backup", backup);
            put(
                    spec,
                    shape.mongo() ? "mongodb" : "postgres",
                    drawn.get(shape.mongo() ? "mongodb" : "postgres"));
            put(spec, "network", drawn.get("network"));
            put(spec, "podTemplate", drawn.get("podTemplate"));
            put(spec, "tls", drawn.get("tls"));
            ObjectNode credentials = (ObjectNode) drawn.get("credentials");
            if (credentials != null && shape.mongo()) {
                credentials = credentials.deepCopy();
                credentials.remove("replicationSecretName");
            }
            put(spec, "credentials", credentials);
            put(spec, "serviceAccount", drawn.get("serviceAccount"));
        }
        return object(
                "apiVersion",
                "vigil.dev/v1alpha1",
                "kind",
                "MonitoredDatabase",
                "metadata",
                object("name", drawn.get("name"), "labels", drawn.get("labels")),
                "spec",
                spec);
    }

    private static void put(ObjectNode spec, String field, Object value) {
        if (value != null) {
            spec.set(field, ((JsonNode) value).deepCopy());
        }
    }

    private static Arbitrary<JsonNode> metadataLabels() {
        return Arbitraries.of(
                        Map.of("app.kubernetes.io/part-of", "shop"),
                        Map.of("team", "payments", "tier", "gold"))
                .map(Json::node)
                .injectNull(0.6);
    }

    private static String version(Shape shape, int index) {
        List<String> versions =
                shape.mongo()
                        ? List.of("5.0", "6.0.19", "7.0", "7.0.14", "8.0.4")
                        : shape.external()
                                ? List.of("9.6", "12", "13.16", "16.4", "17")
                                : List.of("14", "15.8", "16", "16.4", "17.2");
        return versions.get(index);
    }

    private static Arbitrary<ObjectNode> storage() {
        return Combinators.combine(
                        Values.storageSizes(),
                        Values.dnsLabels().injectNull(0.6),
                        Arbitraries.of(true, false).injectNull(0.6),
                        Arbitraries.of(true, false).injectNull(0.6))
                .as(
                        (size, storageClass, retain, retainOnScaleDown) ->
                                object(
                                        "size",
                                        size,
                                        "storageClassName",
                                        storageClass,
                                        "retainOnDelete",
                                        retain,
                                        "retainOnScaleDown",
                                        retainOnScaleDown));
    }

    private static Arbitrary<ObjectNode> exporter() {
        return Combinators.combine(
                        Arbitraries.of(true, false).injectNull(0.5),
                        Arbitraries.integers().between(1024, 65535).injectNull(0.6),
                        Values.resources().injectNull(0.7),
                        Arbitraries.of(List.of("--collector.database"), List.of())
                                .map(Json::node)
                                .injectNull(0.8))
                .as(
                        (enabled, port, resources, args) ->
                                object(
                                        "enabled",
                                        enabled,
                                        "port",
                                        port,
                                        "resources",
                                        resources,
                                        "args",
                                        args));
    }

    private static Arbitrary<ObjectNode> healthGate() {
        Arbitrary<List<String>> standard =
                Arbitraries.of(
                                "HealthCheckFailures",
                                "ErrorRate",
                                "P95Latency",
                                "ConnectionFailures")
                        .set()
                        .ofMaxSize(4)
                        .map(ArrayList::new);
        Arbitrary<List<JsonNode>> analyses = Values.analyses();
        return Combinators.combine(
                        Values.durations().injectNull(0.5),
                        Arbitraries.of("Automatic", "Manual", "Disabled").injectNull(0.5),
                        standard,
                        analyses,
                        Arbitraries.integers().between(1, 20).injectNull(0.7),
                        Values.durations().injectNull(0.7),
                        Arbitraries.of(true, false))
                .as(
                        (timeout, rollback, named, written, restarts, lag, listChecks) -> {
                            boolean analysing = !named.isEmpty() || !written.isEmpty();
                            List<String> checks =
                                    new ArrayList<>(
                                            List.of(
                                                    "RolloutComplete",
                                                    "DatabaseHealthy",
                                                    "ExporterUp"));
                            if (analysing) {
                                checks.add("Analysis");
                            }
                            return object(
                                    "timeout",
                                    timeout,
                                    "rollback",
                                    rollback,
                                    "checks",
                                    listChecks ? checks : null,
                                    "crashLoopRestartLimit",
                                    restarts,
                                    "maxReplicationLag",
                                    lag,
                                    "prometheusUrl",
                                    analysing ? "http://prometheus.monitoring.svc:9090" : null,
                                    "standardAnalyses",
                                    named.isEmpty() ? null : named,
                                    "analysis",
                                    written.isEmpty() ? null : written);
                        });
    }

    private static Arbitrary<ObjectNode> upgrade() {
        Arbitrary<JsonNode> step =
                Combinators.combine(
                                Arbitraries.oneOf(
                                        Arbitraries.integers().between(1, 7).map(Json::node),
                                        Arbitraries.integers()
                                                .between(1, 99)
                                                .map(p -> Json.node(p + "%"))),
                                Values.durations().injectNull(0.5))
                        .as((members, pause) -> object("members", members, "pause", pause));
        return Combinators.combine(
                        Arbitraries.of("Canary", "Rolling").injectNull(0.3),
                        step.list().ofMaxSize(3),
                        Values.durations().injectNull(0.7))
                .as(
                        (strategy, steps, soak) ->
                                object(
                                        "strategy",
                                        strategy,
                                        "steps",
                                        steps.isEmpty() ? null : steps,
                                        "fcvSoak",
                                        soak));
    }

    private static Arbitrary<ObjectNode> backup() {
        return Combinators.combine(
                        Values.cronSchedules(),
                        Values.backupStores(),
                        Arbitraries.oneOf(
                                        Arbitraries.integers()
                                                .between(1, 1000)
                                                .map(count -> object("count", count)),
                                        Arbitraries.integers()
                                                .between(1, 3650)
                                                .map(days -> object("days", days)))
                                .injectNull(0.4),
                        Arbitraries.of(true, false).injectNull(0.3),
                        Values.cronSchedules().map(s -> object("schedule", s)).injectNull(0.6))
                .as(
                        (schedule, store, retention, archiving, verify) ->
                                object(
                                        "schedule",
                                        schedule,
                                        "store",
                                        store,
                                        "retention",
                                        retention,
                                        "archiving",
                                        archiving,
                                        "verify",
                                        verify));
    }

    private static Arbitrary<ObjectNode> mongodbOptions() {
        return Combinators.combine(
                        Arbitraries.strings()
                                .withChars("abcxyzABC0123456789_-")
                                .ofMinLength(1)
                                .ofMaxLength(64)
                                .injectNull(0.5),
                        Combinators.combine(
                                        Arbitraries.of("off", "slowOp", "all"),
                                        Arbitraries.integers().between(0, 10_000))
                                .as(
                                        (mode, threshold) ->
                                                object(
                                                        "operationProfiling",
                                                        object(
                                                                "mode",
                                                                mode,
                                                                "slowOpThresholdMs",
                                                                threshold)))
                                .injectNull(0.5))
                .as(
                        (replicaSet, configuration) ->
                                object(
                                        "replicaSetName",
                                        replicaSet,
                                        "configuration",
                                        configuration));
    }

    private static Arbitrary<ObjectNode> postgresOptions() {
        return Combinators.combine(
                        Arbitraries.of("Automatic", "Manual").injectNull(0.5),
                        Arbitraries.of(
                                        Map.of("shared_buffers", "512MB"),
                                        Map.of("work_mem", "8MB", "max_connections", "200"))
                                .map(Json::node)
                                .injectNull(0.5))
                .as(
                        (failover, parameters) ->
                                object("failover", failover, "parameters", parameters));
    }

    private static Arbitrary<ObjectNode> network() {
        Arbitrary<JsonNode> peer =
                Arbitraries.of(
                                object("podSelector", object("matchLabels", object("app", "web"))),
                                object(
                                        "namespaceSelector",
                                        object(
                                                "matchLabels",
                                                object("kubernetes.io/metadata.name", "shop"))),
                                object(
                                        "podSelector",
                                        object(
                                                "matchExpressions",
                                                List.of(
                                                        object(
                                                                "key",
                                                                "tier",
                                                                "operator",
                                                                "In",
                                                                "values",
                                                                List.of("api", "batch")))),
                                        "namespaceSelector",
                                        object()))
                        .map(JsonNode.class::cast);
        return Combinators.combine(
                        Arbitraries.of(true, false).injectNull(0.5),
                        peer.list().ofMaxSize(3),
                        peer.injectNull(0.6))
                .as(
                        (enabled, clients, prometheus) ->
                                object(
                                        "policy",
                                        enabled == null ? null : object("enabled", enabled),
                                        "allowedClients",
                                        clients.isEmpty() ? null : clients,
                                        "prometheus",
                                        prometheus));
    }

    private static Arbitrary<ObjectNode> podTemplate() {
        return Combinators.combine(
                        Values.labelMaps().injectNull(0.5),
                        Values.labelMaps().injectNull(0.6),
                        Values.labelMaps().injectNull(0.7),
                        Values.dnsLabels().injectNull(0.7),
                        Arbitraries.of(
                                        object(
                                                "key",
                                                "dedicated",
                                                "operator",
                                                "Equal",
                                                "value",
                                                "databases",
                                                "effect",
                                                "NoSchedule"),
                                        object("operator", "Exists"),
                                        object(
                                                "key",
                                                "node.kubernetes.io/unreachable",
                                                "operator",
                                                "Exists",
                                                "effect",
                                                "NoExecute",
                                                "tolerationSeconds",
                                                300))
                                .list()
                                .ofMaxSize(2))
                .as(
                        (labels, annotations, nodeSelector, priorityClass, tolerations) ->
                                object(
                                        "labels",
                                        labels,
                                        "annotations",
                                        annotations,
                                        "nodeSelector",
                                        nodeSelector,
                                        "priorityClassName",
                                        priorityClass,
                                        "tolerations",
                                        tolerations.isEmpty() ? null : tolerations));
    }

    private static Arbitrary<ObjectNode> tls() {
        return Arbitraries.oneOf(
                Arbitraries.just(object("enabled", false)),
                Values.dnsLabels().map(secret -> object("enabled", true, "secretName", secret)),
                Combinators.combine(
                                Values.dnsLabels(),
                                Arbitraries.of("Issuer", "ClusterIssuer").injectNull(0.5))
                        .as(
                                (name, kind) ->
                                        object(
                                                "enabled",
                                                true,
                                                "issuer",
                                                object("name", name, "kind", kind))));
    }

    private static Arbitrary<ObjectNode> credentials() {
        return Combinators.combine(
                        Values.dnsLabels().injectNull(0.5),
                        Values.dnsLabels().injectNull(0.5),
                        Values.dnsLabels().injectNull(0.5),
                        Arbitraries.of("2026-12-01", "rotation-2").injectNull(0.7))
                .as(
                        (admin, monitoring, replication, rotate) ->
                                object(
                                        "adminSecretName",
                                        admin,
                                        "monitoringSecretName",
                                        monitoring,
                                        "replicationSecretName",
                                        replication,
                                        "rotateMonitoringPassword",
                                        rotate));
    }

    private static Arbitrary<ObjectNode> serviceAccount() {
        return Arbitraries.of(
                        Map.of("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/db"),
                        Map.of(
                                "iam.gke.io/gcp-service-account",
                                "db@project.iam.gserviceaccount.com"),
                        Map.<String, String>of())
                .map(annotations -> object("annotations", Json.node(annotations)));
    }

    /** Endpoints without their port, which is the engine's, added when assembled. */
    private static Arbitrary<ObjectNode> externalTarget() {
        Arbitrary<ObjectNode> endpoints =
                Arbitraries.of(
                                "db.example.com",
                                "10.0.0.5",
                                "[2001:db8::1]",
                                "replica-1.db.internal")
                        .list()
                        .ofMinSize(1)
                        .ofMaxSize(3)
                        .map(list -> object("endpoints", list));
        Arbitrary<ObjectNode> uri =
                Arbitraries.just(object("uriSecret", object("name", "db-uri", "key", "uri")));
        return Combinators.combine(Arbitraries.oneOf(endpoints, uri), Values.dnsLabels())
                .as(
                        (target, credentials) -> {
                            ObjectNode external = target.deepCopy();
                            external.put("credentialsSecretName", credentials);
                            return external;
                        });
    }

    static boolean isMongo(JsonNode document) {
        return Objects.equals(document.path("spec").path("engine").asText(), "MongoDB");
    }
}
