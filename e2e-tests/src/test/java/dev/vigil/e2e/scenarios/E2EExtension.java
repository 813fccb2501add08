package dev.vigil.e2e.scenarios;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each scenario method a {@link Scenario} in a namespace of its own, which enforces the
 * restricted Pod Security Standard (the API server refuses any pod Vigil renders that is not
 * restricted), on the shared {@link E2ECluster}. Afterwards: when the scenario failed, dumps the
 * namespace's objects and the logs (see {@link FailureDump}); fails it when a credential of its
 * Secrets leaked ({@link CredentialLeakScan}); deletes its databases, so their pods stop before the
 * next scenario; and records the operator's API calls for the RBAC audit ({@link
 * OperatorCallRecorder}).
 *
 * <p>The build runs scenarios only in its {@code e2e} surefire execution: {@code -Dtest} overrides
 * every execution's includes, and a scenario named there must not run again in the others. The
 * executions say which they are in {@value #EXECUTION_PROPERTY}; unset (an IDE), scenarios run.
 */
public final class E2EExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    /**
     * The build's surefire execution running the tests: harness, e2e, e2e-audit or reliability (the
     * long run of the reliability scenarios, {@code ./bench/reliability}).
     */
    public static final String EXECUTION_PROPERTY = "vigil.e2e.execution";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final ExtensionContext.Namespace STORE =
            ExtensionContext.Namespace.create(E2EExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        assumeScenarioExecution();
    }

    /**
     * Skips the calling scenario class outside the build's {@code e2e} and {@code reliability}
     * executions.
     */
    static void assumeScenarioExecution() {
        String execution = System.getProperty(EXECUTION_PROPERTY);
        Assumptions.assumeTrue(
                execution == null || execution.equals("e2e") || execution.equals("reliability"),
                "scenarios run in the e2e execution, this is " + execution);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        E2ECluster cluster = E2EClusters.shared();
        String namespace = namespaceFor(context);
        cluster.kubectl()
                .runWithInput(
                        """
                        apiVersion: v1
                        kind: Namespace
                        metadata:
                          name: %s
                          labels:
                            pod-security.kubernetes.io/enforce: restricted
                        """
                                .formatted(namespace),
                        "apply",
                        "-f",
                        "-")
                .orThrow();
        context.getStore(STORE).put(Scenario.class, new Scenario(cluster, namespace));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Scenario scenario = context.getStore(STORE).get(Scenario.class, Scenario.class);
        if (scenario == null) {
            return;
        }
        if (context.getExecutionException().isPresent()) {
            FailureDump.write(scenario, context);
        }
        List<String> leaks;
        try {
            leaks = CredentialLeakScan.scan(scenario);
        } finally {
            deleteDatabases(scenario);
            scenario.cluster()
                    .local()
                    .ifPresent(
                            cluster ->
                                    OperatorCallRecorder.record(
                                            cluster, context.getRequiredTestClass()));
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError(
                    "credentials leaked in namespace "
                            + scenario.namespace()
                            + ":\n  "
                            + String.join("\n  ", leaks));
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Scenario.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(STORE).get(Scenario.class, Scenario.class);
    }

    private static String namespaceFor(ExtensionContext context) {
        String test =
                context.getRequiredTestClass()
                        .getSimpleName()
                        .replaceAll("E2E$", "")
                        .replaceAll("([a-z])([A-Z])", "$1-$2")
                        .toLowerCase(Locale.ROOT);
        String name = "e2e-" + test + "-" + SEQUENCE.incrementAndGet();
        return name.length() <= 63 ? name : name.substring(0, 63);
    }

    private static void deleteDatabases(Scenario scenario) {
        scenario.client()
                .resources(MonitoredDatabase.class)
                .inNamespace(scenario.namespace())
                .delete();
        try {
            Awaitility.await()
                    .atMost(60, TimeUnit.SECONDS)
                    .pollInterval(500, TimeUnit.MILLISECONDS)
                    .until(
                            () ->
                                    scenario.client()
                                            .pods()
                                            .inNamespace(scenario.namespace())
                                            .list()
                                            .getItems()
                                            .isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.err.println(
                    "e2e: pods of " + scenario.namespace() + " still there 60 s after cleanup");
        }
    }
}
