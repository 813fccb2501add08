package dev.vigil.monitoring.policy;

import static dev.vigil.monitoring.policy.TestPolicies.database;
import static dev.vigil.monitoring.policy.TestPolicies.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.Priority;
import dev.vigil.api.v1alpha1.RejectedRule;
import dev.vigil.engine.DatabaseEngines;
import dev.vigil.monitoring.AlertRule;
import dev.vigil.monitoring.DefaultAlert;
import dev.vigil.monitoring.PriorityLabels;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleComposerTest {

    private static final String RUNBOOKS = "https://runbooks.example/";

    private static final MonitoredDatabase ORDERS = database("orders", "shop", "{tier: gold}");

    private static final DefaultAlert LAG =
            new DefaultAlert(
                    "MongoDBReplicationLagHigh",
                    "max(mongodb_mongod_replset_member_replication_lag{{{exporter}}}) >"
                            + " {{threshold}}",
                    "10",
                    "5m",
                    Priority.P2,
                    "Replication lag is high",
                    "A member lags the primary.",
                    true);
    private static final DefaultAlert DOWN =
            new DefaultAlert(
                    "MongoDBDown",
                    "mongodb_up{{{exporter}}} == 0",
                    null,
                    "1m",
                    Priority.P1,
                    "MongoDB is down",
                    "The exporter cannot reach the database.",
                    false);
    private static final DefaultAlert NOT_READY =
            new DefaultAlert(
                    "VigilDatabaseNotReady",
                    "vigil_database_ready{{{operator}}} == 0",
                    null,
                    "10m",
                    Priority.P3,
                    "Database not ready",
                    "Vigil reports the database not Ready.",
                    false);
    private static final List<DefaultAlert> DEFAULTS = List.of(LAG, DOWN, NOT_READY);

    /** Stands in for the PromQL checker: refuses unbalanced parentheses and stray placeholders. */
    private static Optional<String> syntaxCheck(String expr) {
        if (expr.contains("$")) {
            return Optional.of("unexpected character '$'");
        }
        long open = expr.chars().filter(c -> c == '(').count();
        long close = expr.chars().filter(c -> c == ')').count();
        return open == close ? Optional.empty() : Optional.of("unbalanced parentheses");
    }

    private final RuleComposer composer =
            new RuleComposer(RuleComposerTest::syntaxCheck, DatabaseEngines.overridableAlerts());

    private ComposedRules compose(AlertPolicy... policies) {
        return composer.compose(ORDERS, DEFAULTS, List.of(policies), RUNBOOKS);
    }

    private static AlertRule rule(ComposedRules composed, String alert) {
        return composed.rules().stream()
                .filter(r -> r.alert().equals(alert))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no rule " + alert));
    }

    private static AlertRule untouched(DefaultAlert alert) {
        return alert.instantiate(
                ORDERS,
                alert.threshold(),
                alert.forDuration(),
                alert.priority(),
                PriorityLabels.DEFAULT,
                RUNBOOKS);
    }

    private static List<RejectedRule> rejected(ComposedRules composed, AlertPolicy policy) {
        return composed.outcome(policy).rejected();
    }

    @Test
    void withoutPoliciesEveryDefaultIsInstalledAsIs() {
        ComposedRules composed = compose();

        assertThat(composed.rules())
                .containsExactly(untouched(LAG), untouched(DOWN), untouched(NOT_READY));
        assertThat(rule(composed, "MongoDBReplicationLagHigh").expr())
                .isEqualTo(
                        "max(mongodb_mongod_replset_member_replication_lag{namespace=\"shop\","
                                + "vigil_database=\"orders\"}) > 10");
        assertThat(composed.outcomes()).isEmpty();
    }

    @Test
    void anOverrideRetunesThresholdForAndPriorityInPlace() {
        AlertPolicy policy =
                policy(
                        "gold",
                        """
                        selector: {names: [orders]}
                        overrides:
                          - {alert: MongoDBReplicationLagHigh, threshold: "30", for: 10m, priority: P1}
                        """);

        ComposedRules composed = compose(policy);

        assertThat(composed.rules())
                .extracting(AlertRule::alert)
                .containsExactly(
                        "MongoDBReplicationLagHigh", "MongoDBDown", "VigilDatabaseNotReady");
        AlertRule lag = rule(composed, "MongoDBReplicationLagHigh");
        assertThat(lag.expr()).endsWith("> 30");
        assertThat(lag.forDuration()).isEqualTo("10m");
        assertThat(lag.priority()).isEqualTo(Priority.P1);
        assertThat(lag.labels())
                .containsEntry("priority", "P1")
                .containsEntry("severity", "critical")
                .containsEntry("vigil_database", "orders");
        assertThat(composed.outcome(policy).appliedOverrides())
                .containsExactly("MongoDBReplicationLagHigh");
        assertThat(rejected(composed, policy)).isEmpty();
    }

    @Test
    void aSeverityOverrideReplacesOnlyTheSeverityLabel() {
        AlertPolicy policy =
                policy(
                        "gold",
                        """
                        selector: {names: [orders]}
                        overrides: [{alert: MongoDBDown, severity: page}]
                        """);

        AlertRule down = rule(compose(policy), "MongoDBDown");

        assertThat(down.labels()).containsEntry("severity", "page").containsEntry("priority", "P1");
        assertThat(down.forDuration()).isEqualTo("1m");
    }

    @Test
    void disablingAnAlertDropsIt() {
        AlertPolicy policy =
                policy(
                        "quiet",
                        """
                        selector: {names: [orders]}
                        overrides: [{alert: VigilDatabaseNotReady, enabled: false}]
                        """);

        ComposedRules composed = compose(policy);

        assertThat(composed.rules())
                .extracting(AlertRule::alert)
                .containsExactly("MongoDBReplicationLagHigh", "MongoDBDown");
        assertThat(composed.outcome(policy).appliedOverrides())
                .containsExactly("VigilDatabaseNotReady");
    }

    @Test
    void anOverrideOfAnUnknownAlertIsRejected() {
        AlertPolicy policy =
                policy(
                        "typo",
                        """
                        selector: {names: [orders]}
                        overrides: [{alert: MongoDBReplicationLag, threshold: "30"}]
                        """);

        ComposedRules composed = compose(policy);

        assertThat(composed.rules())
                .containsExactly(untouched(LAG), untouched(DOWN), untouched(NOT_READY));
        assertThat(rejected(composed, policy))
                .extracting(RejectedRule::getRule, RejectedRule::getReason)
                .containsExactly(
                        tuple(
                                "MongoDBReplicationLag",
                                "no default alert named MongoDBReplicationLag in any engine"));
        assertThat(composed.outcome(policy).notApplicable()).isEmpty();
    }

    @Test
    void anOverrideOfAnotherEnginesAlertIsNotApplicableAndNotARejection() {
        AlertPolicy policy =
                policy(
                        "both-engines",
                        """
                        selector: {names: [orders]}
                        overrides:
                          - {alert: PostgreSQLReplicationLagHigh, threshold: "30", for: 5m}
                          - {alert: PostgreSQLLongRunningTransaction, enabled: false}
                          - {alert: MongoDBReplicationLagHigh, threshold: "30"}
                        """);

        ComposedRules composed = compose(policy);

        assertThat(rejected(composed, policy)).isEmpty();
        assertThat(composed.outcome(policy).notApplicable())
                .containsExactly(
                        "PostgreSQLReplicationLagHigh", "PostgreSQLLongRunningTransaction");
        assertThat(composed.outcome(policy).appliedOverrides())
                .containsExactly("MongoDBReplicationLagHigh");
        assertThat(composed.rules())
                .extracting(AlertRule::alert)
                .containsExactly(
                        "MongoDBReplicationLagHigh", "MongoDBDown", "VigilDatabaseNotReady");
        assertThat(rule(composed, "MongoDBReplicationLagHigh").expr()).endsWith("> 30");
    }

    @Test
    void anOverrideOfAnAlertTheDatabasesShapeLeavesOutIsNotApplicable() {
        // A single member: the composer is given the defaults without the replication alert.
        AlertPolicy policy =
                policy(
                        "single",
                        """
                        selector: {names: [orders]}
                        overrides: [{alert: MongoDBReplicationLagHigh, threshold: "30"}]
                        """);

        ComposedRules composed =
                composer.compose(ORDERS, List.of(DOWN, NOT_READY), List.of(policy), RUNBOOKS);

        assertThat(composed.rules()).containsExactly(untouched(DOWN), untouched(NOT_READY));
        assertThat(rejected(composed, policy)).isEmpty();
        assertThat(composed.outcome(policy).notApplicable())
                .containsExactly("MongoDBReplicationLagHigh");
    }

    @Test
    void aThresholdOnAnotherEnginesAlertWithoutOneIsRejectedEverywhere() {
        AlertPolicy policy =
                policy(
                        "p",
                        """
                        selector: {names: [orders]}
                        overrides: [{alert: PostgreSQLDown, threshold: "2"}]
                        """);

        ComposedRules composed = compose(policy);

        assertThat(rejected(composed, policy))
                .extracting(RejectedRule::getRule, RejectedRule::getReason)
                .containsExactly(
                        tuple("PostgreSQLDown", "PostgreSQLDown has no threshold to tune"));
        assertThat(composed.outcome(policy).notApplicable()).isEmpty();
    }

    @Test
    void theKnownAlertsAreTheCatalogueGivenPlusTheDatabasesOwn() {
        RuleComposer onlyOwn = new RuleComposer(RuleComposerTest::syntaxCheck, Map.of());
        AlertPolicy policy =
                policy(
                        "p",
                        """
                        selector: {names: [orders]}
                        overrides:
                          - {alert: PostgreSQLReplicationLagHigh, threshold: "30"}
                          - {alert: MongoDBReplicationLagHigh, threshold: "30"}
                        """);

        ComposedRules composed = onlyOwn.compose(ORDERS, DEFAULTS, List.of(policy), RUNBOOKS);

        assertThat(rejected(composed, policy))
                .extracting(RejectedRule::getRule)
                .containsExactly("PostgreSQLReplicationLagHigh");
        assertThat(composed.outcome(policy).appliedOverrides())
                .containsExactly("MongoDBReplicationLagHigh");
    }

    @Test
    void aThresholdOnAnAlertWithoutOneIsRejectedAndTheAlertKeptAsIs() {
        AlertPolicy policy =
                policy(
                        "p",
                        """
                        selector: {names: [orders]}
                        overrides: [{alert: MongoDBDown, threshold: "2", for: 5m}]
                        """);

        ComposedRules composed = compose(policy);

        assertThat(rule(composed, "MongoDBDown")).isEqualTo(untouched(DOWN));
        assertThat(rejected(composed, policy))
                .extracting(RejectedRule::getRule, RejectedRule::getReason)
                .containsExactly(tuple("MongoDBDown", "MongoDBDown has no threshold to tune"));
        assertThat(composed.outcome(policy).appliedOverrides()).isEmpty();
    }

    @Test
    void whenTwoPoliciesOverrideTheSameAlertTheOneSortingLastWinsItWhole() {
        AlertPolicy alpha =
                policy(
                        "alpha",
                        """
                        selector: {names: [orders]}
                        overrides: [{alert: MongoDBReplicationLagHigh, threshold: "60", for: 1h}]
                        """);
        AlertPolicy beta =
                policy(
                        "beta",
                        """
                        selector: {matchLabels: {tier: gold}}
                        overrides: [{alert: MongoDBReplicationLagHigh, threshold: "20"}]
                        """);

        ComposedRules composed = compose(beta, alpha);

        AlertRule lag = rule(composed, "MongoDBReplicationLagHigh");
        assertThat(lag.expr()).endsWith("> 20");
        // No field-by-field merge: alpha's 'for' does not survive beta's override.
        assertThat(lag.forDuration()).isEqualTo("5m");
        assertThat(composed.rules()).filteredOn(r -> r.alert().equals(lag.alert())).hasSize(1);
        assertThat(composed.outcome(beta).appliedOverrides())
                .containsExactly("MongoDBReplicationLagHigh");
        assertThat(composed.outcome(alpha).appliedOverrides()).isEmpty();
        assertThat(rejected(composed, alpha))
                .extracting(RejectedRule::getRule, RejectedRule::getReason)
                .containsExactly(
                        tuple(
                                "MongoDBReplicationLagHigh",
                                "overridden by policy beta, which sorts after it"));
        assertThat(rejected(composed, beta)).isEmpty();
        assertThat(composed.outcomes().keySet()).containsExactly("shop/alpha", "shop/beta");
        assertThat(compose(alpha, beta).rules()).isEqualTo(composed.rules());
    }

    @Test
    void aRejectedOverrideDoesNotBeatAValidOne() {
        AlertPolicy alpha =
                policy(
                        "alpha",
                        """
                        selector: {names: [orders]}
                        overrides: [{alert: MongoDBDown, for: 3m}]
                        """);
        AlertPolicy beta =
                policy(
                        "beta",
                        """
                        selector: {names: [orders]}
                        overrides: [{alert: MongoDBDown, threshold: "1"}]
                        """);

        ComposedRules composed = compose(alpha, beta);

        assertThat(rule(composed, "MongoDBDown").forDuration()).isEqualTo("3m");
        assertThat(rejected(composed, alpha)).isEmpty();
        assertThat(rejected(composed, beta)).hasSize(1);
    }

    @Test
    void withinOnePolicyALaterOverrideOfTheSameAlertWins() {
        AlertPolicy policy =
                policy(
                        "p",
                        """
                        selector: {names: [orders]}
                        overrides:
                          - {alert: MongoDBDown, for: 2m}
                          - {alert: MongoDBDown, for: 4m}
                        """);

        ComposedRules composed = compose(policy);

        assertThat(rule(composed, "MongoDBDown").forDuration()).isEqualTo("4m");
        assertThat(rejected(composed, policy))
                .extracting(RejectedRule::getReason)
                .containsExactly("MongoDBDown is overridden again later in this policy");
    }

    @Test
    void aCustomRuleIsScopedToTheDatabaseAndLabelled() {
        AlertPolicy policy =
                policy(
                        "custom",
                        """
                        selector: {names: [orders]}
                        rules:
                          - alert: OrdersBacklog
                            expr: sum(orders_pending{namespace="$namespace",db="$database"}) > 100
                            for: 15m
                            priority: P2
                            labels: {team: payments, priority: P4, vigil_database: other}
                            annotations: {description: Orders pile up.}
                        """);

        ComposedRules composed = compose(policy);

        AlertRule backlog = composed.rules().get(3);
        assertThat(backlog)
                .isEqualTo(
                        new AlertRule(
                                "OrdersBacklog",
                                "sum(orders_pending{namespace=\"shop\",db=\"orders\"}) > 100",
                                "15m",
                                Priority.P2,
                                Map.of(
                                        "severity", "warning",
                                        "team", "payments",
                                        "priority", "P2",
                                        "vigil_database", "orders"),
                                Map.of(
                                        "summary",
                                        "OrdersBacklog",
                                        "description",
                                        "Orders pile up.")));
        assertThat(composed.outcome(policy).addedRules()).containsExactly("OrdersBacklog");
    }

    @Test
    void customRulesFollowTheDefaultsByPolicyThenName() {
        AlertPolicy zulu =
                policy(
                        "zulu",
                        """
                        selector: {names: [orders]}
                        rules: [{alert: AaaFirstByName, expr: up == 0}]
                        """);
        AlertPolicy alpha =
                policy(
                        "alpha",
                        """
                        selector: {names: [orders]}
                        rules: [{alert: Zed, expr: up == 0}, {alert: Bravo, expr: up == 0}]
                        """);

        assertThat(compose(zulu, alpha).rules())
                .extracting(AlertRule::alert)
                .containsExactly(
                        "MongoDBReplicationLagHigh",
                        "MongoDBDown",
                        "VigilDatabaseNotReady",
                        "Bravo",
                        "Zed",
                        "AaaFirstByName");
    }

    @Test
    void aCustomRuleMayNotTakeTheNameOfADefaultAlert() {
        AlertPolicy policy =
                policy(
                        "p",
                        """
                        selector: {names: [orders]}
                        rules: [{alert: MongoDBDown, expr: up == 0}]
                        """);

        ComposedRules composed = compose(policy);

        assertThat(composed.rules())
                .containsExactly(untouched(LAG), untouched(DOWN), untouched(NOT_READY));
        assertThat(rejected(composed, policy))
                .extracting(RejectedRule::getRule, RejectedRule::getReason)
                .containsExactly(
                        tuple(
                                "MongoDBDown",
                                "MongoDBDown is a default alert for MongoDB; retune it with an"
                                        + " override instead"));
    }

    @Test
    void aCustomRuleClashingWithAnotherPolicysIsRejectedNamingTheWinner() {
        AlertPolicy alpha =
                policy(
                        "alpha",
                        """
                        selector: {names: [orders]}
                        rules: [{alert: SlowQueries, expr: slow_total > 1}]
                        """);
        AlertPolicy beta =
                policy(
                        "beta",
                        """
                        selector: {names: [orders]}
                        rules: [{alert: SlowQueries, expr: slow_total > 5}]
                        """);

        ComposedRules composed = compose(beta, alpha);

        assertThat(composed.rules())
                .filteredOn(r -> r.alert().equals("SlowQueries"))
                .extracting(AlertRule::expr)
                .containsExactly("slow_total > 5");
        assertThat(rejected(composed, alpha))
                .extracting(RejectedRule::getRule, RejectedRule::getReason)
                .containsExactly(
                        tuple("SlowQueries", "overridden by policy beta, which sorts after it"));
        assertThat(composed.outcome(alpha).addedRules()).isEmpty();
        assertThat(composed.outcome(beta).addedRules()).containsExactly("SlowQueries");
    }

    @Test
    void aCustomRuleWhoseExprFailsTheSyntaxCheckIsRejected() {
        AlertPolicy policy =
                policy(
                        "p",
                        """
                        selector: {names: [orders]}
                        rules:
                          - {alert: Broken, expr: "sum(up{namespace=\\"$namespace\\"}"}
                          - {alert: Stray, expr: "up{db=\\"$db\\"} == 0"}
                        """);

        ComposedRules composed = compose(policy);

        assertThat(composed.rules()).hasSize(3);
        assertThat(rejected(composed, policy))
                .extracting(RejectedRule::getRule, RejectedRule::getReason)
                .containsExactly(
                        tuple("Broken", "invalid expr: unbalanced parentheses"),
                        tuple("Stray", "invalid expr: unexpected character '$'"));
    }

    @Test
    void priorityMappingsLabelDefaultsAndCustomRules() {
        AlertPolicy policy =
                policy(
                        "paging",
                        """
                        selector: {names: [orders]}
                        priorities: [{priority: P1, labels: {severity: page, team: dba}}]
                        rules: [{alert: Urgent, expr: up == 0, priority: P1}]
                        """);

        ComposedRules composed = compose(policy);

        assertThat(rule(composed, "MongoDBDown").labels())
                .containsEntry("severity", "page")
                .containsEntry("team", "dba");
        assertThat(rule(composed, "Urgent").labels())
                .containsEntry("severity", "page")
                .containsEntry("team", "dba")
                .containsEntry("priority", "P1");
        // Unmapped priorities keep their default labels.
        assertThat(rule(composed, "MongoDBReplicationLagHigh").labels())
                .containsEntry("severity", "warning")
                .doesNotContainKey("team");
        assertThat(composed.outcome(policy).appliedPriorities()).containsExactly(Priority.P1);
    }

    @Test
    void twoMappingsOfOnePriorityAreDecidedByTheLastPolicy() {
        AlertPolicy alpha =
                policy(
                        "alpha",
                        """
                        selector: {names: [orders]}
                        priorities: [{priority: P2, labels: {team: alpha}}]
                        """);
        AlertPolicy beta =
                policy(
                        "beta",
                        """
                        selector: {names: [orders]}
                        priorities: [{priority: P2, labels: {team: beta}}]
                        """);

        ComposedRules composed = compose(beta, alpha);

        assertThat(rule(composed, "MongoDBReplicationLagHigh").labels())
                .containsEntry("team", "beta")
                .containsEntry("severity", "warning");
        assertThat(rejected(composed, alpha))
                .extracting(RejectedRule::getRule, RejectedRule::getReason)
                .containsExactly(
                        tuple("priority P2", "overridden by policy beta, which sorts after it"));
        assertThat(composed.outcome(beta).appliedPriorities()).containsExactly(Priority.P2);
    }

    @Test
    void composingWithoutADeletedPolicyRestoresTheDefaults() {
        AlertPolicy policy =
                policy(
                        "p",
                        """
                        selector: {names: [orders]}
                        overrides: [{alert: MongoDBDown, enabled: false}]
                        priorities: [{priority: P2, labels: {severity: page}}]
                        rules: [{alert: Extra, expr: up == 0}]
                        """);
        assertThat(compose(policy).rules()).isNotEqualTo(compose().rules());

        ComposedRules withoutIt = compose();

        assertThat(withoutIt.rules())
                .containsExactly(untouched(LAG), untouched(DOWN), untouched(NOT_READY));
        assertThat(withoutIt.outcomes()).doesNotContainKey("shop/p");
    }
}
