package dev.vigil.engine;

import dev.vigil.names.StandardLabels;
import dev.vigil.validation.DeployedState;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a database's live StatefulSet says about what is deployed. */
public final class LiveStatefulSet {

    /** The name of the data volume claim template of every engine's StatefulSet. */
    public static final String DATA_VOLUME = "data";

    private LiveStatefulSet() {}

    /** The version and volume size deployed, or {@link DeployedState#NONE} before the first. */
    public static DeployedState deployed(Optional<StatefulSet> statefulSet) {
        if (statefulSet.isEmpty()) {
            return DeployedState.NONE;
        }
        StatefulSet live = statefulSet.get();
        Optional<String> version =
                Optional.ofNullable(live.getSpec().getTemplate().getMetadata())
                        .map(m -> m.getLabels())
                        .map(labels -> labels.get(StandardLabels.VERSION));
        return new DeployedState(version, dataVolumeSize(live).map(Quantity::toString));
    }

    /** The storage request of the data volume claim template. */
    public static Optional<Quantity> dataVolumeSize(StatefulSet statefulSet) {
        return dataVolumeTemplate(statefulSet.getSpec().getVolumeClaimTemplates())
                .map(t -> t.getSpec().getResources())
                .map(r -> r.getRequests())
                .map(requests -> requests.get("storage"));
    }

    public static Optional<PersistentVolumeClaim> dataVolumeTemplate(
            List<PersistentVolumeClaim> templates) {
        return templates == null
                ? Optional.empty()
                : templates.stream()
                        .filter(t -> DATA_VOLUME.equals(t.getMetadata().getName()))
                        .findFirst();
    }

    /** The StatefulSet's ready pods, 0 before its controller reported any. */
    public static int readyReplicas(StatefulSet statefulSet) {
        StatefulSetStatus status = statefulSet.getStatus();
        return status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
    }

    /** The StatefulSet controller has rolled the latest revision out to every pod. */
    public static boolean rolledOut(StatefulSet statefulSet) {
        StatefulSetStatus status = statefulSet.getStatus();
        if (status == null) {
            return false;
        }
        boolean observed =
                Objects.equals(
                        status.getObservedGeneration(), statefulSet.getMetadata().getGeneration());
        boolean sameRevision =
                status.getUpdateRevision() == null
                        || Objects.equals(status.getCurrentRevision(), status.getUpdateRevision());
        return observed && sameRevision;
    }
}
