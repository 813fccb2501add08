package dev.vigil.resources;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.OwnedMetadata;
import dev.vigil.names.ResourceNames;
import dev.vigil.names.StandardLabels;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.Optional;

/**
 * The PodDisruptionBudget {@code <name>} of a Managed database's members: voluntary disruptions
 * (node drains, cluster autoscaler evictions) take at most one member at a time, so a replica set
 * or a primary with its standbys keeps a majority while nodes are drained one after another.
 *
 * <p>A database of a single member gets none: any budget that protected its only pod would block
 * every drain of its node, and one that did not would protect nothing.
 */
public final class DisruptionBudget {

    /** Members a voluntary disruption may take down at once. */
    static final int MAX_UNAVAILABLE = 1;

    private DisruptionBudget() {}

    /**
     * The budget of {@code database} running {@code members} members, or empty for a single member.
     *
     * @param members the members the StatefulSet runs
     */
    public static Optional<PodDisruptionBudget> forMembers(
            MonitoredDatabase database, int members) {
        if (members <= 1) {
            return Optional.empty();
        }
        return Optional.of(
                new PodDisruptionBudgetBuilder()
                        .withMetadata(
                                OwnedMetadata.of(
                                        database,
                                        ResourceNames.disruptionBudget(database),
                                        StandardLabels.COMPONENT_DATABASE))
                        .withNewSpec()
                        .withMaxUnavailable(new IntOrString(MAX_UNAVAILABLE))
                        .withNewSelector()
                        .withMatchLabels(
                                StandardLabels.selector(
                                        database, StandardLabels.COMPONENT_DATABASE))
                        .endSelector()
                        .endSpec()
                        .build());
    }
}
