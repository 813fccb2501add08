package dev.vigil.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.Priority;
import dev.vigil.engine.DatabaseEngines;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusRuleBuilderTest {

    private static final MonitoredDatabase CATALOG = RuleTestDatabases.mongo(3);

    private static final AlertRule CUSTOM =
            new AlertRule(
                    "CatalogOrdersStalled",
                    "rate(orders_total[5m]) == 0",
                    null,
                    Priority.P3,
                    Map.of("severity", "warning", "priority", "P3"),
                    Map.of("summary", "No orders"));

    @Test
    void oneRuleObjectPerDatabaseOwnedByItAndLabelledForPrometheus() {
        PrometheusRule rule = PrometheusRuleBuilder.build(CATALOG, List.of(CUSTOM));

        assertThat(rule.getMetadata().getName()).isEqualTo("catalog-alerts");
        assertThat(rule.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(rule.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/instance", "catalog")
                .containsEntry("app.kubernetes.io/component", "metrics")
                .containsEntry("app.kubernetes.io/managed-by", "vigil-operator")
                .containsEntry("release", "kube-prometheus-stack");
        assertThat(rule.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(
                        owner -> {
                            assertThat(owner.getKind()).isEqualTo("MonitoredDatabase");
                            assertThat(owner.getName()).isEqualTo("catalog");
                            assertThat(owner.getController()).isTrue();
                        });
    }

    @Test
    void theUsersLabelsCannotReplaceVigilsOwn() {
        MonitoredDatabase database = RuleTestDatabases.mongo(1);
        database.getSpec()
                .getMonitoring()
                .setLabels(Map.of("app.kubernetes.io/managed-by", "someone", "team", "shop"));

        assertThat(PrometheusRuleBuilder.build(database, List.of()).getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "vigil-operator")
                .containsEntry("team", "shop");
    }

    @Test
    void rulesKeepTheirOrderInOneGroup() {
        List<AlertRule> rules =
                PrometheusRuleBuilder.defaults(
                        CATALOG,
                        DatabaseEngines.of(CATALOG.getSpec()).monitoring(),
                        MonitoringContext.DEFAULT_RUNBOOK_BASE_URL);
        List<AlertRule> withCustom = new java.util.ArrayList<>(rules);
        withCustom.add(CUSTOM);

        PrometheusRule rule = PrometheusRuleBuilder.build(CATALOG, withCustom);

        assertThat(rule.getSpec().getGroups())
                .singleElement()
                .satisfies(
                        group -> {
                            assertThat(group.getName()).isEqualTo("catalog.rules");
                            assertThat(group.getRules())
                                    .extracting(Rule::getAlert)
                                    .containsExactlyElementsOf(
                                            withCustom.stream().map(AlertRule::alert).toList());
                        });
        Rule custom = rule.getSpec().getGroups().get(0).getRules().get(withCustom.size() - 1);
        assertThat(custom.getExpr().getStrVal()).isEqualTo("rate(orders_total[5m]) == 0");
        assertThat(custom.getFor()).isNull();
        assertThat(custom.getLabels()).isEqualTo(CUSTOM.labels());
        assertThat(custom.getAnnotations()).isEqualTo(CUSTOM.annotations());
    }

    @Test
    void defaultsCarryTheirPrioritysLabelsTheDatabaseAndTheRunbook() {
        AlertRule down =
                PrometheusRuleBuilder.defaults(
                                CATALOG,
                                DatabaseEngines.of(CATALOG.getSpec()).monitoring(),
                                "https://runbooks.example/")
                        .stream()
                        .filter(rule -> rule.alert().equals("MongoDBDown"))
                        .findFirst()
                        .orElseThrow();

        assertThat(down.expr())
                .isEqualTo("mongodb_up{namespace=\"shop\",vigil_database=\"catalog\"} == 0");
        assertThat(down.forDuration()).isEqualTo("1m");
        assertThat(down.priority()).isEqualTo(Priority.P1);
        assertThat(down.labels())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "severity", "critical",
                                "priority", "P1",
                                "vigil_database", "catalog"));
        assertThat(down.annotations())
                .containsEntry("runbook_url", "https://runbooks.example/MongoDBDown.md")
                .containsKeys("summary", "description");
    }

    @Test
    void thresholdsAreFilledIn() {
        assertThat(
                        PrometheusRuleBuilder.defaults(
                                CATALOG, DatabaseEngines.of(CATALOG.getSpec()).monitoring(), ""))
                .filteredOn(rule -> rule.alert().equals("DatabasePodRestarting"))
                .singleElement()
                .extracting(AlertRule::expr)
                .isEqualTo(
                        "increase(kube_pod_container_status_restarts_total{namespace=\"shop\","
                                + "pod=~\"catalog-[0-9]+\"}[15m]) > 3");
    }
}
