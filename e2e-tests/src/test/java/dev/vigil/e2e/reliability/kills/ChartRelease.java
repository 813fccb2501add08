package dev.vigil.e2e.reliability.kills;

import dev.vigil.e2e.controlplane.OperatorIdentity;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Helm chart {@code helm/vigil-operator} rendered for one release, as {@code helm install}
 * would install it: its ServiceAccount and RBAC applied to the cluster, a token of that account,
 * and the operator container's settings ({@code VIGIL_*} variables of the rendered Deployment). The
 * operator processes of the kill and leader election scenarios run with exactly these.
 *
 * @param username {@code system:serviceaccount:<namespace>:<name>}, as the audit log names it
 * @param token a bound token of the release's ServiceAccount, valid for a day
 * @param environment the operator container's variables with a plain value, and {@code
 *     VIGIL_LEASE_NAMESPACE} (from the downward API in a pod) set to the release namespace
 */
public record ChartRelease(String username, String token, Map<String, String> environment) {

    /**
     * Renders the chart of {@code repositoryRoot} as release {@code release} in {@code namespace}
     * with {@code values} ({@code --set}), applies its ServiceAccount and RBAC, and issues a token.
     */
    public static ChartRelease install(
            KubernetesClient admin,
            Path repositoryRoot,
            String release,
            String namespace,
            Map<String, String> values) {
        List<HasMetadata> rendered =
                OperatorIdentity.render(repositoryRoot, release, namespace, values);
        OperatorIdentity identity = OperatorIdentity.apply(admin, rendered, namespace);
        Deployment deployment =
                rendered.stream()
                        .filter(Deployment.class::isInstance)
                        .map(Deployment.class::cast)
                        .findFirst()
                        .orElseThrow(
                                () -> new IllegalStateException("the chart renders no Deployment"));
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvVar variable :
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
            if (variable.getValue() != null) {
                environment.put(variable.getName(), variable.getValue());
            } else if ("VIGIL_LEASE_NAMESPACE".equals(variable.getName())) {
                environment.put(variable.getName(), namespace);
            }
        }
        return new ChartRelease(identity.username(), identity.token(), environment);
    }

    /** Whether the chart turned leader election on for this release. */
    public boolean leaderElection() {
        return "true".equals(environment.get("VIGIL_LEADER_ELECTION"));
    }

    /** The Lease the release's replicas share. */
    public String leaseName() {
        return environment.get("VIGIL_LEASE_NAME");
    }

    /** The namespace of the Lease. */
    public String leaseNamespace() {
        return environment.get("VIGIL_LEASE_NAMESPACE");
    }
}
