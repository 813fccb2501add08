package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.OwnedResources;
import dev.vigil.names.ResourceNames;
import dev.vigil.names.StandardLabels;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Objects;

/**
 * Labels each PostgreSQL pod with its role ({@code vigil.dev/role}), which the read-only Service
 * selects. A pod whose role is unknown (not answering, not streaming yet) loses the label, so the
 * read-only Service never sends clients to a member that cannot serve them.
 */
final class PodRoleLabels {

    private PodRoleLabels() {}

    /** Writes only the pods whose label differs, as the watch on pods shows them. */
    static void apply(
            KubernetesClient client,
            OwnedResources owned,
            MonitoredDatabase database,
            int members,
            Map<Integer, String> roles) {
        String namespace = database.getMetadata().getNamespace();
        for (int ordinal = 0; ordinal < members; ordinal++) {
            String name = ResourceNames.memberPod(database, ordinal);
            Pod pod = owned.pod(name).orElse(null);
            if (pod == null) {
                continue;
            }
            String wanted = roles.get(ordinal);
            Map<String, String> labels = pod.getMetadata().getLabels();
            String current = labels == null ? null : labels.get(StandardLabels.ROLE);
            if (Objects.equals(current, wanted)) {
                continue;
            }
            try {
                label(client, namespace, name, wanted);
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND
                        && e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                // The pod went or changed under us (a rollout replaces it): the next pass, woken
                // by the pod's own event, labels the pod that is there then.
            }
        }
    }

    private static void label(
            KubernetesClient client, String namespace, String name, String wanted) {
        client.pods()
                .inNamespace(namespace)
                .withName(name)
                .edit(
                        p -> {
                            if (wanted == null) {
                                p.getMetadata().getLabels().remove(StandardLabels.ROLE);
                            } else {
                                p.getMetadata().getLabels().put(StandardLabels.ROLE, wanted);
                            }
                            return p;
                        });
    }
}
