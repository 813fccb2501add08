package dev.vigil.e2e.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolumeClaimsTest {

    private final StatefulSet set = StatefulSets.postgres("db", 3);
    private final PersistentVolumeClaim template = set.getSpec().getVolumeClaimTemplates().get(0);
    private final Pod pod =
            new PodBuilder()
                    .withNewMetadata()
                    .withName("db-2")
                    .withUid("pod-uid")
                    .endMetadata()
                    .build();

    @Test
    void aClaimIsNamedAfterTemplateSetAndOrdinalLabelledAndBound() {
        PersistentVolumeClaim claim = VolumeClaims.newClaim(set, template, 2, List.of());

        assertThat(claim.getMetadata().getName()).isEqualTo("data-db-2");
        assertThat(claim.getMetadata().getNamespace()).isEqualTo("test");
        assertThat(claim.getMetadata().getLabels())
                .containsEntry("app", "db")
                .containsEntry("tier", "storage");
        assertThat(claim.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(claim.getStatus().getPhase()).isEqualTo("Bound");
        assertThat(claim.getStatus().getCapacity().get("storage").toString()).isEqualTo("1Gi");
    }

    @Test
    void retainRetainLeavesTheClaimUnowned() {
        assertThat(owners(false, false, false)).isEmpty();
        assertThat(owners(false, false, true)).isEmpty();
    }

    @Test
    void whenDeletedDeleteHandsTheClaimToTheSet() {
        assertThat(owners(true, false, false)).containsExactly("StatefulSet");
        assertThat(owners(true, false, true)).containsExactly("StatefulSet");
    }

    @Test
    void whenScaledDeleteHandsTheClaimOfAScaledDownPodToThePod() {
        assertThat(owners(false, true, false)).isEmpty();
        assertThat(owners(false, true, true)).containsExactly("Pod");
        assertThat(owners(true, true, false)).containsExactly("StatefulSet");
        assertThat(owners(true, true, true)).containsExactly("Pod");
    }

    @Test
    void foreignOwnersAreKept() {
        OwnerReference foreign =
                new OwnerReferenceBuilder().withKind("Backup").withName("b").withUid("u").build();

        List<OwnerReference> owners =
                VolumeClaims.retentionOwners(
                        List.of(foreign, VolumeClaims.ownerRef(set)),
                        settings(false, false),
                        set,
                        pod,
                        false);

        assertThat(owners).containsExactly(foreign);
    }

    @Test
    void aClaimStillOwnedByAnEarlierPodOfTheSameNameIsStale() {
        PersistentVolumeClaim claim = VolumeClaims.newClaim(set, template, 2, List.of());
        PersistentVolumeClaim owned =
                VolumeClaims.newClaim(set, template, 2, List.of(VolumeClaims.ownerRef(pod)));

        assertThat(VolumeClaims.isStale(claim, "db-2")).isFalse();
        assertThat(VolumeClaims.isStale(owned, "db-2")).isTrue();
    }

    private List<String> owners(boolean withSet, boolean onScaleDown, boolean scaledDown) {
        return VolumeClaims.retentionOwners(
                        null, settings(withSet, onScaleDown), set, pod, scaledDown)
                .stream()
                .map(OwnerReference::getKind)
                .toList();
    }

    private static StatefulSetSettings settings(boolean withSet, boolean onScaleDown) {
        return new StatefulSetSettings(3, false, false, 0, 0, 10, withSet, onScaleDown);
    }
}
