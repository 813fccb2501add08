package dev.vigil.testing.fuzz;

import static dev.vigil.testing.fuzz.Json.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Valid values of the kinds Vigil's specs share: names, durations, quantities, schedules. */
final class Values {

    private Values() {}

    /** A MonitoredDatabase name: a DNS-1035 label of at most 52 characters. */
    static Arbitrary<String> databaseNames() {
        Arbitrary<String> middle =
                Arbitraries.strings()
                        .withCharRange('a', 'z')
                        .numeric()
                        .withChars('-')
                        .ofMaxLength(50);
        return Combinators.combine(
                        Arbitraries.chars().range('a', 'z'),
                        middle,
                        Arbitraries.strings().withCharRange('a', 'z').numeric().ofLength(1))
                .as((first, inner, last) -> first + inner + last)
                .filter(name -> name.length() <= 52)
                .edgeCases(edges -> edges.add("a"));
    }

    /** A DNS-1123 label, as Secret and claim names are. */
    static Arbitrary<String> dnsLabels() {
        return Arbitraries.of("catalog-admin", "db", "orders-tls", "a1", "backup-store", "x")
                .edgeCases(edges -> {});
    }

    static Arbitrary<String> durations() {
        return Arbitraries.of("30s", "1m", "5m", "1m30s", "10m", "1h", "1.5h", "500ms", "2h45m");
    }

    static Arbitrary<String> storageSizes() {
        return Combinators.combine(
                        Arbitraries.integers().between(1, 4096),
                        Arbitraries.of("Mi", "Gi", "Ti", "G", ""))
                .as((n, unit) -> n + unit);
    }

    /** Container resources: requests never above limits, as the API server requires. */
    static Arbitrary<ObjectNode> resources() {
        return Combinators.combine(
                        Arbitraries.integers().between(1, 4000),
                        Arbitraries.integers().between(64, 8192),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false))
                .as(
                        (milliCpu, mebibytes, limits, cpuAsNumber) -> {
                            JsonNode cpu =
                                    cpuAsNumber && milliCpu % 1000 == 0
                                            ? Json.node(milliCpu / 1000)
                                            : Json.node(milliCpu + "m");
                            ObjectNode requests = object("cpu", cpu, "memory", mebibytes + "Mi");
                            return object(
                                    "requests",
                                    requests,
                                    "limits",
                                    limits ? object("memory", (mebibytes * 2) + "Mi") : null);
                        });
    }

    static Arbitrary<ObjectNode> monitoring() {
        Arbitrary<String[]> intervals =
                Arbitraries.of(
                        new String[] {"30s", null},
                        new String[] {"15s", "10s"},
                        new String[] {"1m", "30s"},
                        new String[] {null, "20s"},
                        new String[] {"1m", "1m"});
        Arbitrary<ObjectNode> slo =
                Combinators.combine(
                                Arbitraries.of("99.9", "99", "99.95", "95").injectNull(0.3),
                                Combinators.combine(
                                                Arbitraries.of("200ms", "1s", "50ms"),
                                                Arbitraries.of("99", "95", "99.5"))
                                        .as((t, p) -> object("threshold", t, "target", p))
                                        .injectNull(0.5),
                                Arbitraries.of("7d", "28d", "30d", "90d").injectNull(0.6))
                        .as(
                                (availability, latency, period) ->
                                        object(
                                                "availability",
                                                availability == null && latency == null
                                                        ? "99.9"
                                                        : availability,
                                                "latency",
                                                latency,
                                                "period",
                                                period));
        return Combinators.combine(
                        labelMaps().injectNull(0.4),
                        intervals,
                        Arbitraries.of("ServiceMonitor", "PodMonitor").injectNull(0.5),
                        Arbitraries.of(true, false).injectNull(0.6),
                        Arbitraries.of(true, false).injectNull(0.6),
                        slo.injectNull(0.5),
                        Arbitraries.of(true, false).injectNull(0.8))
                .as(
                        (labels, timing, kind, defaultAlerts, dashboards, objectives, managed) ->
                                object(
                                        "labels",
                                        labels,
                                        "interval",
                                        timing[0],
                                        "scrapeTimeout",
                                        timing[1],
                                        "kind",
                                        kind,
                                        "defaultAlerts",
                                        defaultAlerts,
                                        "dashboards",
                                        dashboards == null ? null : object("enabled", dashboards),
                                        "slo",
                                        objectives,
                                        "managed",
                                        managed));
    }

    /** Written analyses of a health gate, with distinct names. */
    static Arbitrary<List<JsonNode>> analyses() {
        Arbitrary<ObjectNode> analysis =
                Combinators.combine(
                                Arbitraries.of(
                                        "vector(0)",
                                        "sum(rate(http_requests_total{code=~\"5..\"}[5m]))",
                                        "max(pg_replication_lag_seconds)"),
                                Arbitraries.of(
                                        "result < 1",
                                        "result <= 10",
                                        "isNaN(result) || result <= 0.02"),
                                durations().injectNull(0.5),
                                Arbitraries.integers().between(0, 5).injectNull(0.5),
                                durations().injectNull(0.7))
                        .as(
                                (query, condition, interval, failureLimit, window) ->
                                        object(
                                                "query",
                                                query,
                                                "successCondition",
                                                condition,
                                                "interval",
                                                interval,
                                                "failureLimit",
                                                failureLimit,
                                                "window",
                                                window));
        return analysis.list()
                .ofMaxSize(3)
                .map(
                        list -> {
                            List<JsonNode> named = new ArrayList<>();
                            for (int i = 0; i < list.size(); i++) {
                                ObjectNode copy = list.get(i).deepCopy();
                                copy.put("name", "check-" + i);
                                named.add(copy);
                            }
                            return named;
                        });
    }

    static Arbitrary<String> cronSchedules() {
        return Arbitraries.of("*/10 * * * *", "0 2 * * *", "30 1 * * 0", "15 */6 * * *");
    }

    static Arbitrary<ObjectNode> backupStores() {
        Arbitrary<ObjectNode> s3 =
                Combinators.combine(
                                Arbitraries.of(
                                        "https://objectstore.storage.svc",
                                        "https://s3.eu-west-1.amazonaws.com",
                                        "https://minio.example.com:9000/"),
                                Arbitraries.of("backups", "db-backups.eu", "b12"),
                                Arbitraries.of("vigil", "teams/shop").injectNull(0.5),
                                Arbitraries.of("eu-west-1").injectNull(0.6),
                                Arbitraries.of("Path", "Host").injectNull(0.7),
                                Arbitraries.of(true, false))
                        .as(
                                (endpoint, bucket, prefix, region, style, ca) ->
                                        object(
                                                "endpoint",
                                                endpoint,
                                                "bucket",
                                                bucket,
                                                "prefix",
                                                prefix,
                                                "region",
                                                region,
                                                "uriStyle",
                                                style,
                                                "accessKeyId",
                                                object("name", "backup-store", "key", "id"),
                                                "secretAccessKey",
                                                object("name", "backup-store", "key", "secret"),
                                                "ca",
                                                ca
                                                        ? object(
                                                                "name", "store-ca", "key", "ca.crt")
                                                        : null));
        Arbitrary<ObjectNode> volume =
                Arbitraries.of("backups", "db.backups", "b")
                        .map(claim -> object("claimName", claim));
        return Arbitraries.oneOf(
                s3.map(store -> object("s3", store)), volume.map(store -> object("volume", store)));
    }

    /** Label maps with valid keys and values. */
    static Arbitrary<JsonNode> labelMaps() {
        return Arbitraries.of(
                        Map.of("release", "kube-prometheus-stack"),
                        Map.of("team", "payments"),
                        Map.of("app.kubernetes.io/part-of", "shop", "tier", "db-1"),
                        Map.<String, String>of())
                .map(Json::node);
    }
}
