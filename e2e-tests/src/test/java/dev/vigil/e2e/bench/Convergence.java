package dev.vigil.e2e.bench;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A fleet has converged when every object rendered for it exists (by kind and name) and every
 * database's status has {@code observedGeneration == generation}. Looked at every 200 ms, one list
 * per kind.
 */
final class Convergence {

    private static final long POLL_MILLIS = 200;

    private final KubernetesClient admin;
    private final String namespace;
    private final Map<Class<? extends HasMetadata>, Set<String>> expected = new HashMap<>();

    Convergence(KubernetesClient admin, String namespace, List<HasMetadata> rendered) {
        this.admin = admin;
        this.namespace = namespace;
        for (HasMetadata object : rendered) {
            expected.computeIfAbsent(object.getClass(), k -> new HashSet<>())
                    .add(object.getMetadata().getName());
        }
    }

    /** How many objects were rendered. */
    int objects() {
        return expected.values().stream().mapToInt(Set::size).sum();
    }

    void await(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!converged()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the fleet did not converge within " + limit);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private boolean converged() {
        for (MonitoredDatabase database :
                admin.resources(MonitoredDatabase.class).inNamespace(namespace).list().getItems()) {
            if (database.getStatus() == null
                    || !Objects.equals(
                            database.getStatus().getObservedGeneration(),
                            database.getMetadata().getGeneration())) {
                return false;
            }
        }
        for (Map.Entry<Class<? extends HasMetadata>, Set<String>> kind : expected.entrySet()) {
            Set<String> present =
                    admin.resources(kind.getKey()).inNamespace(namespace).list().getItems().stream()
                            .map(o -> o.getMetadata().getName())
                            .collect(Collectors.toSet());
            if (!present.containsAll(kind.getValue())) {
                return false;
            }
        }
        return true;
    }
}
