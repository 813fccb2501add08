package dev.vigil.e2e.bench;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reaction to a spec edit: {@code work_mem} of some Managed PostgreSQL databases is changed, all at
 * once, while the rest of the fleet keeps the operator busy; for each, the time from its edit until
 * the benchmark's watch sees its StatefulSet's new generation (the pod template patched).
 */
final class SpecEditReaction {

    private static final Duration LIMIT = Duration.ofMinutes(10);

    private final KubernetesClient admin;
    private final String namespace;
    private final FleetWatch watch;

    SpecEditReaction(KubernetesClient admin, String namespace, FleetWatch watch) {
        this.admin = admin;
        this.namespace = namespace;
        this.watch = watch;
    }

    /** Edits {@code databases} and returns each one's reaction, in seconds, sorted. */
    List<Double> measure(List<String> databases) throws InterruptedException {
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

    /** The nearest-rank percentile {@code p} (0 to 100) of sorted {@code values}. */
    static double percentile(List<Double> values, double p) {
        int rank = (int) Math.ceil(p / 100.0 * values.size());
        return values.get(Math.max(0, rank - 1));
    }
}
