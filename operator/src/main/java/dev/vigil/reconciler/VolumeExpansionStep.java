package dev.vigil.reconciler;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.LiveStatefulSet;
import dev.vigil.engine.PassContext;
import dev.vigil.status.StatusEvent;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Grows the members' volumes when {@code spec.storage.size} grows.
 *
 * <p>A StatefulSet's volume claim templates cannot change once it exists, so Vigil keeps the live
 * templates in the StatefulSet it applies and instead raises the request of each member's claim
 * ({@code data-<statefulset>-<ordinal>}); the storage class must allow volume expansion. New
 * members created later get the template's size and are grown on the next pass. A shrink never gets
 * here: {@code ChangeRules} refuses it.
 */
final class VolumeExpansionStep implements PassStep {

    static final String EVENT_VOLUME_EXPANSION = "VolumeExpansionRequested";

    /**
     * Grows the members' volume claims when {@code spec.storage.size} is above the StatefulSet's
     * claim template, which cannot change once it exists.
     */
    @Override
    public StepResult run(PassContext pass) {
        MonitoredDatabase database = pass.defaulted();
        Quantity wanted = new Quantity(database.getSpec().getStorage().getSize());
        pass.statefulSet()
                .filter(live -> mustGrow(live, wanted))
                .ifPresent(
                        live ->
                                pass.tellAll(
                                        grow(
                                                pass.client(),
                                                database,
                                                live,
                                                wanted,
                                                database.getSpec().getReplicas())));
        return StepResult.PROCEED;
    }

    private static boolean mustGrow(StatefulSet live, Quantity wanted) {
        return LiveStatefulSet.dataVolumeSize(live)
                .map(size -> wanted.getNumericalAmount().compareTo(size.getNumericalAmount()) > 0)
                .orElse(false);
    }

    /**
     * Raises every existing member claim below {@code wanted}.
     *
     * @return an Event per claim it grew
     */
    private static List<StatusEvent> grow(
            KubernetesClient client,
            MonitoredDatabase database,
            StatefulSet live,
            Quantity wanted,
            int members) {
        List<StatusEvent> events = new ArrayList<>();
        String namespace = database.getMetadata().getNamespace();
        for (int ordinal = 0; ordinal < members; ordinal++) {
            String claimName =
                    LiveStatefulSet.DATA_VOLUME
                            + "-"
                            + live.getMetadata().getName()
                            + "-"
                            + ordinal;
            PersistentVolumeClaim claim =
                    client.persistentVolumeClaims()
                            .inNamespace(namespace)
                            .withName(claimName)
                            .get();
            if (claim == null || !smaller(claim, wanted)) {
                continue;
            }
            client.persistentVolumeClaims()
                    .inNamespace(namespace)
                    .withName(claimName)
                    .edit(
                            c -> {
                                c.getSpec().getResources().getRequests().put("storage", wanted);
                                return c;
                            });
            events.add(
                    StatusEvent.normal(
                            EVENT_VOLUME_EXPANSION,
                            "volume " + claimName + " asked to grow to " + wanted));
        }
        return events;
    }

    private static boolean smaller(PersistentVolumeClaim claim, Quantity wanted) {
        Quantity current = claim.getSpec().getResources().getRequests().get("storage");
        return current == null
                || current.getNumericalAmount().compareTo(wanted.getNumericalAmount()) < 0;
    }
}
