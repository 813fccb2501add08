package dev.vigil.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.status.ConditionFactory;
import dev.vigil.status.ConditionType;
import dev.vigil.status.Reason;
import dev.vigil.testing.kube.RunningOperator;
import dev.vigil.testing.kube.TemporaryCrds;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Monitoring on a real API server: the monitor and rules follow the prometheus-operator CRDs, and
 * AlertPolicies retune the rules of the databases they select.
 */
class MonitoringReconcilerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String LAG = "MongoDBReplicationLagHigh";

    private RunningOperator operator;
    private String namespace;
    private KubernetesClient client;
    private TemporaryCrds crds;

    @BeforeEach
    void start() {
        operator = RunningOperator.withoutDatabases();
        namespace = operator.namespace();
        client = operator.client();
        crds = new TemporaryCrds(client);
    }

    @AfterEach
    void stop() {
        try {
            operator.close();
        } finally {
            crds.close();
        }
    }

    /** prometheus-operator's own CRDs of the kinds Vigil creates, until the test ends. */
    private void installPrometheusOperatorCrds() {
        crds.installPrometheusOperatorCrds(PrometheusOperatorCrds.NAMES);
    }

    private void createDatabase(String name, String tier) {
        client.resource(
                        Serialization.unmarshal(
                                """
                                apiVersion: vigil.dev/v1alpha1
                                kind: MonitoredDatabase
                                metadata:
                                  name: %s
                                  namespace: %s
                                  labels: {tier: %s}
                                spec:
                                  engine: MongoDB
                                  version: "7.0.14"
                                  replicas: 3
                                  monitoring:
                                    labels: {release: kube-prometheus-stack}
                                """
                                        .formatted(name, namespace, tier),
                                MonitoredDatabase.class))
                .create();
    }

    private AlertPolicy policy() {
        return Serialization.unmarshal(
                """
                apiVersion: vigil.dev/v1alpha1
                kind: AlertPolicy
                metadata: {name: oncall, namespace: %s}
                spec:
                  selector:
                    matchLabels: {tier: critical}
                  overrides:
                  - {alert: MongoDBReplicationLagHigh, threshold: "10", priority: P1}
                  - {alert: NoSuchAlert, enabled: false}
                  - {alert: PostgreSQLReplicationLagHigh, threshold: "30"}
                  rules:
                  - alert: CatalogDeleteStorm
                    expr: rate(mongodb_ss_opcounters{namespace="$namespace",vigil_database="$database",legacy_op_type="delete"}[5m]) > 1000
                    priority: P2
                  routing:
                    receivers:
                    - name: pager
                      webhookConfigs:
                      - url: http://pager.example.internal/hook
                    routes:
                    - {receiver: pager, priorities: [P1]}
                """
                        .formatted(namespace),
                AlertPolicy.class);
    }

    private Optional<Rule> rule(String database, String alert) {
        PrometheusRule rules =
                client.resources(PrometheusRule.class)
                        .inNamespace(namespace)
                        .withName(database + "-alerts")
                        .get();
        if (rules == null) {
            return Optional.empty();
        }
        return rules.getSpec().getGroups().stream()
                .flatMap(g -> g.getRules().stream())
                .filter(r -> alert.equals(r.getAlert()))
                .findFirst();
    }

    private Condition monitoringReady(String database) {
        MonitoredDatabase db =
                client.resources(MonitoredDatabase.class)
                        .inNamespace(namespace)
                        .withName(database)
                        .get();
        return db == null || db.getStatus() == null
                ? null
                : ConditionFactory.find(
                                db.getStatus().getConditions(), ConditionType.MONITORING_READY)
                        .orElse(null);
    }

    @Test
    void monitorsAndRulesFollowThePrometheusOperatorCrdsWithoutARestart() {
        createDatabase("catalog", "critical");

        await().atMost(WAIT)
                .untilAsserted(
                        () -> {
                            Condition monitoring = monitoringReady("catalog");
                            assertThat(monitoring).isNotNull();
                            assertThat(monitoring.getReason()).isEqualTo(Reason.CRDS_MISSING);
                        });
        assertThat(client.apps().statefulSets().inNamespace(namespace).withName("catalog").get())
                .isNotNull();
        assertThat(client.configMaps().inNamespace(namespace).withName("catalog-dashboard").get())
                .isNotNull();

        installPrometheusOperatorCrds();

        await().atMost(WAIT)
                .untilAsserted(
                        () -> {
                            assertThat(monitoringReady("catalog").getStatus()).isEqualTo("True");
                            ServiceMonitor monitor =
                                    client.resources(ServiceMonitor.class)
                                            .inNamespace(namespace)
                                            .withName("catalog")
                                            .get();
                            assertThat(monitor).isNotNull();
                            assertThat(monitor.getMetadata().getLabels())
                                    .containsEntry("release", "kube-prometheus-stack");
                            assertThat(rule("catalog", LAG)).isPresent();
                        });
        // The operator's --runbook-base-url reaches the rules it writes.
        assertThat(rule("catalog", LAG).orElseThrow().getAnnotations())
                .containsEntry("runbook_url", RunningOperator.RUNBOOK_BASE_URL + LAG + ".md");

        // Monitors are watched now, like the database's other objects: one deleted comes back.
        client.resources(ServiceMonitor.class).inNamespace(namespace).withName("catalog").delete();
        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                assertThat(
                                                client.resources(ServiceMonitor.class)
                                                        .inNamespace(namespace)
                                                        .withName("catalog")
                                                        .get())
                                        .isNotNull());

        // And when the CRDs go, their watches stop and the database says so.
        crds.close();
        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                assertThat(monitoringReady("catalog").getReason())
                                        .isEqualTo(Reason.CRDS_MISSING));
    }

    @Test
    void aPolicyRetunesTheRulesOfEveryDatabaseItSelectsAndDeletingItRestoresTheDefaults() {
        installPrometheusOperatorCrds();
        createDatabase("catalog", "critical");
        createDatabase("orders", "critical");
        createDatabase("sessions", "best-effort");
        await().atMost(WAIT)
                .until(() -> rule("catalog", LAG).isPresent() && rule("sessions", LAG).isPresent());
        String defaultExpr = rule("catalog", LAG).orElseThrow().getExpr().getStrVal();

        client.resource(policy()).create();

        for (String selected : List.of("catalog", "orders")) {
            await().atMost(WAIT)
                    .untilAsserted(
                            () -> {
                                Rule lag = rule(selected, LAG).orElseThrow();
                                assertThat(lag.getExpr().getStrVal()).endsWith("> 10");
                                assertThat(lag.getLabels()).containsEntry("priority", "P1");
                                assertThat(rule(selected, "CatalogDeleteStorm"))
                                        .hasValueSatisfying(
                                                r ->
                                                        assertThat(r.getExpr().getStrVal())
                                                                .contains(
                                                                        "vigil_database=\""
                                                                                + selected
                                                                                + "\""));
                            });
        }
        assertThat(rule("sessions", LAG).orElseThrow().getExpr().getStrVal())
                .isEqualTo(defaultExpr.replace("catalog", "sessions"));
        assertThat(rule("sessions", "CatalogDeleteStorm")).isEmpty();
        await().atMost(WAIT)
                .untilAsserted(
                        () -> {
                            AlertPolicy status =
                                    client.resources(AlertPolicy.class)
                                            .inNamespace(namespace)
                                            .withName("oncall")
                                            .get();
                            assertThat(status.getStatus()).isNotNull();
                            assertThat(status.getStatus().getMatchedDatabases())
                                    .containsExactly("catalog", "orders");
                            assertThat(status.getStatus().getRejectedRules())
                                    .singleElement()
                                    .satisfies(
                                            r -> {
                                                assertThat(r.getRule()).isEqualTo("NoSuchAlert");
                                                assertThat(r.getReason())
                                                        .contains("no default alert");
                                            });
                            assertThat(
                                            client.resources(AlertmanagerConfig.class)
                                                    .inNamespace(namespace)
                                                    .withName("oncall-routing")
                                                    .get())
                                    .isNotNull();
                        });

        client.resource(policy()).delete();

        await().atMost(WAIT)
                .untilAsserted(
                        () -> {
                            assertThat(rule("catalog", LAG).orElseThrow().getExpr().getStrVal())
                                    .isEqualTo(defaultExpr);
                            assertThat(rule("catalog", "CatalogDeleteStorm")).isEmpty();
                        });
    }

    @Test
    void overridesOfTheOtherEnginesAlertsLeaveThePolicyReadyWithNothingRejected() {
        createDatabase("catalog", "critical");
        client.resource(
                        Serialization.unmarshal(
                                """
                                apiVersion: vigil.dev/v1alpha1
                                kind: AlertPolicy
                                metadata: {name: both-engines, namespace: %s}
                                spec:
                                  selector: {names: [catalog]}
                                  overrides:
                                  - {alert: MongoDBReplicationLagHigh, threshold: "30"}
                                  - {alert: PostgreSQLReplicationLagHigh, threshold: "30"}
                                  - {alert: PostgreSQLLongRunningTransaction, enabled: false}
                                """
                                        .formatted(namespace),
                                AlertPolicy.class))
                .create();

        await().atMost(WAIT)
                .untilAsserted(
                        () -> {
                            AlertPolicy policy =
                                    client.resources(AlertPolicy.class)
                                            .inNamespace(namespace)
                                            .withName("both-engines")
                                            .get();
                            assertThat(policy.getStatus()).isNotNull();
                            assertThat(policy.getStatus().getMatchedDatabases())
                                    .containsExactly("catalog");
                            assertThat(policy.getStatus().getRejectedRules()).isNullOrEmpty();
                            Condition ready =
                                    ConditionFactory.find(
                                                    policy.getStatus().getConditions(),
                                                    ConditionType.READY)
                                            .orElseThrow();
                            assertThat(ready.getStatus()).isEqualTo("True");
                            assertThat(ready.getReason()).isEqualTo("Applied");
                            assertThat(ready.getMessage())
                                    .isEqualTo(
                                            "applies to 1 database(s); overrides not applicable"
                                                    + " to any of them:"
                                                    + " PostgreSQLReplicationLagHigh,"
                                                    + " PostgreSQLLongRunningTransaction");
                        });
    }
}
