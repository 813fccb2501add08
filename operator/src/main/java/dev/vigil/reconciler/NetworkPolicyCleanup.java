package dev.vigil.reconciler;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.model.NetworkPolicyBuilder;
import dev.vigil.model.ResourceNames;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;

/**
 * Deletes the NetworkPolicy Vigil created for a database once {@code spec.network.policy.enabled}
 * turns false: the builders then leave it out, and applying does not remove what is not built.
 */
final class NetworkPolicyCleanup {

    private NetworkPolicyCleanup() {}

    /** Deletes {@code <name>-network} if the database opted out and the policy is its own. */
    static void deleteIfOptedOut(
            MonitoredDatabase database, OwnedResources owned, KubernetesClient client) {
        if (NetworkPolicyBuilder.enabled(database)) {
            return;
        }
        owned.find(NetworkPolicy.class, ResourceNames.networkPolicy(database))
                .filter(policy -> ownedBy(policy, database))
                .ifPresent(policy -> client.resource(policy).delete());
    }

    private static boolean ownedBy(NetworkPolicy policy, MonitoredDatabase database) {
        List<OwnerReference> owners = policy.getMetadata().getOwnerReferences();
        return owners != null
                && owners.stream()
                        .anyMatch(o -> Objects.equals(o.getUid(), database.getMetadata().getUid()));
    }
}
