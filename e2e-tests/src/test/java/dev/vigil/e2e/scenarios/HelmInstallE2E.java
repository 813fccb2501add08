package dev.vigil.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.e2e.cluster.HarnessOperator;
import dev.vigil.e2e.cluster.LocalCluster;
import dev.vigil.e2e.kubectl.Kubectl;
import dev.vigil.e2e.kubectl.KubectlResult;
import dev.vigil.e2e.node.VigilImageRuntime;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The chart, installed: {@code helm install} of {@code helm/vigil-operator} (the real Helm, through
 * helm-java) into {@code vigil-system} of a local cluster that has no Vigil of the harness's (no
 * CRDs, no RBAC, no operator in this JVM). The node runs the chart's operator pod from the built
 * jar ({@link VigilImageRuntime}) with the pod's own token, environment and arguments; the rollout
 * completes only when the chart's readiness probe passes. That operator then makes a PostgreSQL
 * database Ready in a namespace enforcing the restricted Pod Security Standard, and {@code helm
 * uninstall} leaves the CRDs and the database. Proves the chart's RBAC, settings and probes work on
 * a real API server; needs {@code operator/target/vigil.jar} ({@code ./mvnw -pl operator package}).
 *
 * <p>Its own cluster, not the scenarios' shared one: that one runs the operator in this JVM, and
 * two operators must not reconcile the same databases.
 */
class HelmInstallE2E {

    private static final String RELEASE = "vigil-operator";
    private static final String OPERATOR_NAMESPACE = "vigil-system";
    private static final String SERVICE_ACCOUNT =
            "system:serviceaccount:" + OPERATOR_NAMESPACE + ":" + RELEASE;
    private static final String DATABASE_NAMESPACE = "e2e-helm-install";
    private static final String DATABASE = "ledger";
    private static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalCluster cluster;
    private static Scenario scenario;

    /** On failure: the objects of both namespaces and every container log, as other scenarios. */
    @RegisterExtension
    final TestWatcher dumpOnFailure =
            new TestWatcher() {
                @Override
                public void testFailed(ExtensionContext context, Throwable cause) {
                    if (scenario != null) {
                        FailureDump.write(scenario, context);
                        printOperatorLogs();
                    }
                }
            };

    @BeforeAll
    static void startClusterWithoutVigil() {
        E2EExtension.assumeScenarioExecution();
        cluster = E2EClusters.startLocalWithoutOperator();
        scenario = new Scenario(new E2EClusters.Local(cluster), DATABASE_NAMESPACE);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void chartInstalledByHelmRunsTheOperatorThatMakesADatabaseReady() throws Exception {
        // No operator in this JVM, and no Vigil at all before the chart.
        assertThat(cluster.operator()).as("the harness's in-JVM operator").isNull();
        assertThat(crdNames()).doesNotContain("monitoreddatabases.vigil.dev");
        Kubectl kubectl = cluster.kubectl();
        kubectl.runWithInput(restrictedNamespace(OPERATOR_NAMESPACE), "apply", "-f", "-").orThrow();

        Release release =
                new Helm(E2EClusters.repositoryRoot().resolve("helm").resolve("vigil-operator"))
                        .install()
                        .withName(RELEASE)
                        .withNamespace(OPERATOR_NAMESPACE)
                        .withKubeConfig(cluster.kubeconfig())
                        .call();
        assertThat(release.getStatus()).isEqualTo("deployed");
        assertThat(crdNames()).contains("monitoreddatabases.vigil.dev", "alertpolicies.vigil.dev");

        KubectlResult rollout =
                kubectl.withTimeout(ROLLOUT_TIMEOUT.plusSeconds(30))
                        .run(
                                "-n",
                                OPERATOR_NAMESPACE,
                                "rollout",
                                "status",
                                "deployment/" + RELEASE,
                                "--timeout=" + ROLLOUT_TIMEOUT.toSeconds() + "s");
        assertThat(rollout.exitCode()).as("kubectl rollout status: %s", rollout).isZero();
        Pod operatorPod = operatorPod();
        assertThat(operatorPod.getSpec().getContainers().get(0).getImage())
                .isEqualTo(VigilImageRuntime.REPOSITORY + ":" + release.getAppVersion());
        Path operatorLog =
                cluster.kubelet()
                        .containerLog(
                                OPERATOR_NAMESPACE,
                                operatorPod.getMetadata().getName(),
                                "operator");

        kubectl.runWithInput(restrictedNamespace(DATABASE_NAMESPACE), "apply", "-f", "-").orThrow();
        scenario.apply(Manifests.postgres(DATABASE, 1));
        scenario.waitReady(DATABASE);

        // Reconciled by the chart's pod: its field manager applied the StatefulSet, its log
        // names the database, and every request of the chart's ServiceAccount came with the
        // token bound to that pod, none refused by the chart's RBAC.
        assertThat(scenario.statefulSet(DATABASE).getMetadata().getManagedFields())
                .anySatisfy(
                        entry -> {
                            assertThat(entry.getManager()).isEqualTo("vigil-operator");
                            assertThat(entry.getOperation()).isEqualTo("Apply");
                        })
                .extracting(ManagedFieldsEntry::getManager)
                .doesNotContain(HarnessOperator.USER_AGENT);
        assertThat(Files.readString(operatorLog))
                .contains(
                        "Serving /metrics, /healthz and /readyz on port 8080 of "
                                + operatorPod.getStatus().getPodIP())
                .contains("leader election off")
                .contains("\"resource.namespace\":\"" + DATABASE_NAMESPACE + "\"")
                .contains("\"resource.name\":\"" + DATABASE + "\"");
        List<JsonNode> requests = requestsOfTheServiceAccount();
        assertThat(requests).isNotEmpty();
        assertThat(requests)
                .allSatisfy(
                        request -> {
                            assertThat(
                                            request.path("user")
                                                    .path("extra")
                                                    .path("authentication.kubernetes.io/pod-name")
                                                    .path(0)
                                                    .asText())
                                    .isEqualTo(operatorPod.getMetadata().getName());
                            assertThat(request.path("userAgent").asText())
                                    .doesNotStartWith(HarnessOperator.USER_AGENT);
                        });
        assertThat(requests)
                .filteredOn(request -> request.path("responseStatus").path("code").asInt() == 403)
                .as("requests the chart's RBAC refused")
                .isEmpty();
        assertThat(scenario.kubectl("get", "mdb", DATABASE).orThrow().stdout()).contains("Ready");

        // Data safety on the real garbage collector: the operator's Deployment deleted (its
        // ReplicaSet and pod collected), then its chart uninstalled; the database runs on.
        long safetyStarted = System.nanoTime();
        DatabaseProbes probes = new DatabaseProbes(scenario);
        probes.execute(
                DATABASE,
                0,
                "CREATE TABLE survives (id int PRIMARY KEY)",
                "INSERT INTO survives VALUES (1)");
        DatabaseObjects running = DatabaseObjects.of(scenario, DATABASE);
        kubectl.run("-n", OPERATOR_NAMESPACE, "delete", "deployment", RELEASE, "--wait=true")
                .orThrow();
        awaitCollected("replicasets", "pods");
        assertDatabaseRunsOn(running, probes);

        String uninstalled =
                Helm.uninstall(RELEASE)
                        .withNamespace(OPERATOR_NAMESPACE)
                        .withKubeConfig(cluster.kubeconfig())
                        .call();
        assertThat(uninstalled).contains(RELEASE);
        Awaitility.await()
                .atMost(60, TimeUnit.SECONDS)
                .pollInterval(500, TimeUnit.MILLISECONDS)
                .untilAsserted(
                        () ->
                                assertThat(
                                                client().pods()
                                                        .inNamespace(OPERATOR_NAMESPACE)
                                                        .list()
                                                        .getItems())
                                        .isEmpty());
        assertThat(client().apps().deployments().inNamespace(OPERATOR_NAMESPACE).list().getItems())
                .isEmpty();
        awaitCollected("serviceaccounts/" + RELEASE, "replicasets", "pods");
        assertDatabaseRunsOn(running, probes);
        System.out.printf(
                "HelmInstallE2E: data-safety checks (Deployment deleted, chart uninstalled) took"
                        + " %d ms%n",
                (System.nanoTime() - safetyStarted) / 1_000_000);
        assertThat(crdNames())
                .as("Helm never deletes a chart's CRDs")
                .contains("monitoreddatabases.vigil.dev", "alertpolicies.vigil.dev");
        assertThat(
                        client().resources(MonitoredDatabase.class)
                                .inNamespace(DATABASE_NAMESPACE)
                                .withName(DATABASE)
                                .get())
                .as("the database outlives the operator")
                .isNotNull();
    }

    /**
     * Waits until the garbage collector (and Helm) removed the operator's objects of these kinds
     * ({@code kind} or {@code kind/name}) from its namespace.
     */
    private static void awaitCollected(String... kinds) {
        Awaitility.await()
                .atMost(60, TimeUnit.SECONDS)
                .pollInterval(500, TimeUnit.MILLISECONDS)
                .untilAsserted(
                        () -> {
                            for (String kind : kinds) {
                                KubectlResult result =
                                        cluster.kubectl()
                                                .run(
                                                        "-n",
                                                        OPERATOR_NAMESPACE,
                                                        "get",
                                                        kind,
                                                        "-o",
                                                        "name",
                                                        "--ignore-not-found");
                                assertThat(result.orThrow().stdout())
                                        .as("%s of %s", kind, OPERATOR_NAMESPACE)
                                        .isBlank();
                            }
                        });
    }

    /**
     * The database still runs as before: the same pods, never restarted, ready; the same
     * StatefulSet, Services, Secrets and claims; and it answers with the row written before.
     */
    private static void assertDatabaseRunsOn(DatabaseObjects before, DatabaseProbes probes)
            throws Exception {
        DatabaseObjects now = DatabaseObjects.of(scenario, DATABASE);
        assertThat(now).as("the database's objects").isEqualTo(before);
        assertThat(scenario.pods(DATABASE))
                .allSatisfy(
                        pod ->
                                assertThat(pod.getStatus().getConditions())
                                        .anySatisfy(
                                                c -> {
                                                    assertThat(c.getType()).isEqualTo("Ready");
                                                    assertThat(c.getStatus()).isEqualTo("True");
                                                }));
        assertThat(probes.sql(DATABASE, 0, "SELECT id FROM survives"))
                .containsExactly(List.of("1"));
    }

    /** The end of every container log of the operator's namespace, on standard error. */
    private static void printOperatorLogs() {
        Path logs = cluster.kubelet().logDirectory().resolve(OPERATOR_NAMESPACE);
        if (!Files.isDirectory(logs)) {
            return;
        }
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path log : files.filter(Files::isRegularFile).toList()) {
                List<String> lines = Files.readAllLines(log);
                System.err.println("e2e: end of " + log);
                lines.subList(Math.max(0, lines.size() - 80), lines.size())
                        .forEach(System.err::println);
            }
        } catch (IOException e) {
            System.err.println("e2e: cannot read " + logs + ": " + e);
        }
    }

    private static KubernetesClient client() {
        return cluster.client();
    }

    private static Pod operatorPod() {
        List<Pod> pods =
                client().pods()
                        .inNamespace(OPERATOR_NAMESPACE)
                        .withLabels(Map.of("app.kubernetes.io/instance", RELEASE))
                        .list()
                        .getItems();
        assertThat(pods).hasSize(1);
        return pods.get(0);
    }

    private static List<String> crdNames() {
        return client().apiextensions().v1().customResourceDefinitions().list().getItems().stream()
                .map(crd -> crd.getMetadata().getName())
                .toList();
    }

    /** The API server's audit events of the chart's ServiceAccount for resources. */
    private static List<JsonNode> requestsOfTheServiceAccount() throws IOException {
        List<JsonNode> requests = new ArrayList<>();
        try (Stream<String> lines = Files.lines(cluster.controlPlane().files().auditLog())) {
            for (String line : lines.toList()) {
                JsonNode event;
                try {
                    event = JSON.readTree(line);
                } catch (IOException e) {
                    continue; // the API server may be writing this very line
                }
                if (SERVICE_ACCOUNT.equals(event.path("user").path("username").asText())
                        && event.path("objectRef").has("resource")
                        && "ResponseComplete".equals(event.path("stage").asText())) {
                    requests.add(event);
                }
            }
        }
        return requests;
    }

    private static String restrictedNamespace(String name) {
        return """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %s
          labels:
            pod-security.kubernetes.io/enforce: restricted
        """
                .formatted(name);
    }
}
