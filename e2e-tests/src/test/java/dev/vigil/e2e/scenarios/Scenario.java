package dev.vigil.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.e2e.cluster.LocalCluster;
import dev.vigil.e2e.kubectl.KubectlResult;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * One scenario's view of the cluster: its own namespace, {@code kubectl} in that namespace as a
 * user types it, and reads of the objects Vigil made, for the assertions.
 */
public final class Scenario {

    /** How long a database may take to become Ready on a loaded CI machine. */
    public static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

    private final E2ECluster cluster;
    private final String namespace;

    Scenario(E2ECluster cluster, String namespace) {
        this.cluster = cluster;
        this.namespace = namespace;
    }

    public String namespace() {
        return namespace;
    }

    public E2ECluster cluster() {
        return cluster;
    }

    /** The Events about database {@code name} and the objects named like it. */
    public List<Event> events(String name) {
        return client().v1().events().inNamespace(namespace()).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()))
                .toList();
    }

    public KubernetesClient client() {
        return cluster.client();
    }

    /** The local harness; skips the scenario on a real cluster, where it cannot be controlled. */
    public LocalCluster local() {
        Assumptions.assumeTrue(
                cluster.local().isPresent(), "needs the local harness: " + cluster.describe());
        return cluster.local().orElseThrow();
    }

    /** {@code kubectl -n <namespace> <args>}, whatever its outcome. */
    public KubectlResult kubectl(String... args) {
        List<String> all = new ArrayList<>(List.of("-n", namespace));
        all.addAll(List.of(args));
        return cluster.kubectl().run(all.toArray(String[]::new));
    }

    /** {@code kubectl -n <namespace> apply -f -} of the manifest; fails the test if it fails. */
    public KubectlResult apply(String manifest) {
        KubectlResult result = tryApply(manifest);
        assertThat(result.exitCode()).as("kubectl apply: %s", result).isZero();
        return result;
    }

    /** {@code kubectl -n <namespace> apply -f -} of the manifest, whatever its outcome. */
    public KubectlResult tryApply(String manifest) {
        return cluster.kubectl().runWithInput(manifest, "-n", namespace, "apply", "-f", "-");
    }

    /**
     * {@code kubectl wait --for=condition=<condition> <resource> --timeout=<timeout>}; fails the
     * test if the condition does not come.
     */
    public void waitFor(String resource, String condition, Duration timeout) {
        KubectlResult result =
                cluster.kubectl()
                        .withTimeout(timeout.plusSeconds(30))
                        .run(
                                "-n",
                                namespace,
                                "wait",
                                "--for=condition=" + condition,
                                resource,
                                "--timeout=" + timeout.toSeconds() + "s");
        assertThat(result.exitCode())
                .as("kubectl wait --for=condition=%s %s: %s", condition, resource, result)
                .isZero();
    }

    /** Waits until {@code kubectl wait --for=condition=Ready mdb/<name>} succeeds. */
    public void waitReady(String database) {
        waitFor("mdb/" + database, "Ready", READY_TIMEOUT);
    }

    public MonitoredDatabase database(String name) {
        return client().resources(MonitoredDatabase.class)
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    public StatefulSet statefulSet(String name) {
        return client().apps().statefulSets().inNamespace(namespace).withName(name).get();
    }

    /** The pods of a database, by ordinal. */
    public List<Pod> pods(String database) {
        return client()
                .pods()
                .inNamespace(namespace)
                .withLabels(Map.of("app.kubernetes.io/instance", database))
                .list()
                .getItems()
                .stream()
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .toList();
    }
}
