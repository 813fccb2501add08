package dev.vigil.reconciler;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.OwnedResources;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deletes the objects Vigil created for a database that its spec no longer implies. Applying only
 * creates and updates what the builders return, so an object they stop returning would otherwise
 * stay: the NetworkPolicy once {@code spec.network.policy.enabled} turns false, and the
 * PodDisruptionBudget once the database shrinks to a single member (a budget over one pod would
 * only block the drains of its node).
 *
 * <p>Only these kinds come and go with the spec; every other object a database owns exists as long
 * as the database does. Objects owned by anything else are never touched.
 */
final class UnwantedObjects {

    /** The kinds whose objects a spec change can make unwanted. */
    static final List<Class<? extends HasMetadata>> OPTIONAL_KINDS =
            List.of(NetworkPolicy.class, PodDisruptionBudget.class, CronJob.class);

    private UnwantedObjects() {}

    /**
     * Deletes every object of an {@link #OPTIONAL_KINDS optional kind} that {@code database} owns
     * and {@code desired} does not hold.
     *
     * @param desired every object built for the database in this pass
     */
    static void delete(
            MonitoredDatabase database,
            List<HasMetadata> desired,
            OwnedResources owned,
            KubernetesClient client) {
        for (Class<? extends HasMetadata> kind : OPTIONAL_KINDS) {
            Set<String> wanted = namesOf(kind, desired);
            owned.all(kind).stream()
                    .filter(object -> !wanted.contains(object.getMetadata().getName()))
                    .filter(object -> ownedBy(object, database))
                    .forEach(object -> client.resource(object).delete());
        }
    }

    private static Set<String> namesOf(
            Class<? extends HasMetadata> kind, List<HasMetadata> desired) {
        return desired.stream()
                .filter(kind::isInstance)
                .map(object -> object.getMetadata().getName())
                .collect(Collectors.toSet());
    }

    private static boolean ownedBy(HasMetadata object, MonitoredDatabase database) {
        List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
        return owners != null
                && owners.stream()
                        .anyMatch(o -> Objects.equals(o.getUid(), database.getMetadata().getUid()));
    }
}
