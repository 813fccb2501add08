package dev.vigil.e2e.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.e2e.audit.ApiPermission.Scope;
import dev.vigil.e2e.scenarios.E2EExtension;
import dev.vigil.helm.RenderedChart;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #7's RBAC check: the API calls the operator made in the end-to-end scenarios (recorded by
 * the local cluster's API server, written per scenario class by {@link OperatorCallFiles}) against
 * the RBAC the Helm chart grants with its default values, which is how the harness runs the
 * operator: every namespace watched (one ClusterRole), no leader election, no server-side apply.
 *
 * <p>It runs in the {@code e2e-audit} surefire execution, after the {@code e2e} execution ran the
 * scenarios (the system property {@link E2EExtension#EXECUTION_PROPERTY} names the execution;
 * elsewhere, e.g. when {@code -Dtest} names this class and every execution runs it, it is skipped):
 *
 * <ul>
 *   <li>{@link #everyCallOfTheOperatorIsAllowed()} checks the calls of whichever scenario classes
 *       ran in this build (skipped when none did, e.g. {@code -Dtest} named no scenario);
 *   <li>{@link #everyGrantedPermissionIsUsedByAScenario()} needs the calls of every scenario class
 *       that uses {@link E2EExtension}, so it is skipped, saying which are missing, when {@code
 *       -Dtest} selected only some. Permissions no scenario can exercise are listed in {@link
 *       #NOT_EXERCISED} with the reason; the list must stay true (each entry granted and unused).
 * </ul>
 */
class OperatorRbacAudit {

    /** The surefire execution that runs after the scenarios. */
    static final String AUDIT_EXECUTION = "e2e-audit";

    /** Why the operator's own resources are not fetched by name in the scenarios. */
    private static final String PRIMARIES_FROM_INFORMERS =
            "JOSDK serves MonitoredDatabases and AlertPolicies from its informers; it GETs one by"
                    + " name only when retrying a conflicting patch, which no scenario provokes";

    /** Why cert-manager's Certificates are not exercised. */
    private static final String NO_CERT_MANAGER =
            "the local cluster has no cert-manager (nothing would issue the Certificate);"
                    + " TlsReconcilerTest covers the Certificate on the mock API server";

    /**
     * Granted by the chart, not exercised by any end-to-end scenario, and why: (group, resource,
     * verb) in {@link ApiPermission} form with the namespace scope. Everything else the chart
     * grants some scenario uses.
     */
    static final Map<ApiPermission, String> NOT_EXERCISED =
            Map.ofEntries(
                    notExercised(
                            "vigil.dev", "monitoreddatabases", "get", PRIMARIES_FROM_INFORMERS),
                    notExercised("vigil.dev", "alertpolicies", "get", PRIMARIES_FROM_INFORMERS),
                    notExercised("cert-manager.io", "certificates", "get", NO_CERT_MANAGER),
                    notExercised("cert-manager.io", "certificates", "create", NO_CERT_MANAGER),
                    notExercised("cert-manager.io", "certificates", "patch", NO_CERT_MANAGER));

    private static Map<String, SortedSet<ApiPermission>> usedByClass;
    private static RbacRules chartRules;

    @BeforeAll
    static void load() {
        assumeTrue(
                AUDIT_EXECUTION.equals(System.getProperty(E2EExtension.EXECUTION_PROPERTY)),
                "runs only in the e2e-audit execution, after the scenarios");
        usedByClass = OperatorCallFiles.readAll(OperatorCallFiles.directory());
        chartRules = chartRules(RenderedChart.defaults());
    }

    @Test
    void everyCallOfTheOperatorIsAllowed() {
        assumeFalse(
                usedByClass.isEmpty(),
                "no scenario ran in this build: no call files in " + OperatorCallFiles.directory());
        List<String> denied = new ArrayList<>();
        usedByClass.forEach(
                (scenario, used) ->
                        used.stream()
                                .filter(permission -> !chartRules.allows(permission))
                                .forEach(permission -> denied.add(permission + " in " + scenario)));
        assertThat(denied)
                .as(
                        "calls of the operator the chart's RBAC (helm/vigil-operator, default"
                                + " values) denies")
                .isEmpty();
    }

    @Test
    void everyGrantedPermissionIsUsedByAScenario() {
        Set<String> missing = new TreeSet<>(scenarioClasses());
        missing.removeAll(usedByClass.keySet());
        assumeTrue(
                missing.isEmpty(),
                "needs every scenario class's calls; not run in this build: " + missing);
        Set<ApiPermission> used = new TreeSet<>();
        usedByClass.values().stream()
                .flatMap(Set::stream)
                .map(p -> new ApiPermission(p.apiGroup(), p.resource(), p.verb(), Scope.NAMESPACE))
                .forEach(used::add);
        SortedSet<ApiPermission> granted = chartRules.granted();

        SortedSet<ApiPermission> unused = new TreeSet<>(granted);
        unused.removeAll(used);
        unused.removeAll(NOT_EXERCISED.keySet());
        assertThat(unused)
                .as(
                        "permissions the chart grants that no scenario used: drop them from the"
                                + " chart and docs/operations.md, or exercise them")
                .isEmpty();
        assertThat(NOT_EXERCISED.keySet())
                .as("NOT_EXERCISED entries must be granted and unused")
                .allSatisfy(
                        permission -> {
                            assertThat(granted).contains(permission);
                            assertThat(used).doesNotContain(permission);
                        });
    }

    private static Map.Entry<ApiPermission, String> notExercised(
            String group, String resource, String verb, String why) {
        return Map.entry(new ApiPermission(group, resource, verb, Scope.NAMESPACE), why);
    }

    /**
     * The rules bound to the operator's ServiceAccount. With the default values the chart binds
     * ClusterRoles only; a Role would be bound in one namespace, which {@link RbacRules} does not
     * model per namespace, so one fails the audit until it does.
     */
    private static RbacRules chartRules(RenderedChart chart) {
        assertThat(chart.all(Role.class))
                .as("Roles rendered with the default values (the audit models ClusterRoles only)")
                .isEmpty();
        Set<String> bound = new TreeSet<>();
        for (ClusterRoleBinding binding : chart.all(ClusterRoleBinding.class)) {
            bound.add(binding.getRoleRef().getName());
        }
        List<PolicyRule> rules = new ArrayList<>();
        for (ClusterRole role : chart.all(ClusterRole.class)) {
            if (bound.contains(role.getMetadata().getName())) {
                rules.addAll(role.getRules());
            }
        }
        assertThat(rules).as("rules bound to the operator").isNotEmpty();
        return RbacRules.of(rules, List.of());
    }

    /** The simple names of the scenario classes that record the operator's calls. */
    private static Set<String> scenarioClasses() {
        Path scenarios = testClassesRoot().resolve(Path.of("dev", "vigil", "e2e", "scenarios"));
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(scenarios)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith("E2E.class")) {
                    continue;
                }
                String simpleName = name.substring(0, name.length() - ".class".length());
                Class<?> type = Class.forName("dev.vigil.e2e.scenarios." + simpleName);
                ExtendWith extensions = type.getAnnotation(ExtendWith.class);
                if (extensions != null
                        && Arrays.asList(extensions.value()).contains(E2EExtension.class)) {
                    names.add(simpleName);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        assertThat(names).as("scenario classes in " + scenarios).isNotEmpty();
        return names;
    }

    private static Path testClassesRoot() {
        try {
            return Path.of(
                    OperatorRbacAudit.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
