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

/**
 * Valid AlertPolicies: a selector of each kind, overrides of default alerts, custom rules, priority
 * mappings and routing to receivers of several kinds, each part present or not.
 */
public final class AlertPolicyDocuments {

    private static final List<String> RECEIVERS = List.of("phone", "email", "ticket", "chat");

    private AlertPolicyDocuments() {}

    /** A valid AlertPolicy document. */
    public static Arbitrary<ObjectNode> valid() {
        return Combinators.combine(
                        Values.databaseNames(),
                        selector(),
                        overrides().injectNull(0.4),
                        rules().injectNull(0.5),
                        priorities().injectNull(0.6),
                        routing().injectNull(0.5))
                .as(
                        (name, selector, overrides, rules, priorities, routing) ->
                                object(
                                        "apiVersion",
                                        "vigil.dev/v1alpha1",
                                        "kind",
                                        "AlertPolicy",
                                        "metadata",
                                        object("name", name),
                                        "spec",
                                        object(
                                                "selector",
                                                selector,
                                                "overrides",
                                                overrides,
                                                "rules",
                                                rules,
                                                "priorities",
                                                priorities,
                                                "routing",
                                                routing)));
    }

    private static Arbitrary<ObjectNode> selector() {
        return Arbitraries.oneOf(
                Arbitraries.of(List.of("ledger"), List.of("catalog", "orders"))
                        .map(names -> object("names", names)),
                Values.labelMaps()
                        .filter(labels -> labels.size() > 0)
                        .map(labels -> object("matchLabels", labels)),
                Arbitraries.of("In", "NotIn", "Exists", "DoesNotExist")
                        .map(
                                operator ->
                                        object(
                                                "matchExpressions",
                                                List.of(
                                                        object(
                                                                "key",
                                                                "team",
                                                                "operator",
                                                                operator,
                                                                "values",
                                                                operator.contains("xist")
                                                                        ? null
                                                                        : List.of(
                                                                                "shop",
                                                                                "payments"))))));
    }

    private static Arbitrary<JsonNode> overrides() {
        Arbitrary<ObjectNode> override =
                Combinators.combine(
                                Arbitraries.of(
                                        "MongoDBDown",
                                        "PostgreSQLDown",
                                        "PostgreSQLReplicationLagHigh",
                                        "DatabaseVolumeAlmostFull",
                                        "SomeoneElsesAlert"),
                                Arbitraries.of(true, false).injectNull(0.5),
                                Arbitraries.of("5m", "1h", "30s").injectNull(0.5),
                                Arbitraries.of("P1", "P2", "P3", "P4").injectNull(0.5),
                                Arbitraries.of("critical", "warning").injectNull(0.7),
                                Arbitraries.of("0.9", "30", "-1", "100.5").injectNull(0.6))
                        .as(
                                (alert, enabled, duration, priority, severity, threshold) ->
                                        object(
                                                "alert",
                                                alert,
                                                "enabled",
                                                enabled,
                                                "for",
                                                duration,
                                                "priority",
                                                priority,
                                                "severity",
                                                severity,
                                                "threshold",
                                                threshold));
        return override.list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .uniqueElements(o -> o.path("alert").asText())
                .map(Json::array);
    }

    private static Arbitrary<JsonNode> rules() {
        Arbitrary<ObjectNode> rule =
                Combinators.combine(
                                Arbitraries.of(
                                        "up == 0",
                                        "rate(pg_stat_database_deadlocks{namespace=\"$(namespace)\"}[5m])"
                                            + " > 0",
                                        "sum by (instance) (mongodb_connections{state=\"current\"})"
                                                + " > 500"),
                                Arbitraries.of("5m", "1m", "10s").injectNull(0.5),
                                Arbitraries.of("P1", "P2", "P3", "P4").injectNull(0.5),
                                Values.labelMaps().injectNull(0.7),
                                Arbitraries.of(Map.of("summary", "Something is wrong"))
                                        .map(Json::node)
                                        .injectNull(0.6))
                        .as(
                                (expr, duration, priority, labels, annotations) ->
                                        object(
                                                "expr",
                                                expr,
                                                "for",
                                                duration,
                                                "priority",
                                                priority,
                                                "labels",
                                                labels,
                                                "annotations",
                                                annotations));
        return rule.list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .map(
                        list -> {
                            List<JsonNode> named = new ArrayList<>();
                            for (int i = 0; i < list.size(); i++) {
                                ObjectNode copy = list.get(i).deepCopy();
                                copy.put("alert", "TeamAlert_" + i);
                                named.add(copy);
                            }
                            return Json.array(named);
                        });
    }

    private static Arbitrary<JsonNode> priorities() {
        return Arbitraries.of("P1", "P2", "P3", "P4")
                .set()
                .ofMinSize(1)
                .map(
                        set ->
                                Json.array(
                                        set.stream()
                                                .sorted()
                                                .map(
                                                        p ->
                                                                object(
                                                                        "priority",
                                                                        p,
                                                                        "labels",
                                                                        object(
                                                                                "severity",
                                                                                "sev-"
                                                                                        + p
                                                                                                .toLowerCase())))
                                                .toList()));
    }

    private static Arbitrary<ObjectNode> routing() {
        Arbitrary<ObjectNode> route =
                Combinators.combine(
                                Arbitraries.of(RECEIVERS),
                                Arbitraries.of("P1", "P2", "P3", "P4").set().map(ArrayList::new),
                                Arbitraries.of("10s", "30s", "1m").injectNull(0.5),
                                Arbitraries.of("1m", "5m", "1h").injectNull(0.5),
                                Arbitraries.of("1h", "4h", "7d").injectNull(0.5),
                                Arbitraries.of(true, false).injectNull(0.5),
                                Arbitraries.of(
                                                object("name", "team", "value", "shop"),
                                                object(
                                                        "name",
                                                        "vigil_database",
                                                        "matchType",
                                                        "=~",
                                                        "value",
                                                        "ledger|orders"),
                                                object(
                                                        "name",
                                                        "severity",
                                                        "matchType",
                                                        "!=",
                                                        "value",
                                                        "info"))
                                        .list()
                                        .ofMaxSize(2))
                        .as(
                                (receiver, priorities, wait, interval, repeat, more, matchers) ->
                                        object(
                                                "receiver",
                                                receiver,
                                                "priorities",
                                                priorities.isEmpty() ? null : priorities,
                                                "groupBy",
                                                List.of("alertname", "vigil_database"),
                                                "groupWait",
                                                wait,
                                                "groupInterval",
                                                interval,
                                                "repeatInterval",
                                                repeat,
                                                "continue",
                                                more,
                                                "matchers",
                                                matchers.isEmpty() ? null : matchers));
        return Combinators.combine(
                        Arbitraries.of(
                                        Map.of("alertmanager", "main"),
                                        Map.of("team", "shop", "tier", "db-1"))
                                .map(Json::node)
                                .injectNull(0.5),
                        route.list().ofMinSize(1).ofMaxSize(3))
                .as(
                        (labels, routes) ->
                                object(
                                        "alertmanagerConfigLabels",
                                        labels,
                                        "receivers",
                                        receivers(),
                                        "routes",
                                        routes));
    }

    private static List<JsonNode> receivers() {
        return List.of(
                object(
                        "name",
                        "phone",
                        "pagerdutyConfigs",
                        List.of(
                                object(
                                        "routingKey",
                                        object("name", "pagerduty", "key", "routing-key"),
                                        "sendResolved",
                                        true))),
                object(
                        "name",
                        "email",
                        "emailConfigs",
                        List.of(
                                object(
                                        "to",
                                        "dba@example.com",
                                        "from",
                                        "alertmanager@example.com",
                                        "smarthost",
                                        "smtp.example.com:587"))),
                object(
                        "name",
                        "ticket",
                        "webhookConfigs",
                        List.of(object("urlSecret", object("name", "ticketing", "key", "url")))),
                object(
                        "name",
                        "chat",
                        "slackConfigs",
                        List.of(
                                object(
                                        "apiURL",
                                        object("name", "slack", "key", "url"),
                                        "channel",
                                        "#db"))));
    }
}
