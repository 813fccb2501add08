package dev.vigil.e2e.bench;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The benchmark's view of a fleet's namespace: a watch on its MonitoredDatabases and on every kind
 * Vigil renders for them. Looking costs the API server nothing more than the watches, so measuring
 * does not slow down what is measured (listing 8000 objects every 200 ms did, noticeably).
 */
final class FleetWatch implements AutoCloseable {

    private static final long LOOK_MILLIS = 50;

    private final String namespace;
    private final Map<Class<? extends HasMetadata>, Set<String>> expected = new HashMap<>();
    private final SharedIndexInformer<MonitoredDatabase> databases;
    private final Map<Class<? extends HasMetadata>, SharedIndexInformer<? extends HasMetadata>>
            children = new HashMap<>();

    FleetWatch(KubernetesClient admin, String namespace, List<HasMetadata> rendered) {
        this.namespace = namespace;
        for (HasMetadata object : rendered) {
            expected.computeIfAbsent(object.getClass(), k -> new HashSet<>())
                    .add(object.getMetadata().getName());
        }
        expected.putIfAbsent(StatefulSet.class, new HashSet<>());
        databases = admin.resources(MonitoredDatabase.class).inNamespace(namespace).inform();
        for (Class<? extends HasMetadata> kind : expected.keySet()) {
            children.put(kind, admin.resources(kind).inNamespace(namespace).inform());
        }
    }

    /** How many objects were rendered. */
    int objects() {
        return expected.values().stream().mapToInt(Set::size).sum();
    }

    /**
     * Every rendered object exists (by kind and name) and every database's status has {@code
     * observedGeneration == generation}.
     */
    boolean converged() {
        for (MonitoredDatabase database : databases.getStore().list()) {
            if (!observed(database)) {
                return false;
            }
        }
        for (Map.Entry<Class<? extends HasMetadata>, Set<String>> kind : expected.entrySet()) {
            Set<String> present =
                    children.get(kind.getKey()).getStore().list().stream()
                            .map(o -> o.getMetadata().getName())
                            .collect(Collectors.toSet());
            if (!present.containsAll(kind.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The StatefulSet controller has reported on the current generation of every StatefulSet. */
    boolean statefulSetsObserved() {
        return statefulSets().stream()
                .allMatch(
                        s ->
                                s.getStatus() != null
                                        && Objects.equals(
                                                s.getStatus().getObservedGeneration(),
                                                s.getMetadata().getGeneration()));
    }

    List<StatefulSet> statefulSets() {
        List<StatefulSet> sets = new ArrayList<>();
        for (HasMetadata object : children.get(StatefulSet.class).getStore().list()) {
            sets.add((StatefulSet) object);
        }
        return sets;
    }

    /** The StatefulSet {@code name}, as last seen; null when there is none. */
    StatefulSet statefulSet(String name) {
        return statefulSets().stream()
                .filter(s -> s.getMetadata().getName().equals(name))
                .findFirst()
                .orElse(null);
    }

    /** The database {@code name}, as last seen; null when there is none. */
    MonitoredDatabase database(String name) {
        return databases.getStore().getByKey(namespace + "/" + name);
    }

    List<MonitoredDatabase> databases() {
        return databases.getStore().list();
    }

    /** Waits, looking every 50 ms, until {@code condition} holds. */
    static void await(BooleanSupplier condition, Duration limit, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not happen within " + limit);
            }
            Thread.sleep(LOOK_MILLIS);
        }
    }

    private static boolean observed(MonitoredDatabase database) {
        return database.getStatus() != null
                && Objects.equals(
                        database.getStatus().getObservedGeneration(),
                        database.getMetadata().getGeneration());
    }

    @Override
    public void close() {
        databases.close();
        children.values().forEach(SharedIndexInformer::close);
    }
}
