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
 * How fast the operator reacts while the rest of the fleet keeps it busy, each change made to a few
 * Managed PostgreSQL databases at once, each reaction seen through the benchmark's watch:
 *
 * <ul>
 *   <li>{@link #specEdits}: {@code work_mem} changed; from the edit until the StatefulSet's new
 *       generation (the pod template patched);
 *   <li>{@link #gateFailures}: databases whose gate checks only that the rollout completed get
 *       their pods marked Ready by {@link ReadyPods} until the gate passes; then their image is
 *       changed to one that cannot be pulled. From {@link ReadyPods} writing {@code
 *       ImagePullBackOff} on the new revision's pod until the StatefulSet's template is back on the
 *       last stable image: the first object the rollback writes.
 * </ul>
 */
final class FleetReactions {

    private static final Duration LIMIT = Duration.ofMinutes(10);

    private final KubernetesClient admin;
    private final String namespace;
    private final FleetWatch watch;

    FleetReactions(KubernetesClient admin, String namespace, FleetWatch watch) {
        this.admin = admin;
        this.namespace = namespace;
        this.watch = watch;
    }

    /** Edits {@code databases} and returns each one's reaction, in seconds, sorted. */
    List<Double> specEdits(List<String> databases) throws InterruptedException {
        Map<String, Long> generations = new HashMap<>();
        for (String name : databases) {
            generations.put(name, watch.statefulSet(name).getMetadata().getGeneration());
        }
        Map<String, Long> edited = new HashMap<>();
        for (String name : databases) {
            edited.put(name, System.nanoTime());
            admin.resources(MonitoredDatabase.class)
                    .inNamespace(namespace)
                    .withName(name)
                    .edit(
                            d -> {
                                d.getSpec().getPostgres().getParameters().put("work_mem", "8MB");
                                return d;
                            });
        }
        Map<String, Double> reactions = new HashMap<>();
        FleetWatch.await(
                () -> {
                    long now = System.nanoTime();
                    for (String name : databases) {
                        StatefulSet set = watch.statefulSet(name);
                        if (!reactions.containsKey(name)
                                && set.getMetadata().getGeneration() > generations.get(name)) {
                            reactions.put(name, (now - edited.get(name)) / 1e9);
                        }
                    }
                    return reactions.size() == databases.size();
                },
                LIMIT,
                "every edited database's StatefulSet patched");
        List<Double> sorted = new ArrayList<>(reactions.values());
        sorted.sort(Double::compare);
        return sorted;
    }

    /** Breaks {@code databases}' image and returns each one's reaction, in seconds, sorted. */
    List<Double> gateFailures(List<String> databases) throws InterruptedException {
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

    /** The nearest-rank percentile {@code p} (0 to 100) of sorted {@code values}. */
    static double percentile(List<Double> values, double p) {
        int rank = (int) Math.ceil(p / 100.0 * values.size());
        return values.get(Math.max(0, rank - 1));
    }
}
