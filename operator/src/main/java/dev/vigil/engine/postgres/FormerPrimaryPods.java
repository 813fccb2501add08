package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.OwnedResources;
import dev.vigil.names.ResourceNames;
import dev.vigil.status.StatusEvent;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the pods of members that still run as a primary beside the designated one. The pod
 * template no longer changes when the primary moves, so nothing else would restart them; their
 * StatefulSet re-creates them, and the bootstrap of the new pod rewinds the data into a standby of
 * the designated primary ({@link PostgresPrimaryConfigMap}).
 */
final class FormerPrimaryPods {

    private static final Logger LOG = LoggerFactory.getLogger(FormerPrimaryPods.class);

    private FormerPrimaryPods() {}

    /**
     * Deletes the pod of each of {@code ordinals} that is not already terminating.
     *
     * @param primary the member that stays the primary
     * @return an Event per pod deleted
     */
    static List<StatusEvent> restart(
            KubernetesClient client,
            OwnedResources owned,
            MonitoredDatabase database,
            List<Integer> ordinals,
            int primary) {
        List<StatusEvent> events = new ArrayList<>();
        String primaryPod = ResourceNames.memberPod(database, primary);
        for (int ordinal : ordinals) {
            String name = ResourceNames.memberPod(database, ordinal);
            Optional<Pod> pod = owned.pod(name);
            if (pod.isEmpty() || pod.get().getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            client.pods()
                    .inNamespace(database.getMetadata().getNamespace())
                    .withName(name)
                    .delete();
            LOG.info(
                    "Deleted pod {}/{}: it still ran as a PostgreSQL primary beside {}; its"
                            + " bootstrap rewinds it into a standby",
                    database.getMetadata().getNamespace(),
                    name,
                    primaryPod);
            events.add(
                    StatusEvent.warning(
                            PostgresClusterStep.EVENT_FORMER_PRIMARY_RESTARTED,
                            name
                                    + " still ran as a primary beside "
                                    + primaryPod
                                    + "; deleted its pod so that it rejoins as a standby through"
                                    + " pg_rewind"));
        }
        return events;
    }
}
