package dev.vigil.e2e.reliability.kills;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;

/**
 * A database and its StatefulSet as read now, and whether it has settled: its status at its
 * generation (Ready, or RolledBack after a failed change) and every member of the StatefulSet's
 * current revision ready.
 */
public record SettledDatabase(MonitoredDatabase database, StatefulSet statefulSet) {

    public static SettledDatabase of(KubernetesClient client, String namespace, String name) {
        return new SettledDatabase(
                client.resources(MonitoredDatabase.class)
                        .inNamespace(namespace)
                        .withName(name)
                        .get(),
                client.apps().statefulSets().inNamespace(namespace).withName(name).get());
    }

    /** Ready at its generation, its Ready condition True, the StatefulSet rolled out. */
    public boolean ready() {
        return atGeneration("Ready")
                && database.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))
                && rolledOut();
    }

    /** Its generation is the last stable one: it passed its health gate. */
    public boolean passedItsGate() {
        return database != null
                && database.getStatus() != null
                && database.getStatus().getRollout() != null
                && Objects.equals(
                        database.getStatus().getRollout().getLastStableGeneration(),
                        database.getMetadata().getGeneration());
    }

    /** Rolled back from its generation, the StatefulSet back on the stable revision and ready. */
    public boolean rolledBack() {
        return atGeneration("RolledBack")
                && Objects.equals(
                        database.getStatus().getRollout().getRolledBackFrom(),
                        database.getMetadata().getGeneration())
                && rolledOut();
    }

    private boolean atGeneration(String phase) {
        return database != null
                && database.getStatus() != null
                && phase.equals(database.getStatus().getPhase())
                && Objects.equals(
                        database.getStatus().getObservedGeneration(),
                        database.getMetadata().getGeneration());
    }

    private boolean rolledOut() {
        if (statefulSet == null || statefulSet.getStatus() == null) {
            return false;
        }
        var status = statefulSet.getStatus();
        return Objects.equals(
                        status.getObservedGeneration(), statefulSet.getMetadata().getGeneration())
                && Objects.equals(status.getCurrentRevision(), status.getUpdateRevision())
                && Objects.equals(status.getReadyReplicas(), statefulSet.getSpec().getReplicas());
    }
}
