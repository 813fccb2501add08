package dev.vigil.e2e.controllers;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;

/**
 * The workload controllers of a simulated control plane, as kube-controller-manager runs them:
 * StatefulSets, Deployments and ReplicaSets, each on its own thread, all through one client.
 * Garbage collection of dependents is the API server's side of the harness; running pods is the
 * kubelet's.
 */
public final class ControllerManager implements AutoCloseable {

    private final StatefulSetController statefulSets;
    private final DeploymentController deployments;
    private final ReplicaSetController replicaSets;

    private ControllerManager(KubernetesClient client, Duration resync, Clock clock) {
        statefulSets = new StatefulSetController(client, resync, clock);
        deployments = new DeploymentController(client, resync, clock);
        replicaSets = new ReplicaSetController(client, resync, clock);
    }

    /** Starts the three controllers, resyncing every 200 ms on the system clock. */
    public static ControllerManager start(KubernetesClient client) {
        return start(client, Duration.ofMillis(200), Clock.systemUTC());
    }

    /** Starts the three controllers. */
    public static ControllerManager start(KubernetesClient client, Duration resync, Clock clock) {
        ControllerManager manager = new ControllerManager(client, resync, clock);
        manager.statefulSets.start();
        manager.replicaSets.start();
        manager.deployments.start();
        return manager;
    }

    @Override
    public void close() {
        deployments.close();
        replicaSets.close();
        statefulSets.close();
    }
}
