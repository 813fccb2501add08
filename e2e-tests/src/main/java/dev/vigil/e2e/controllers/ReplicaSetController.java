package dev.vigil.e2e.controllers;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ReplicaSet controller of a simulated control plane: for every ReplicaSet in every namespace,
 * creates or deletes pods until {@code spec.replicas} active pods exist (replacing failed ones, as
 * the real controller does since a failed pod is not active) and reports the status. Deployments
 * work through it, as on a real cluster.
 */
public final class ReplicaSetController implements AutoCloseable {

    /** The Event source component, as on a real cluster. */
    public static final String COMPONENT = "replicaset-controller";

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaSetController.class);

    private final KubernetesClient client;
    private final Clock clock;
    private final ControlLoop loop;
    private final EventRecorder events;
    private final Random random = new Random();

    /** A controller resyncing every 200 ms on the system clock. */
    public ReplicaSetController(KubernetesClient client) {
        this(client, Duration.ofMillis(200), Clock.systemUTC());
    }

    public ReplicaSetController(KubernetesClient client, Duration resync, Clock clock) {
        this.client = client;
        this.clock = clock;
        this.loop = new ControlLoop(COMPONENT, resync, this::reconcileAll);
        this.events = new EventRecorder(client, COMPONENT, clock);
    }

    /** Starts watching and reconciling; returns this controller. */
    public ReplicaSetController start() {
        loop.wakeOn(client.apps().replicaSets().inAnyNamespace());
        loop.wakeOn(client.pods().inAnyNamespace());
        loop.start();
        return this;
    }

    @Override
    public void close() {
        loop.close();
    }

    private void reconcileAll() {
        List<ReplicaSet> replicaSets =
                client.apps().replicaSets().inAnyNamespace().list().getItems();
        if (replicaSets.isEmpty()) {
            return;
        }
        Map<String, List<Pod>> pods =
                client.pods().inAnyNamespace().list().getItems().stream()
                        .collect(Collectors.groupingBy(p -> p.getMetadata().getNamespace()));
        for (ReplicaSet replicaSet : replicaSets) {
            try {
                reconcile(
                        replicaSet,
                        pods.getOrDefault(replicaSet.getMetadata().getNamespace(), List.of()));
            } catch (KubernetesClientException e) {
                LOG.debug(
                        "ReplicaSet {}/{}: pass ended by the API server: {}",
                        replicaSet.getMetadata().getNamespace(),
                        replicaSet.getMetadata().getName(),
                        e.getMessage());
            }
        }
    }

    private void reconcile(ReplicaSet replicaSet, List<Pod> namespacePods) {
        if (replicaSet.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        List<Pod> active =
                ReplicaSetPods.active(
                        namespacePods.stream()
                                .filter(p -> ControllerRefs.isControlledBy(p, replicaSet))
                                .toList());
        int diff = active.size() - ReplicaSetPods.replicas(replicaSet);
        String namespace = replicaSet.getMetadata().getNamespace();
        for (int i = diff; i < 0; i++) {
            Pod pod = ReplicaSetPods.newPod(replicaSet, random);
            client.pods().inNamespace(namespace).resource(pod).create();
            events.normal(
                    replicaSet, "SuccessfulCreate", "Created pod: " + pod.getMetadata().getName());
        }
        for (Pod pod : ReplicaSetPods.toDelete(active, diff)) {
            client.pods().inNamespace(namespace).resource(pod).delete();
            events.normal(
                    replicaSet, "SuccessfulDelete", "Deleted pod: " + pod.getMetadata().getName());
        }
        ReplicaSetStatus status = ReplicaSetPods.status(replicaSet, active, clock.instant());
        ReplicaSetStatus previous = replicaSet.getStatus();
        if (previous != null) {
            status.setConditions(previous.getConditions());
        }
        if (!Objects.equals(previous, status)) {
            client.apps()
                    .replicaSets()
                    .resource(new ReplicaSetBuilder(replicaSet).withStatus(status).build())
                    .updateStatus();
        }
    }
}
