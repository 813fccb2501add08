package dev.vigil.monitoring.policy;

import static dev.vigil.monitoring.policy.TestPolicies.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.validation.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertPolicyRulesTest {

    private final List<String> checked = new ArrayList<>();

    private List<FieldError> check(String spec) {
        return AlertPolicyRules.check(
                SchemaDefaults.withDefaults(policy("p", spec)),
                expr -> {
                    checked.add(expr);
                    return expr.contains("((")
                            ? Optional.of("1:5: parse error: unexpected \"(\"")
                            : Optional.empty();
                });
    }

    @Test
    void aCompletePolicyFollowsEveryRule() {
        assertThat(
                        check(
                                """
                                selector:
                                  matchExpressions:
                                    - {key: tier, operator: In, values: [gold]}
                                    - {key: legacy, operator: DoesNotExist}
                                overrides:
                                  - {alert: MongoDBDown, for: 2m}
                                  - {alert: MongoDBReplicationLagHigh, threshold: "30"}
                                rules:
                                  - {alert: A, expr: up == 0}
                                  - {alert: B, expr: up == 1}
                                priorities:
                                  - {priority: P1, labels: {severity: page}}
                                  - {priority: P2, labels: {severity: ticket}}
                                routing:
                                  receivers: [{name: pager}, {name: chat}]
                                  routes: [{receiver: pager, priorities: [P1]}, {receiver: chat}]
                                """))
                .isEmpty();
    }

    @Test
    void anEmptySelectorIsRefused() {
        assertThat(check("selector: {names: []}"))
                .containsExactly(
                        new FieldError(
                                "spec.selector",
                                "selects nothing: give matchLabels, matchExpressions or names"));
    }

    @Test
    void selectorRequirementsFollowKubernetesRules() {
        assertThat(
                        check(
                                """
                                selector:
                                  matchExpressions:
                                    - {key: tier, operator: In}
                                    - {key: tier, operator: Exists, values: [gold]}
                                    - {key: tier, operator: Equals, values: [gold]}
                                """))
                .containsExactly(
                        new FieldError(
                                "spec.selector.matchExpressions[0].values",
                                "must not be empty when the operator is In"),
                        new FieldError(
                                "spec.selector.matchExpressions[1].values",
                                "must be empty when the operator is Exists"),
                        new FieldError(
                                "spec.selector.matchExpressions[2].operator",
                                "must be In, NotIn, Exists or DoesNotExist"));
    }

    @Test
    void customRuleNamesAreUniqueWithinThePolicy() {
        assertThat(
                        check(
                                """
                                selector: {names: [orders]}
                                rules:
                                  - {alert: A, expr: up == 0}
                                  - {alert: B, expr: up == 0}
                                  - {alert: A, expr: up == 1}
                                """))
                .containsExactly(
                        new FieldError(
                                "spec.rules[2].alert",
                                "A is already used by spec.rules[0]; alert names must be unique"
                                        + " within the policy"));
    }

    @Test
    void anAlertIsOverriddenOnceWithinThePolicy() {
        assertThat(
                        check(
                                """
                                selector: {names: [orders]}
                                overrides:
                                  - {alert: MongoDBDown, for: 2m}
                                  - {alert: MongoDBDown, enabled: false}
                                """))
                .containsExactly(
                        new FieldError(
                                "spec.overrides[1].alert",
                                "MongoDBDown is already used by spec.overrides[0]; one override"
                                        + " per alert"));
    }

    @Test
    void aPriorityIsMappedOnce() {
        assertThat(
                        check(
                                """
                                selector: {names: [orders]}
                                priorities:
                                  - {priority: P1, labels: {severity: page}}
                                  - {priority: P1, labels: {severity: critical}}
                                """))
                .containsExactly(
                        new FieldError(
                                "spec.priorities[1].priority",
                                "P1 is already used by spec.priorities[0]; one mapping per"
                                        + " priority"));
    }

    @Test
    void routesNameExistingReceiversAndReceiverNamesAreUnique() {
        assertThat(
                        check(
                                """
                                selector: {names: [orders]}
                                routing:
                                  receivers: [{name: pager}, {name: pager}]
                                  routes: [{receiver: pager}, {receiver: slack}]
                                """))
                .containsExactly(
                        new FieldError(
                                "spec.routing.receivers[1].name",
                                "pager is already used by spec.routing.receivers[0]; receiver"
                                        + " names must be unique"),
                        new FieldError(
                                "spec.routing.routes[1].receiver",
                                "names receiver slack, which is not in spec.routing.receivers"));
    }

    @Test
    void customRuleExprsPassTheSyntaxCheckWithPlaceholdersFilledIn() {
        assertThat(
                        check(
                                """
                                selector: {names: [orders]}
                                rules:
                                  - {alert: Fine, expr: "up{namespace=\\"$namespace\\",db=\\"$database\\"} == 0"}
                                  - {alert: Broken, expr: "sum((up)"}
                                """))
                .containsExactly(
                        new FieldError("spec.rules[1].expr", "1:5: parse error: unexpected \"(\""));
        assertThat(checked.get(0)).isEqualTo("up{namespace=\"shop\",db=\"database\"} == 0");
    }
}
