package dev.vigil.e2e.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.e2e.audit.ApiPermission.Scope;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class RbacRulesTest {

    private static final PolicyRule DATABASES =
            rule("vigil.dev", List.of("monitoreddatabases"), "get", "list", "watch");
    private static final PolicyRule STATUS =
            rule("vigil.dev", List.of("monitoreddatabases/status"), "patch");
    private static final PolicyRule SECRETS = rule("", List.of("secrets"), "get", "create");

    @Test
    void allowsARequestOnlyWhenOneRuleNamesItsGroupResourceAndVerb() {
        RbacRules rules = RbacRules.of(List.of(DATABASES, STATUS, SECRETS), List.of());

        assertThat(rules.allows(namespaced("vigil.dev", "monitoreddatabases", "watch"))).isTrue();
        assertThat(rules.allows(clusterWide("vigil.dev", "monitoreddatabases", "list"))).isTrue();
        assertThat(rules.allows(namespaced("vigil.dev", "monitoreddatabases/status", "patch")))
                .isTrue();
        assertThat(rules.allows(namespaced("", "secrets", "create"))).isTrue();

        assertThat(rules.allows(namespaced("vigil.dev", "monitoreddatabases", "patch")))
                .as("a verb granted only on the status subresource")
                .isFalse();
        assertThat(rules.allows(namespaced("vigil.dev", "monitoreddatabases/status", "get")))
                .isFalse();
        assertThat(rules.allows(namespaced("vigil.dev", "secrets", "get")))
                .as("the resource in another group")
                .isFalse();
        assertThat(rules.allows(namespaced("", "secrets", "list"))).isFalse();
    }

    @Test
    void rulesOfRolesReachOnlyNamespacedRequests() {
        RbacRules rules = RbacRules.of(List.of(), List.of(DATABASES));

        assertThat(rules.allows(namespaced("vigil.dev", "monitoreddatabases", "list"))).isTrue();
        assertThat(rules.allows(clusterWide("vigil.dev", "monitoreddatabases", "list"))).isFalse();
    }

    @Test
    void grantedListsEachGroupResourceAndVerbOnce() {
        RbacRules rules = RbacRules.of(List.of(STATUS, SECRETS), List.of(SECRETS, STATUS));

        assertThat(rules.granted())
                .containsExactly(
                        namespaced("", "secrets", "create"),
                        namespaced("", "secrets", "get"),
                        namespaced("vigil.dev", "monitoreddatabases/status", "patch"));
    }

    @Test
    void refusesRulesItCannotEvaluateExactly() {
        assertThatThrownBy(() -> RbacRules.of(List.of(rule("", List.of("*"), "get")), List.of()))
                .hasMessageContaining("wildcard");
        assertThatThrownBy(() -> RbacRules.of(List.of(), List.of(rule("", List.of("pods"), "*"))))
                .hasMessageContaining("wildcard");
        PolicyRule named =
                new PolicyRuleBuilder(SECRETS).withResourceNames("vigil-operator-lock").build();
        assertThatThrownBy(() -> RbacRules.of(List.of(named), List.of()))
                .hasMessageContaining("resourceNames");
    }

    private static PolicyRule rule(String group, List<String> resources, String... verbs) {
        return new PolicyRuleBuilder()
                .withApiGroups(group)
                .withResources(resources)
                .withVerbs(verbs)
                .build();
    }

    private static ApiPermission namespaced(String group, String resource, String verb) {
        return new ApiPermission(group, resource, verb, Scope.NAMESPACE);
    }

    private static ApiPermission clusterWide(String group, String resource, String verb) {
        return new ApiPermission(group, resource, verb, Scope.CLUSTER);
    }
}
