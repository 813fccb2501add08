package dev.vigil.testing.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evaluator's own semantics, each checked against what the Kubernetes documentation says. */
class NetworkPolicyEvaluatorTest {

    private static final Map<String, Map<String, String>> NAMESPACES =
            Map.of("db", Map.of(), "apps", Map.of("team", "shop"), "other", Map.of());

    private static final Pod SERVER = new Pod("db", "server", Map.of("app", "server"));
    private static final Pod CLIENT_HERE = new Pod("db", "client", Map.of("app", "client"));
    private static final Pod CLIENT_APPS = new Pod("apps", "client", Map.of("app", "client"));
    private static final Pod STRANGER_APPS = new Pod("apps", "stranger", Map.of("app", "other"));
    private static final Pod CLIENT_OTHER = new Pod("other", "client", Map.of("app", "client"));

    @Test
    void withoutPoliciesEverythingIsAllowed() {
        NetworkPolicyEvaluator evaluator = evaluator();

        assertThat(evaluator.allowed(CLIENT_OTHER, SERVER, 5432, "TCP")).isTrue();
        assertThat(evaluator.allowed(SERVER, CLIENT_OTHER, 53, "UDP")).isTrue();
    }

    @Test
    void aSelectedPodWithoutRulesIsIsolatedInItsDirectionsOnly() {
        NetworkPolicyEvaluator evaluator =
                evaluator(
                        policy(
                                "db",
                                """
                                podSelector: {matchLabels: {app: server}}
                                policyTypes: [Ingress]
                                """));

        assertThat(evaluator.allowed(CLIENT_HERE, SERVER, 5432, "TCP")).isFalse();
        assertThat(evaluator.allowed(SERVER, CLIENT_HERE, 8080, "TCP")).isTrue();
        assertThat(evaluator.allowed(CLIENT_HERE, CLIENT_HERE, 8080, "TCP")).isTrue();
    }

    @Test
    void aPodSelectorAloneMeansThePolicysNamespace() {
        NetworkPolicyEvaluator evaluator =
                evaluator(serverIngress("from: [{podSelector: {matchLabels: {app: client}}}]"));

        assertThat(evaluator.allowed(CLIENT_HERE, SERVER, 5432, "TCP")).isTrue();
        assertThat(evaluator.allowed(CLIENT_APPS, SERVER, 5432, "TCP")).isFalse();
    }

    @Test
    void aNamespaceSelectorAloneMeansEveryPodOfTheNamespaces() {
        NetworkPolicyEvaluator evaluator =
                evaluator(
                        serverIngress("from: [{namespaceSelector: {matchLabels: {team: shop}}}]"));

        assertThat(evaluator.allowed(CLIENT_APPS, SERVER, 5432, "TCP")).isTrue();
        assertThat(evaluator.allowed(STRANGER_APPS, SERVER, 5432, "TCP")).isTrue();
        assertThat(evaluator.allowed(CLIENT_HERE, SERVER, 5432, "TCP")).isFalse();
    }

    @Test
    void bothSelectorsInOnePeerMustBothMatch() {
        NetworkPolicyEvaluator evaluator =
                evaluator(
                        serverIngress(
                                """
                                from:
                                - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: apps}}
                                  podSelector: {matchLabels: {app: client}}
                                """));

        assertThat(evaluator.allowed(CLIENT_APPS, SERVER, 5432, "TCP")).isTrue();
        assertThat(evaluator.allowed(STRANGER_APPS, SERVER, 5432, "TCP")).isFalse();
        assertThat(evaluator.allowed(CLIENT_OTHER, SERVER, 5432, "TCP")).isFalse();
    }

    @Test
    void portsMatchByNumberRangeAndProtocolWhichDefaultsToTcp() {
        NetworkPolicyEvaluator evaluator =
                evaluator(
                        serverIngress(
                                """
                                ports:
                                - port: 5432
                                - {port: 9000, endPort: 9010, protocol: TCP}
                                - {port: 53, protocol: UDP}
                                """));

        assertThat(evaluator.allowed(CLIENT_OTHER, SERVER, 5432, "TCP")).isTrue();
        assertThat(evaluator.allowed(CLIENT_OTHER, SERVER, 5432, "UDP")).isFalse();
        assertThat(evaluator.allowed(CLIENT_OTHER, SERVER, 9005, "TCP")).isTrue();
        assertThat(evaluator.allowed(CLIENT_OTHER, SERVER, 9011, "TCP")).isFalse();
        assertThat(evaluator.allowed(CLIENT_OTHER, SERVER, 53, "UDP")).isTrue();
        assertThat(evaluator.allowed(CLIENT_OTHER, SERVER, 53, "TCP")).isFalse();
    }

    @Test
    void theSendersEgressMustAllowToo() {
        NetworkPolicyEvaluator evaluator =
                evaluator(
                        serverIngress("from: [{podSelector: {}}]"),
                        policy(
                                "db",
                                """
                                podSelector: {matchLabels: {app: client}}
                                policyTypes: [Egress]
                                egress:
                                - ports: [{port: 53, protocol: UDP}]
                                """));

        assertThat(evaluator.ingressAllowed(CLIENT_HERE, SERVER, 5432, "TCP")).isTrue();
        assertThat(evaluator.egressAllowed(CLIENT_HERE, SERVER, 5432, "TCP")).isFalse();
        assertThat(evaluator.allowed(CLIENT_HERE, SERVER, 5432, "TCP")).isFalse();
    }

    @Test
    void policiesAddUpAndSelectOnlyPodsOfTheirNamespace() {
        NetworkPolicyEvaluator evaluator =
                evaluator(
                        serverIngress("ports: [{port: 5432}]"),
                        serverIngress("ports: [{port: 6432}]"),
                        policy(
                                "other",
                                """
                                podSelector: {}
                                policyTypes: [Ingress, Egress]
                                """));

        assertThat(evaluator.allowed(CLIENT_HERE, SERVER, 5432, "TCP")).isTrue();
        assertThat(evaluator.allowed(CLIENT_HERE, SERVER, 6432, "TCP")).isTrue();
        assertThat(evaluator.allowed(CLIENT_HERE, SERVER, 7432, "TCP")).isFalse();
        assertThat(evaluator.allowed(CLIENT_OTHER, SERVER, 5432, "TCP")).isFalse();
        assertThat(evaluator.allowed(CLIENT_APPS, CLIENT_HERE, 80, "TCP")).isTrue();
    }

    @Test
    void withoutPolicyTypesEgressIsIsolatedOnlyWhenThePolicyHasEgressRules() {
        NetworkPolicyEvaluator ingressOnly =
                evaluator(policy("db", "podSelector: {matchLabels: {app: server}}\ningress: []"));
        NetworkPolicyEvaluator withEgress =
                evaluator(
                        policy(
                                "db",
                                """
                                podSelector: {matchLabels: {app: server}}
                                egress: [{ports: [{port: 53, protocol: UDP}]}]
                                """));

        assertThat(ingressOnly.allowed(CLIENT_HERE, SERVER, 5432, "TCP")).isFalse();
        assertThat(ingressOnly.allowed(SERVER, CLIENT_HERE, 80, "TCP")).isTrue();
        assertThat(withEgress.allowed(SERVER, CLIENT_HERE, 80, "TCP")).isFalse();
        assertThat(withEgress.allowed(SERVER, CLIENT_HERE, 53, "UDP")).isTrue();
    }

    @Test
    void anIpBlockNeverMatchesAPod() {
        NetworkPolicyEvaluator evaluator =
                evaluator(serverIngress("from: [{ipBlock: {cidr: 0.0.0.0/0}}]"));

        assertThat(evaluator.allowed(CLIENT_HERE, SERVER, 5432, "TCP")).isFalse();
    }

    @Test
    void matchExpressionsSelectToo() {
        NetworkPolicyEvaluator evaluator =
                evaluator(
                        serverIngress(
                                """
                                from:
                                - namespaceSelector: {}
                                  podSelector:
                                    matchExpressions:
                                    - {key: app, operator: In, values: [client]}
                                """));

        assertThat(evaluator.allowed(CLIENT_OTHER, SERVER, 5432, "TCP")).isTrue();
        assertThat(evaluator.allowed(STRANGER_APPS, SERVER, 5432, "TCP")).isFalse();
    }

    /** A policy isolating the server for ingress with one rule, {@code rule}. */
    private static NetworkPolicy serverIngress(String rule) {
        return policy(
                "db",
                "podSelector: {matchLabels: {app: server}}\npolicyTypes: [Ingress]\ningress:\n- "
                        + rule.strip().replace("\n", "\n  ")
                        + "\n");
    }

    private static NetworkPolicy policy(String namespace, String spec) {
        String yaml =
                "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n"
                        + "  name: p\n  namespace: "
                        + namespace
                        + "\nspec:\n  "
                        + spec.strip().replace("\n", "\n  ")
                        + "\n";
        return Serialization.unmarshal(yaml, NetworkPolicy.class);
    }

    private static NetworkPolicyEvaluator evaluator(NetworkPolicy... policies) {
        return new NetworkPolicyEvaluator(Arrays.asList(policies), NAMESPACES);
    }
}
