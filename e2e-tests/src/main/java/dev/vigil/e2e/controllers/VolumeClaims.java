package dev.vigil.e2e.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The PersistentVolumeClaims of a StatefulSet's pods, as the real controller makes them: one per
 * volume claim template and ordinal, named {@code <claim>-<set>-<ordinal>}, labelled with the
 * template's labels and the set's selector, and bound at once (this cluster has no storage to
 * provision). Who owns a claim follows {@code persistentVolumeClaimRetentionPolicy}: with {@code
 * whenDeleted: Delete} the set owns it, so the garbage collector deletes it with the set; with
 * {@code whenScaled: Delete} the pod owns it once the pod's ordinal is at or above {@code
 * spec.replicas}, so it goes with the pod; {@code Retain}, the default, leaves it unowned.
 */
public final class VolumeClaims {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private VolumeClaims() {}

    /** {@code <claim template>-<set>-<ordinal>}. */
    public static String claimName(PersistentVolumeClaim template, StatefulSet set, int ordinal) {
        return template.getMetadata().getName() + "-" + set.getMetadata().getName() + "-" + ordinal;
    }

    /** The claim of {@code ordinal} from {@code template}, owned by {@code owners}, Bound. */
    public static PersistentVolumeClaim newClaim(
            StatefulSet set,
            PersistentVolumeClaim template,
            int ordinal,
            List<OwnerReference> owners) {
        PersistentVolumeClaim claim = SERIALIZATION.clone(template);
        ObjectMeta meta = claim.getMetadata();
        Map<String, String> labels = new LinkedHashMap<>();
        if (meta.getLabels() != null) {
            labels.putAll(meta.getLabels());
        }
        if (set.getSpec().getSelector() != null
                && set.getSpec().getSelector().getMatchLabels() != null) {
            labels.putAll(set.getSpec().getSelector().getMatchLabels());
        }
        meta.setName(claimName(template, set, ordinal));
        meta.setNamespace(set.getMetadata().getNamespace());
        meta.setLabels(labels);
        meta.setOwnerReferences(owners.isEmpty() ? null : owners);
        meta.setResourceVersion(null);
        meta.setUid(null);
        claim.setStatus(bound(claim));
        return claim;
    }

    /** What the persistent volume controller reports once it has bound the claim. */
    static io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus bound(
            PersistentVolumeClaim claim) {
        Quantity requested =
                claim.getSpec() == null
                                || claim.getSpec().getResources() == null
                                || claim.getSpec().getResources().getRequests() == null
                        ? null
                        : claim.getSpec().getResources().getRequests().get("storage");
        PersistentVolumeClaimStatusBuilder status =
                new PersistentVolumeClaimStatusBuilder().withPhase("Bound");
        if (claim.getSpec() != null && claim.getSpec().getAccessModes() != null) {
            status.withAccessModes(claim.getSpec().getAccessModes());
        }
        if (requested != null) {
            status.withCapacity(Map.of("storage", requested));
        }
        return status.build();
    }

    /**
     * The owner references a claim should have under the retention policy: {@code existing} without
     * references to {@code set} or {@code pod}, plus the ones the policy asks for.
     *
     * @param pod the pod the claim belongs to, or null when it does not exist
     * @param scaledDown whether the pod's ordinal is at or above {@code spec.replicas}
     */
    public static List<OwnerReference> retentionOwners(
            List<OwnerReference> existing,
            StatefulSetSettings settings,
            StatefulSet set,
            Pod pod,
            boolean scaledDown) {
        List<OwnerReference> owners = new ArrayList<>();
        if (existing != null) {
            for (OwnerReference ref : existing) {
                boolean toSet = Objects.equals(ref.getUid(), set.getMetadata().getUid());
                boolean toPod =
                        pod != null && Objects.equals(ref.getUid(), pod.getMetadata().getUid());
                if (!toSet && !toPod) {
                    owners.add(ref);
                }
            }
        }
        boolean podOwns = settings.deleteClaimsOnScaleDown() && scaledDown && pod != null;
        boolean setOwns = settings.deleteClaimsWithSet() && !(scaledDown && podOwns);
        if (setOwns) {
            owners.add(ownerRef(set));
        }
        if (podOwns) {
            owners.add(ownerRef(pod));
        }
        return owners;
    }

    /**
     * Whether the claim for a pod about to be created is stale: it is being deleted, or still owned
     * by an earlier pod of the same name (scaled down with {@code whenScaled: Delete}); the pod
     * must wait for it to go.
     */
    public static boolean isStale(PersistentVolumeClaim claim, String podName) {
        if (claim.getMetadata().getDeletionTimestamp() != null) {
            return true;
        }
        List<OwnerReference> refs = claim.getMetadata().getOwnerReferences();
        return refs != null
                && refs.stream()
                        .anyMatch(r -> "Pod".equals(r.getKind()) && podName.equals(r.getName()));
    }

    /** A plain owner reference, as the controller's {@code setOwnerRef} writes it. */
    static OwnerReference ownerRef(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .build();
    }

    /** Whether two owner lists name the same owners (by UID), in any order. */
    static boolean sameOwners(List<OwnerReference> a, List<OwnerReference> b) {
        List<String> left = uids(a);
        List<String> right = uids(b);
        return left.size() == right.size() && left.containsAll(right);
    }

    private static List<String> uids(List<OwnerReference> refs) {
        return refs == null ? List.of() : refs.stream().map(OwnerReference::getUid).toList();
    }
}
