package dev.vigil.e2e.controllers;

import dev.vigil.e2e.controllers.RolloutPlanner.ReplicaSetState;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Deployment controller of a simulated control plane, working through a {@link
 * KubernetesClient} against any API server: for every Deployment in every namespace it keeps one
 * ReplicaSet per pod template ({@link DeploymentReplicaSets}), scales them as {@link
 * RolloutPlanner} decides (RollingUpdate or Recreate), keeps the rollout revision, and reports the
 * status {@link DeploymentStatusCalculator} computes. The pods themselves come from the {@link
 * ReplicaSetController}, which must run too, as on a real cluster. Paused Deployments, proportional
 * scaling during a rollout, and the cleanup of old ReplicaSets beyond {@code revisionHistoryLimit}
 * are not modelled.
 */
public final class DeploymentController implements AutoCloseable {

    /** The Event source component, as on a real cluster. */
    public static final String COMPONENT = "deployment-controller";

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentController.class);

    private final KubernetesClient client;
    private final Clock clock;
    private final ControlLoop loop;
    private final EventRecorder events;

    /** A controller resyncing every 200 ms on the system clock. */
    public DeploymentController(KubernetesClient client) {
        this(client, Duration.ofMillis(200), Clock.systemUTC());
    }

    public DeploymentController(KubernetesClient client, Duration resync, Clock clock) {
        this.client = client;
        this.clock = clock;
        this.loop = new ControlLoop(COMPONENT, resync, this::reconcileAll);
        this.events = new EventRecorder(client, COMPONENT, clock);
    }

    /** Starts watching and reconciling; returns this controller. */
    public DeploymentController start() {
        loop.wakeOn(client.apps().deployments().inAnyNamespace());
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
        List<Deployment> deployments =
                client.apps().deployments().inAnyNamespace().list().getItems();
        if (deployments.isEmpty()) {
            return;
        }
        Map<String, List<ReplicaSet>> replicaSets =
                client.apps().replicaSets().inAnyNamespace().list().getItems().stream()
                        .collect(Collectors.groupingBy(r -> r.getMetadata().getNamespace()));
        Map<String, List<Pod>> pods =
                client.pods().inAnyNamespace().list().getItems().stream()
                        .collect(Collectors.groupingBy(p -> p.getMetadata().getNamespace()));
        for (Deployment deployment : deployments) {
            String namespace = deployment.getMetadata().getNamespace();
            try {
                reconcile(
                        deployment,
                        replicaSets.getOrDefault(namespace, List.of()),
                        pods.getOrDefault(namespace, List.of()));
            } catch (KubernetesClientException e) {
                LOG.debug(
                        "Deployment {}/{}: pass ended by the API server: {}",
                        namespace,
                        deployment.getMetadata().getName(),
                        e.getMessage());
            }
        }
    }

    /** The ReplicaSets after a pass's scaling: the new one (or null), all, whether created. */
    private record Scaled(ReplicaSet fresh, List<ReplicaSet> all, boolean created) {}

    private void reconcile(
            Deployment deployment, List<ReplicaSet> namespaceReplicaSets, List<Pod> namespacePods) {
        if (deployment.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        DeploymentSettings settings = DeploymentSettings.of(deployment);
        List<ReplicaSet> owned = ownedOldestFirst(deployment, namespaceReplicaSets);
        String hash = DeploymentReplicaSets.templateHash(deployment);
        ReplicaSet fresh =
                owned.stream()
                        .filter(rs -> hash.equals(DeploymentReplicaSets.hashOf(rs)))
                        .findFirst()
                        .orElse(null);
        List<ReplicaSet> old = new ArrayList<>(owned);
        old.remove(fresh);
        long newestRevision =
                owned.stream().mapToLong(DeploymentReplicaSets::revisionOf).max().orElse(0);
        if (fresh != null && DeploymentReplicaSets.revisionOf(fresh) < newestRevision) {
            fresh = withRevision(fresh, newestRevision + 1);
        }
        Map<String, Integer> plan =
                RolloutPlanner.plan(
                        settings,
                        state(fresh, DeploymentReplicaSets.name(deployment, hash), namespacePods),
                        old.stream()
                                .map(rs -> state(rs, rs.getMetadata().getName(), namespacePods))
                                .toList());
        Scaled scaled = apply(deployment, settings, hash, newestRevision, fresh, old, plan);
        Deployment current = syncRevisionAnnotation(deployment, scaled.fresh());
        DeploymentStatus status =
                DeploymentStatusCalculator.compute(
                        settings,
                        generation(current),
                        current.getStatus(),
                        scaled.fresh(),
                        scaled.all(),
                        scaled.created(),
                        clock.instant());
        if (!DeploymentStatusCalculator.sameStatus(current.getStatus(), status)) {
            client.apps()
                    .deployments()
                    .resource(new DeploymentBuilder(current).withStatus(status).build())
                    .updateStatus();
        }
    }

    private static List<ReplicaSet> ownedOldestFirst(
            Deployment deployment, List<ReplicaSet> namespaceReplicaSets) {
        List<ReplicaSet> owned = new ArrayList<>();
        for (ReplicaSet rs : namespaceReplicaSets) {
            if (ControllerRefs.isControlledBy(rs, deployment)) {
                owned.add(rs);
            }
        }
        owned.sort(
                Comparator.comparing(
                                (ReplicaSet rs) ->
                                        Objects.requireNonNullElse(
                                                rs.getMetadata().getCreationTimestamp(), ""))
                        .thenComparing(rs -> rs.getMetadata().getName()));
        return owned;
    }

    /** An older template came back (a rollback): its ReplicaSet gets the next revision. */
    private ReplicaSet withRevision(ReplicaSet replicaSet, long revision) {
        Map<String, String> annotations =
                replicaSet.getMetadata().getAnnotations() == null
                        ? new HashMap<>()
                        : new HashMap<>(replicaSet.getMetadata().getAnnotations());
        annotations.put(DeploymentReplicaSets.REVISION_ANNOTATION, Long.toString(revision));
        replicaSet.getMetadata().setAnnotations(annotations);
        return client.apps().replicaSets().resource(replicaSet).update();
    }

    /**
     * Creates the new ReplicaSet when the plan (or a RollingUpdate, which always has one) needs it,
     * and scales the others as planned.
     */
    private Scaled apply(
            Deployment deployment,
            DeploymentSettings settings,
            String hash,
            long newestRevision,
            ReplicaSet fresh,
            List<ReplicaSet> old,
            Map<String, Integer> plan) {
        String newName = DeploymentReplicaSets.name(deployment, hash);
        boolean created = false;
        if (fresh == null && (plan.containsKey(newName) || !settings.recreate())) {
            int replicas = plan.getOrDefault(newName, 0);
            fresh =
                    client.apps()
                            .replicaSets()
                            .inNamespace(deployment.getMetadata().getNamespace())
                            .resource(
                                    DeploymentReplicaSets.newReplicaSet(
                                            deployment,
                                            settings,
                                            hash,
                                            replicas,
                                            newestRevision + 1))
                            .create();
            created = true;
            if (replicas > 0) {
                scaledEvent(deployment, newName, 0, replicas);
            }
        }
        Map<String, ReplicaSet> byName = new HashMap<>();
        old.forEach(rs -> byName.put(rs.getMetadata().getName(), rs));
        if (fresh != null) {
            byName.put(newName, fresh);
        }
        for (Map.Entry<String, Integer> target : plan.entrySet()) {
            ReplicaSet rs = byName.get(target.getKey());
            if (rs != null && !(created && rs == fresh)) {
                ReplicaSet result = scale(deployment, settings, rs, target.getValue());
                byName.put(target.getKey(), result);
                if (rs == fresh) {
                    fresh = result;
                }
            }
        }
        return new Scaled(fresh, new ArrayList<>(byName.values()), created);
    }

    private static ReplicaSetState state(ReplicaSet rs, String name, List<Pod> namespacePods) {
        if (rs == null) {
            return new ReplicaSetState(name, 0, 0, 0);
        }
        int available =
                rs.getStatus() == null || rs.getStatus().getAvailableReplicas() == null
                        ? 0
                        : rs.getStatus().getAvailableReplicas();
        int pods =
                (int)
                        namespacePods.stream()
                                .filter(p -> ControllerRefs.isControlledBy(p, rs))
                                .filter(p -> !PodReadiness.hasFinished(p))
                                .count();
        return new ReplicaSetState(name, ReplicaSetPods.replicas(rs), available, pods);
    }

    private ReplicaSet scale(
            Deployment deployment, DeploymentSettings settings, ReplicaSet rs, int replicas) {
        int from = ReplicaSetPods.replicas(rs);
        rs.getSpec().setReplicas(replicas);
        Map<String, String> annotations =
                rs.getMetadata().getAnnotations() == null
                        ? new HashMap<>()
                        : new HashMap<>(rs.getMetadata().getAnnotations());
        annotations.put(
                DeploymentReplicaSets.DESIRED_REPLICAS_ANNOTATION,
                Integer.toString(settings.replicas()));
        annotations.put(
                DeploymentReplicaSets.MAX_REPLICAS_ANNOTATION,
                Integer.toString(settings.replicas() + settings.maxSurge()));
        rs.getMetadata().setAnnotations(annotations);
        ReplicaSet scaled = client.apps().replicaSets().resource(rs).update();
        scaledEvent(deployment, rs.getMetadata().getName(), from, replicas);
        return scaled;
    }

    private void scaledEvent(Deployment deployment, String replicaSet, int from, int to) {
        events.normal(
                deployment,
                "ScalingReplicaSet",
                "Scaled %s replica set %s from %d to %d"
                        .formatted(to > from ? "up" : "down", replicaSet, from, to));
    }

    /** Copies the new ReplicaSet's revision onto the Deployment, as the real controller does. */
    private Deployment syncRevisionAnnotation(Deployment deployment, ReplicaSet fresh) {
        if (fresh == null) {
            return deployment;
        }
        String revision = Long.toString(DeploymentReplicaSets.revisionOf(fresh));
        Map<String, String> annotations = deployment.getMetadata().getAnnotations();
        if (annotations != null
                && revision.equals(annotations.get(DeploymentReplicaSets.REVISION_ANNOTATION))) {
            return deployment;
        }
        Map<String, String> updated =
                annotations == null ? new HashMap<>() : new HashMap<>(annotations);
        updated.put(DeploymentReplicaSets.REVISION_ANNOTATION, revision);
        deployment.getMetadata().setAnnotations(updated);
        return client.apps().deployments().resource(deployment).update();
    }

    private static long generation(Deployment deployment) {
        Long generation = deployment.getMetadata().getGeneration();
        return generation == null ? 1 : generation;
    }
}
