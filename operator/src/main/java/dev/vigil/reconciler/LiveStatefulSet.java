package dev.vigil.reconciler;

import dev.vigil.names.StandardLabels;
import dev.vigil.validation.DeployedState;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Optional;

/** What a database's live StatefulSet says about what is deployed. */
final class LiveStatefulSet {

    /** The name of the data volume claim template of every engine's StatefulSet. */
    static final String DATA_VOLUME = "data";

    private LiveStatefulSet() {}

    /** The version and volume size deployed, or {@link DeployedState#NONE} before the first. */
    static DeployedState deployed(Optional<StatefulSet> statefulSet) {
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
    static Optional<Quantity> dataVolumeSize(StatefulSet statefulSet) {
        return dataVolumeTemplate(statefulSet.getSpec().getVolumeClaimTemplates())
                .map(t -> t.getSpec().getResources())
                .map(r -> r.getRequests())
                .map(requests -> requests.get("storage"));
    }

    static Optional<PersistentVolumeClaim> dataVolumeTemplate(
            List<PersistentVolumeClaim> templates) {
        return templates == null
                ? Optional.empty()
                : templates.stream()
                        .filter(t -> DATA_VOLUME.equals(t.getMetadata().getName()))
                        .findFirst();
    }
}
