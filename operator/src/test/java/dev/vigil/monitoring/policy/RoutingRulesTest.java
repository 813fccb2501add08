package dev.vigil.monitoring.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.validation.AlertPolicyValidator;
import dev.vigil.validation.FieldError;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad routing input is refused naming the field and the reason, the two ways {@code vigil validate}
 * and the reconciler check a policy: its CRD schema (durations, label names, match types), then
 * {@link AlertPolicyRules} (RE2 regular expressions, intervals, labels).
 */
class RoutingRulesTest {

    private static final AlertPolicyValidator SCHEMA = new AlertPolicyValidator();

    private static final String ROUTING =
            """
            selector: {names: [orders]}
            routing:
              receivers: [{name: pager}]
              routes:
                - receiver: pager
            """;

    /** The problems of a policy whose only route has {@code route} added (YAML flow entries). */
    private static List<FieldError> problems(String route, String routing) {
        String spec =
                ROUTING.replace("- receiver: pager", "- {receiver: pager, " + route + "}")
                        + routing.indent(2);
        JsonNode written =
                Serialization.unmarshal(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: AlertPolicy
                        metadata: {name: p, namespace: shop}
                        spec:
                        %s
                        """
                                .formatted(spec.indent(2)),
                        JsonNode.class);
        List<FieldError> schema = SCHEMA.validate(written);
        if (!schema.isEmpty()) {
            return schema;
        }
        AlertPolicy policy = Serialization.jsonMapper().convertValue(written, AlertPolicy.class);
        return AlertPolicyRules.check(SchemaDefaults.withDefaults(policy), e -> Optional.empty());
    }

    @Test
    void everyNewFieldOfAValidRouteIsAccepted() {
        assertThat(
                        problems(
                                "groupInterval: 1h30m, repeatInterval: 7d, groupWait: 0s,"
                                        + " continue: true, matchers: [{name: team, value: a},"
                                        + " {name: env, matchType: '!~', value: 'test-.*|dev'},"
                                        + " {name: alertname, matchType: '=~', value: '(?i)pg.*'},"
                                        + " {name: job, matchType: '!=', value: batch}]",
                                "alertmanagerConfigLabels: {release: kube-prometheus-stack,"
                                        + " example.com/team: dba}"))
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '@',
            value = {
                // a fraction, which Prometheus durations do not take (the old pattern let it in)
                "groupInterval: 1.5m @ spec.routing.routes[0].groupInterval @ does not match"
                        + " pattern",
                "groupWait: 5 minutes @ spec.routing.routes[0].groupWait @ does not match pattern",
                "repeatInterval: '' @ spec.routing.routes[0].repeatInterval @ must be at least 1",
                "groupInterval: 0s @ spec.routing.routes[0].groupInterval @ must not be zero",
                "repeatInterval: 0h0m @ spec.routing.routes[0].repeatInterval @ must not be zero",
                "matchers: [{name: 'team-name', value: a}] @"
                        + " spec.routing.routes[0].matchers[0].name @ does not match pattern",
                "matchers: [{name: team, matchType: '==', value: a}] @"
                    + " spec.routing.routes[0].matchers[0].matchType @ must be one of [!=, !~, =,"
                    + " =~]",
                "matchers: [{name: team, matchType: '=~', value: '(a|b'}]"
                        + " @ spec.routing.routes[0].matchers[0].value"
                        + " @ is not an RE2 regular expression, as Alertmanager requires for =~:"
                        + " missing closing )",
                // lookahead is Java and PCRE syntax, not RE2
                "matchers: [{name: team, matchType: '!~', value: '(?!x).*'}]"
                        + " @ spec.routing.routes[0].matchers[0].value"
                        + " @ is not an RE2 regular expression",
            })
    void aBadRouteIsRefusedNamingTheFieldAndTheReason(String route, String field, String reason) {
        assertThat(problems(route, ""))
                .singleElement()
                .satisfies(
                        error -> {
                            assertThat(error.field()).isEqualTo(field);
                            assertThat(error.reason()).contains(reason == null ? "" : reason);
                        });
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '@',
            value = {
                "{app.kubernetes.io/managed-by: me} @ app.kubernetes.io/managed-by"
                        + " @ is set by Vigil",
                "{'bad key!': x} @ bad key! @ is not a valid label key",
                "{team: 'not a value'} @ team @ is not a valid label value",
            })
    void badLabelsForTheAlertmanagerConfigAreRefused(String labels, String key, String reason) {
        assertThat(problems("groupWait: 10s", "alertmanagerConfigLabels: " + labels))
                .singleElement()
                .satisfies(
                        error -> {
                            assertThat(error.field())
                                    .isEqualTo("spec.routing.alertmanagerConfigLabels." + key);
                            assertThat(error.reason()).startsWith(reason);
                        });
    }
}
