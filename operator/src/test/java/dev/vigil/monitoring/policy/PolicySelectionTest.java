package dev.vigil.monitoring.policy;

import static dev.vigil.monitoring.policy.TestPolicies.database;
import static dev.vigil.monitoring.policy.TestPolicies.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import org.junit.jupiter.api.Test;

class PolicySelectionTest {

    private static final MonitoredDatabase ORDERS =
            database("orders", "shop", "{tier: gold, team: payments}");
    private static final MonitoredDatabase CATALOG = database("catalog", "shop", "{tier: silver}");
    private static final MonitoredDatabase UNLABELLED = database("sessions", "shop", "{}");

    @Test
    void matchLabelsNeedsEveryLabel() {
        AlertPolicy policy = policy("gold", "selector: {matchLabels: {tier: gold}}");
        AlertPolicy both =
                policy("gold-payments", "selector: {matchLabels: {tier: gold, team: search}}");

        assertThat(PolicySelection.selects(policy, ORDERS)).isTrue();
        assertThat(PolicySelection.selects(policy, CATALOG)).isFalse();
        assertThat(PolicySelection.selects(both, ORDERS)).isFalse();
    }

    @Test
    void inMatchesOneOfTheValues() {
        AlertPolicy policy =
                policy(
                        "p",
                        "selector: {matchExpressions: [{key: tier, operator: In, values: [gold,"
                                + " bronze]}]}");

        assertThat(PolicySelection.selects(policy, ORDERS)).isTrue();
        assertThat(PolicySelection.selects(policy, CATALOG)).isFalse();
        assertThat(PolicySelection.selects(policy, UNLABELLED)).isFalse();
    }

    @Test
    void notInAlsoMatchesADatabaseWithoutTheLabel() {
        AlertPolicy policy =
                policy(
                        "p",
                        "selector: {matchExpressions: [{key: tier, operator: NotIn, values:"
                                + " [gold]}]}");

        assertThat(PolicySelection.selects(policy, ORDERS)).isFalse();
        assertThat(PolicySelection.selects(policy, CATALOG)).isTrue();
        assertThat(PolicySelection.selects(policy, UNLABELLED)).isTrue();
    }

    @Test
    void existsAndDoesNotExistLookOnlyAtTheKey() {
        AlertPolicy exists =
                policy("p", "selector: {matchExpressions: [{key: team, operator: Exists}]}");
        AlertPolicy absent =
                policy("q", "selector: {matchExpressions: [{key: team, operator: DoesNotExist}]}");

        assertThat(PolicySelection.selects(exists, ORDERS)).isTrue();
        assertThat(PolicySelection.selects(exists, CATALOG)).isFalse();
        assertThat(PolicySelection.selects(absent, ORDERS)).isFalse();
        assertThat(PolicySelection.selects(absent, CATALOG)).isTrue();
    }

    @Test
    void labelsAndExpressionsMustAllHold() {
        AlertPolicy policy =
                policy(
                        "p",
                        """
                        selector:
                          matchLabels: {tier: gold}
                          matchExpressions: [{key: team, operator: NotIn, values: [payments]}]
                        """);

        assertThat(PolicySelection.selects(policy, ORDERS)).isFalse();
    }

    @Test
    void anUnknownOperatorMatchesNothing() {
        AlertPolicy policy =
                policy(
                        "p",
                        "selector: {matchExpressions: [{key: tier, operator: Equals, values:"
                                + " [gold]}]}");

        assertThat(PolicySelection.selects(policy, ORDERS)).isFalse();
    }

    @Test
    void namesSelectWhateverTheLabels() {
        AlertPolicy policy = policy("p", "selector: {names: [catalog]}");

        assertThat(PolicySelection.selects(policy, CATALOG)).isTrue();
        assertThat(PolicySelection.selects(policy, ORDERS)).isFalse();
    }

    @Test
    void aDatabaseIsSelectedWhenItMatchesTheLabelsOrIsNamed() {
        AlertPolicy policy =
                policy("p", "selector: {matchLabels: {tier: gold}, names: [sessions]}");

        assertThat(PolicySelection.selects(policy, ORDERS)).isTrue();
        assertThat(PolicySelection.selects(policy, UNLABELLED)).isTrue();
        assertThat(PolicySelection.selects(policy, CATALOG)).isFalse();
    }

    @Test
    void aPolicyNeverSelectsADatabaseOfAnotherNamespace() {
        AlertPolicy policy =
                policy("p", "other", "selector: {matchLabels: {tier: gold}, names: [orders]}");

        assertThat(PolicySelection.selects(policy, ORDERS)).isFalse();
    }

    @Test
    void anEmptySelectorSelectsNothing() {
        assertThat(PolicySelection.selects(policy("p", "selector: {}"), ORDERS)).isFalse();
        assertThat(
                        PolicySelection.selects(
                                policy(
                                        "p",
                                        "selector: {matchLabels: {}, matchExpressions: [], names:"
                                                + " []}"),
                                UNLABELLED))
                .isFalse();
    }
}
