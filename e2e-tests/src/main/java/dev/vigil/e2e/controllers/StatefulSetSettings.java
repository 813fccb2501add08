package dev.vigil.e2e.controllers;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;

/**
 * The parts of a StatefulSet's spec the controller acts on, with the defaults the API server
 * applies to {@code apps/v1} (1 replica, {@code OrderedReady}, {@code RollingUpdate} with partition
 * 0, history limit 10, claims retained), so an object written without them behaves as on a real
 * cluster.
 *
 * @param replicas {@code spec.replicas}
 * @param parallel {@code podManagementPolicy: Parallel}; otherwise OrderedReady
 * @param onDelete {@code updateStrategy.type: OnDelete}; otherwise RollingUpdate
 * @param partition {@code updateStrategy.rollingUpdate.partition}
 * @param minReadySeconds {@code spec.minReadySeconds}
 * @param revisionHistoryLimit {@code spec.revisionHistoryLimit}
 * @param deleteClaimsWithSet {@code persistentVolumeClaimRetentionPolicy.whenDeleted: Delete}
 * @param deleteClaimsOnScaleDown {@code persistentVolumeClaimRetentionPolicy.whenScaled: Delete}
 */
public record StatefulSetSettings(
        int replicas,
        boolean parallel,
        boolean onDelete,
        int partition,
        int minReadySeconds,
        int revisionHistoryLimit,
        boolean deleteClaimsWithSet,
        boolean deleteClaimsOnScaleDown) {

    /** The settings of {@code set}, defaults applied. */
    public static StatefulSetSettings of(StatefulSet set) {
        StatefulSetSpec spec = set.getSpec();
        StatefulSetUpdateStrategy strategy = spec.getUpdateStrategy();
        boolean onDelete = strategy != null && "OnDelete".equals(strategy.getType());
        int partition =
                strategy == null
                                || strategy.getRollingUpdate() == null
                                || strategy.getRollingUpdate().getPartition() == null
                        ? 0
                        : strategy.getRollingUpdate().getPartition();
        StatefulSetPersistentVolumeClaimRetentionPolicy retention =
                spec.getPersistentVolumeClaimRetentionPolicy();
        return new StatefulSetSettings(
                orDefault(spec.getReplicas(), 1),
                "Parallel".equals(spec.getPodManagementPolicy()),
                onDelete,
                partition,
                orDefault(spec.getMinReadySeconds(), 0),
                orDefault(spec.getRevisionHistoryLimit(), 10),
                retention != null && "Delete".equals(retention.getWhenDeleted()),
                retention != null && "Delete".equals(retention.getWhenScaled()));
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
