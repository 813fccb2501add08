package dev.vigil.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.DatabaseEngines;
import dev.vigil.testing.TestDatabases;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GrafanaDashboardsTest {

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of(database("MongoDB", "7.0.14", "Managed")),
                Arguments.of(database("PostgreSQL", "16.4", "Managed")),
                Arguments.of(postgresWithBackups()),
                Arguments.of(database("MongoDB", "7.0.14", "External")),
                Arguments.of(database("PostgreSQL", "16.4", "External")));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void everyPanelQueryIsScopedToTheDatabase(MonitoredDatabase database) {
        JsonNode dashboard = parse(database);
        List<String> scopes =
                List.of(
                        MetricSelectors.exporter(database),
                        MetricSelectors.pods(database),
                        MetricSelectors.volumes(database),
                        MetricSelectors.operator(database));

        List<String> exprs = exprs(dashboard);

        assertThat(exprs).hasSizeGreaterThanOrEqualTo(7);
        for (String expr : exprs) {
            // Every selector in the query, not just one of them, must carry the database's scope:
            // a single unscoped metric would mix in other databases' series.
            for (String selector : selectors(expr)) {
                assertThat(scopes)
                        .as("selector {%s} of %s", selector, expr)
                        .anyMatch(selector::startsWith);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void placeholdersAreAllReplacedAndTheDataSourceIsAVariable(MonitoredDatabase database) {
        String json =
                GrafanaDashboards.forDatabase(
                        database, DatabaseEngines.of(database.getSpec()).monitoring());
        JsonNode dashboard = parse(database);

        assertThat(json).doesNotContainPattern("%[A-Z]+%");
        assertThat(dashboard.path("title").asText()).endsWith("shop/orders");
        assertThat(dashboard.path("templating").path("list").get(0).path("type").asText())
                .isEqualTo("datasource");
        dashboard
                .path("panels")
                .forEach(
                        panel ->
                                assertThat(panel.path("datasource").path("uid").asText())
                                        .isEqualTo("${datasource}"));
    }

    @Test
    void externalDatabasesHaveNoVolumePanel() {
        MonitoredDatabase managed = database("PostgreSQL", "16.4", "Managed");
        MonitoredDatabase external = database("PostgreSQL", "16.4", "External");

        assertThat(exprs(parse(managed))).anyMatch(expr -> expr.contains("kubelet_volume_stats"));
        assertThat(exprs(parse(external))).noneMatch(expr -> expr.contains("kubelet_volume_stats"));
    }

    @Test
    void onlyADatabaseWithAnSloHasTheSloRowAndEveryDatabaseItsQueriesAndSaturation() {
        JsonNode without = parse(database("PostgreSQL", "16.4", "Managed"));
        JsonNode with =
                parse(
                        SchemaDefaults.withDefaults(
                                TestDatabases.parse(
                                        """
                                        apiVersion: vigil.dev/v1alpha1
                                        kind: MonitoredDatabase
                                        metadata: {name: orders, namespace: shop}
                                        spec:
                                          engine: PostgreSQL
                                          version: "16.4"
                                          monitoring: {slo: {availability: "99.9"}}
                                        """)));

        assertThat(titles(with))
                .containsSubsequence(
                        "Queries",
                        "Mean query time",
                        "Top statements by time",
                        "Saturation",
                        "Service level objectives",
                        "Error budget left");
        assertThat(exprs(with))
                .anyMatch(expr -> expr.contains("vigil:slo_error_budget_remaining:ratio{"));
        assertThat(titles(without)).contains("Queries", "Saturation");
        assertThat(titles(without)).doesNotContain("Service level objectives");
        assertThat(exprs(without)).noneMatch(expr -> expr.contains("vigil:slo_"));
    }

    @Test
    void onlyADatabaseWithBackupsHasTheBackupsRow() {
        JsonNode withBackups = parse(postgresWithBackups());
        JsonNode without = parse(database("PostgreSQL", "16.4", "Managed"));

        assertThat(titles(withBackups))
                .containsSubsequence(
                        "Backups",
                        "Age of the last backup",
                        "Size of the last backup",
                        "Duration of the last backup",
                        "Recoverable window");
        assertThat(exprs(withBackups))
                .anyMatch(expr -> expr.contains("vigil_backup_last_success_timestamp_seconds{"))
                .anyMatch(expr -> expr.contains("vigil_backup_last_size_bytes{"))
                .anyMatch(expr -> expr.contains("vigil_backup_last_duration_seconds{"))
                .anyMatch(expr -> expr.contains("vigil_backup_recoverable_from_timestamp_seconds{"))
                .anyMatch(expr -> expr.contains("vigil_backup_recoverable_to_timestamp_seconds{"));
        assertThat(titles(without)).doesNotContain("Backups");
        assertThat(exprs(without)).noneMatch(expr -> expr.contains("vigil_backup_"));
        // What remains is the dashboard without the row: the other panels are all there.
        assertThat(titles(without))
                .isEqualTo(titles(withBackups).subList(0, titles(withBackups).indexOf("Backups")));
    }

    @Test
    void panelsDoNotOverlap() {
        JsonNode dashboard = parse(postgresWithBackups());
        List<int[]> boxes = new ArrayList<>();
        dashboard
                .path("panels")
                .forEach(
                        panel -> {
                            JsonNode pos = panel.path("gridPos");
                            int x = pos.path("x").asInt();
                            int y = pos.path("y").asInt();
                            int w = pos.path("w").asInt();
                            int h = pos.path("h").asInt();
                            assertThat(x + w)
                                    .as(panel.path("title").asText())
                                    .isLessThanOrEqualTo(24);
                            for (int[] other : boxes) {
                                boolean apart =
                                        x + w <= other[0]
                                                || other[0] + other[2] <= x
                                                || y + h <= other[1]
                                                || other[1] + other[3] <= y;
                                assertThat(apart).as(panel.path("title").asText()).isTrue();
                            }
                            boxes.add(new int[] {x, y, w, h});
                        });
    }

    @Test
    void uidIsStablePerNamespaceAndNameAndFitsGrafanasLimit() {
        MonitoredDatabase orders = database("MongoDB", "7.0.14", "Managed");
        MonitoredDatabase sameName = TestDatabases.mongo("orders", "other");
        MonitoredDatabase longNames = TestDatabases.mongo("o".repeat(63), "n".repeat(63));

        assertThat(GrafanaDashboards.uid(orders))
                .isEqualTo(GrafanaDashboards.uid(database("MongoDB", "7.0.14", "Managed")))
                .isNotEqualTo(GrafanaDashboards.uid(sameName))
                .isEqualTo(parse(orders).path("uid").asText());
        assertThat(GrafanaDashboards.uid(longNames))
                .hasSizeLessThanOrEqualTo(GrafanaDashboards.MAX_UID_LENGTH);
    }

    @Test
    void configMapHoldsTheDashboardUnderTheDatabasesKey() {
        MonitoredDatabase orders = database("MongoDB", "7.0.14", "Managed");

        ConfigMap configMap =
                DashboardConfigMapBuilder.build(
                                orders, DatabaseEngines.of(orders.getSpec()).monitoring())
                        .orElseThrow();

        assertThat(configMap.getMetadata().getName()).isEqualTo("orders-dashboard");
        assertThat(configMap.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(configMap.getData())
                .containsOnlyKeys("orders.json")
                .containsEntry(
                        "orders.json",
                        GrafanaDashboards.forDatabase(
                                orders, DatabaseEngines.of(orders.getSpec()).monitoring()));
    }

    private static MonitoredDatabase database(String engine, String version, String mode) {
        String external =
                mode.equals("External")
                        ? "  external:\n"
                                + "    endpoints: [db.example.com:5432]\n"
                                + "    credentialsSecretName: orders-monitor\n"
                        : "";
        return SchemaDefaults.withDefaults(
                TestDatabases.parse(
                        "apiVersion: vigil.dev/v1alpha1\n"
                                + "kind: MonitoredDatabase\n"
                                + "metadata: {name: orders, namespace: shop}\n"
                                + "spec:\n"
                                + "  engine: "
                                + engine
                                + "\n  version: \""
                                + version
                                + "\"\n  mode: "
                                + mode
                                + "\n"
                                + external));
    }

    private static MonitoredDatabase postgresWithBackups() {
        return SchemaDefaults.withDefaults(
                TestDatabases.parse(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: orders, namespace: shop}
                        spec:
                          engine: PostgreSQL
                          version: "16.4"
                          backup:
                            schedule: "0 2 * * *"
                            store: {volume: {claimName: orders-backups}}
                        """));
    }

    private static List<String> titles(JsonNode dashboard) {
        List<String> titles = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> titles.add(panel.path("title").asText()));
        return titles;
    }

    private static JsonNode parse(MonitoredDatabase database) {
        return Serialization.unmarshal(
                GrafanaDashboards.forDatabase(
                        database, DatabaseEngines.of(database.getSpec()).monitoring()),
                JsonNode.class);
    }

    private static List<String> exprs(JsonNode dashboard) {
        List<String> exprs = new ArrayList<>();
        dashboard
                .path("panels")
                .forEach(
                        panel ->
                                panel.path("targets")
                                        .forEach(
                                                target -> exprs.add(target.path("expr").asText())));
        return exprs;
    }

    /** The text inside each {@code {...}} of a PromQL query. */
    private static List<String> selectors(String expr) {
        List<String> selectors = new ArrayList<>();
        int open = expr.indexOf('{');
        while (open >= 0) {
            int close = expr.indexOf('}', open);
            selectors.add(expr.substring(open + 1, close));
            open = expr.indexOf('{', close);
        }
        assertThat(selectors).as("selectors of %s", expr).isNotEmpty();
        return selectors;
    }
}
