package dev.vigil.e2e.bench;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.RolloutStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reaction to a hard failure of the health gate: some Managed PostgreSQL databases, whose gate
 * checks only that the rollout completed, get their pods marked Ready by {@link ReadyPods} until
 * the gate passes; then their image is changed, all at once, to one that cannot be pulled, while
 * the rest of the fleet keeps the operator busy. For each, the time from {@link ReadyPods} writing
 * {@code ImagePullBackOff} on the new revision's pod until the benchmark's watch sees the
 * StatefulSet's template back on the last stable image: the first object the rollback writes.
 */
final class GateFailureReaction {

    private static final Duration LIMIT = Duration.ofMinutes(10);

    private final KubernetesClient admin;
    private final String namespace;
    private final FleetWatch watch;

    GateFailureReaction(KubernetesClient admin, String namespace, FleetWatch watch) {
        this.admin = admin;
        this.namespace = namespace;
        this.watch = watch;
    }

    /** Breaks {@code databases}' image and returns each one's reaction, in seconds, sorted. */
    List<Double> measure(List<String> databases) throws InterruptedException {
        if (databases.isEmpty()) {
            return List.of();
        }
        try (ReadyPods kubelet = new ReadyPods(admin, namespace, Set.copyOf(databases))) {
            FleetWatch.await(
                    () -> {
                        kubelet.check();
                        return databases.stream().allMatch(this::gatePassed);
                    },
                    LIMIT,
                    "the health gate of every gate target passed");
            Map<String, Long> generations = new HashMap<>();
            for (String name : databases) {
                generations.put(name, watch.statefulSet(name).getMetadata().getGeneration());
                admin.resources(MonitoredDatabase.class)
                        .inNamespace(namespace)
                        .withName(name)
                        .edit(
                                d -> {
                                    d.getSpec()
                                            .setImage(
                                                    ReadyPods.UNPULLABLE_REGISTRY
                                                            + "postgres:"
                                                            + d.getSpec().getVersion());
                                    return d;
                                });
            }
            Map<String, Double> reactions = new HashMap<>();
            FleetWatch.await(
                    () -> {
                        kubelet.check();
                        long now = System.nanoTime();
                        for (String name : databases) {
                            if (!reactions.containsKey(name)
                                    && kubelet.imageFailureNanos(name).isPresent()
                                    && rolledBack(watch.statefulSet(name), generations.get(name))) {
                                reactions.put(
                                        name, (now - kubelet.imageFailureNanos(name).get()) / 1e9);
                            }
                        }
                        return reactions.size() == databases.size();
                    },
                    LIMIT,
                    "every gate target's StatefulSet rolled back");
            List<Double> sorted = new ArrayList<>(reactions.values());
            sorted.sort(Double::compare);
            return sorted;
        }
    }

    /** The gate passed the database's current generation: it is the last stable spec. */
    private boolean gatePassed(String name) {
        MonitoredDatabase database = watch.database(name);
        if (database == null || database.getStatus() == null) {
            return false;
        }
        RolloutStatus rollout = database.getStatus().getRollout();
        return rollout != null
                && Objects.equals(
                        rollout.getLastStableGeneration(), database.getMetadata().getGeneration());
    }

    /**
     * The StatefulSet was patched twice since {@code generation} (to the unpullable image, then
     * back) and its template names no unpullable image.
     */
    private static boolean rolledBack(StatefulSet statefulSet, long generation) {
        return statefulSet.getMetadata().getGeneration() >= generation + 2
                && statefulSet.getSpec().getTemplate().getSpec().getContainers().stream()
                        .noneMatch(c -> c.getImage().startsWith(ReadyPods.UNPULLABLE_REGISTRY));
    }
}
