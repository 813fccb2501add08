package dev.vigil.e2e.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class StatefulSetRevisionTest {

    private final StatefulSet set = StatefulSets.postgres("db", 3);

    @Test
    void theRevisionIsNamedAfterTheSetAndTheTemplateHash() {
        StatefulSetRevision revision = StatefulSetRevision.of(set);

        assertThat(revision.name()).isEqualTo("db-" + TemplateHash.of(set.getSpec().getTemplate()));
        assertThat(revision.hash()).isEqualTo(TemplateHash.of(set.getSpec().getTemplate()));
    }

    @Test
    void aControllerRevisionReadBackFromTheServerGivesTheSameTemplate() {
        KubernetesSerialization serialization = new KubernetesSerialization();
        ControllerRevision stored = StatefulSetRevision.of(set).toControllerRevision(set, 4);
        ControllerRevision readBack =
                serialization.unmarshal(serialization.asJson(stored), ControllerRevision.class);

        StatefulSetRevision revision =
                StatefulSetRevision.fromControllerRevision(readBack).orElseThrow();

        assertThat(readBack.getRevision()).isEqualTo(4L);
        assertThat(readBack.getMetadata().getLabels())
                .containsEntry("app", "db")
                .containsEntry("controller.kubernetes.io/hash", revision.hash());
        assertThat(revision).isEqualTo(StatefulSetRevision.of(set));
        assertThat(TemplateHash.of(revision.template()))
                .isEqualTo(TemplateHash.of(set.getSpec().getTemplate()));
    }
}
