package dev.vigil.testing.kube;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Plays the StatefulSet controller and kubelet for reconciler tests: reports a StatefulSet as
 * rolled out with all its replicas ready, as the real controller does once its pods run.
 */
public final class StatefulSetSimulator {

    private final KubernetesClient client;

    public StatefulSetSimulator(KubernetesClient client) {
        this.client = client;
    }

    /** Reports every replica of the StatefulSet ready at its current revision. */
    public void markAllReady(String namespace, String name) {
        StatefulSet statefulSet =
                client.apps().statefulSets().inNamespace(namespace).withName(name).get();
        int replicas = statefulSet.getSpec().getReplicas();
        String revision = name + "-" + Integer.toHexString(statefulSet.getSpec().hashCode());
        statefulSet.setStatus(
                new StatefulSetStatusBuilder()
                        .withReplicas(replicas)
                        .withReadyReplicas(replicas)
                        .withAvailableReplicas(replicas)
                        .withCurrentReplicas(replicas)
                        .withUpdatedReplicas(replicas)
                        .withCurrentRevision(revision)
                        .withUpdateRevision(revision)
                        .withObservedGeneration(statefulSet.getMetadata().getGeneration())
                        .build());
        client.apps().statefulSets().resource(statefulSet).updateStatus();
    }
}
