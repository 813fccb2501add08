package dev.vigil.e2e.scenarios;

import dev.vigil.e2e.cluster.LocalCluster;
import dev.vigil.e2e.kubectl.Kubectl;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/**
 * The cluster a scenario runs against: the local harness (default) or, with {@code
 * -De2e.target=cluster}, the cluster of {@code KUBECONFIG} with Vigil installed by Helm. Scenarios
 * act through {@link #kubectl()} as a user does and read objects through {@link #client()}; what
 * only the harness can do (stop the operator, make an image crash) goes through {@link #local()},
 * and scenarios that need it are skipped on a real cluster.
 */
public interface E2ECluster {

    KubernetesClient client();

    Kubectl kubectl();

    /** The local harness, when the scenario runs on it. */
    Optional<LocalCluster> local();

    /** Where failure dumps go besides the objects: the operator's and containers' logs. */
    String describe();
}
