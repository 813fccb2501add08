package dev.vigil.testing.kube;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Plays the Deployment controller and kubelet: reports a Deployment rolled out and ready. */
public final class DeploymentSimulator {

    private final KubernetesClient client;

    public DeploymentSimulator(KubernetesClient client) {
        this.client = client;
    }

    /** Reports every replica of the Deployment ready at its current template. */
    public void markAllReady(String namespace, String name) {
        ReadChangeWrite.run(
                () -> {
                    Deployment deployment =
                            client.apps().deployments().inNamespace(namespace).withName(name).get();
                    int replicas = deployment.getSpec().getReplicas();
                    deployment.setStatus(
                            new DeploymentStatusBuilder()
                                    .withReplicas(replicas)
                                    .withReadyReplicas(replicas)
                                    .withAvailableReplicas(replicas)
                                    .withUpdatedReplicas(replicas)
                                    .withObservedGeneration(
                                            deployment.getMetadata().getGeneration())
                                    .build());
                    client.apps().deployments().resource(deployment).updateStatus();
                });
    }
}
