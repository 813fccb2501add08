package dev.vigil.e2e.audit;

import dev.vigil.e2e.audit.ApiPermission.Scope;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The rules a subject is granted, evaluated as Kubernetes' RBAC authorizer does for a request to a
 * resource: a rule allows it when its {@code apiGroups}, {@code resources} (a subresource only as
 * {@code resource/subresource}) and {@code verbs} each name the request's. Rules of a ClusterRole
 * bound cluster-wide reach every namespace and cluster-scoped objects; rules of a Role only its
 * namespace.
 *
 * <p>Wildcards ({@code *}), {@code resourceNames} and {@code nonResourceURLs} are refused: Vigil's
 * chart grants none, and an audit that ignored them would say more than it checked.
 */
public final class RbacRules {

    private final List<PolicyRule> clusterWide;
    private final List<PolicyRule> namespaced;

    private RbacRules(List<PolicyRule> clusterWide, List<PolicyRule> namespaced) {
        this.clusterWide = clusterWide;
        this.namespaced = namespaced;
    }

    /**
     * Rules bound cluster-wide (ClusterRoles through ClusterRoleBindings) and rules bound in every
     * namespace the requests go to (Roles of each watched namespace, all alike).
     *
     * @throws IllegalArgumentException when a rule uses a wildcard, resourceNames or
     *     nonResourceURLs
     */
    public static RbacRules of(List<PolicyRule> clusterWide, List<PolicyRule> namespaced) {
        List<PolicyRule> all = new ArrayList<>(clusterWide);
        all.addAll(namespaced);
        for (PolicyRule rule : all) {
            requireSupported(rule);
        }
        return new RbacRules(List.copyOf(clusterWide), List.copyOf(namespaced));
    }

    /** Whether a request needing {@code permission} is allowed. */
    public boolean allows(ApiPermission permission) {
        if (clusterWide.stream().anyMatch(rule -> matches(rule, permission))) {
            return true;
        }
        return permission.scope() == Scope.NAMESPACE
                && namespaced.stream().anyMatch(rule -> matches(rule, permission));
    }

    /**
     * Every (API group, resource, verb) the rules grant, each once, with the scope {@link
     * Scope#NAMESPACE} (usage is compared ignoring scope).
     */
    public SortedSet<ApiPermission> granted() {
        SortedSet<ApiPermission> granted = new TreeSet<>();
        List<PolicyRule> all = new ArrayList<>(clusterWide);
        all.addAll(namespaced);
        for (PolicyRule rule : all) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        granted.add(new ApiPermission(group, resource, verb, Scope.NAMESPACE));
                    }
                }
            }
        }
        return granted;
    }

    private static boolean matches(PolicyRule rule, ApiPermission permission) {
        return rule.getApiGroups().contains(permission.apiGroup())
                && rule.getResources().contains(permission.resource())
                && rule.getVerbs().contains(permission.verb());
    }

    private static void requireSupported(PolicyRule rule) {
        List<String> named = new ArrayList<>();
        named.addAll(Objects.requireNonNullElse(rule.getApiGroups(), List.of()));
        named.addAll(Objects.requireNonNullElse(rule.getResources(), List.of()));
        named.addAll(Objects.requireNonNullElse(rule.getVerbs(), List.of()));
        if (named.stream().anyMatch(name -> name.contains("*"))) {
            throw new IllegalArgumentException("a wildcard in the rule " + rule);
        }
        if (!Objects.requireNonNullElse(rule.getResourceNames(), List.of()).isEmpty()
                || !Objects.requireNonNullElse(rule.getNonResourceURLs(), List.of()).isEmpty()) {
            throw new IllegalArgumentException(
                    "resourceNames or nonResourceURLs in the rule " + rule);
        }
        if (rule.getApiGroups().isEmpty()
                || rule.getResources().isEmpty()
                || rule.getVerbs().isEmpty()) {
            throw new IllegalArgumentException("an empty list in the rule " + rule);
        }
    }
}
