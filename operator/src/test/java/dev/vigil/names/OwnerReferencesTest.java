package dev.vigil.names;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.testing.TestDatabases;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class OwnerReferencesTest {

    @Test
    void controllerReferenceToTheCustomResource() {
        MonitoredDatabase db = TestDatabases.mongo("catalog", "shop");
        db.getMetadata().setUid("5f0c7e1a-3b2d-4c8e-9f61-0a1b2c3d4e5f");

        OwnerReference reference = OwnerReferences.controllerOf(db);

        assertThat(reference.getApiVersion()).isEqualTo("vigil.dev/v1alpha1");
        assertThat(reference.getKind()).isEqualTo("MonitoredDatabase");
        assertThat(reference.getName()).isEqualTo("catalog");
        assertThat(reference.getUid()).isEqualTo("5f0c7e1a-3b2d-4c8e-9f61-0a1b2c3d4e5f");
        assertThat(reference.getController()).isTrue();
        assertThat(reference.getBlockOwnerDeletion()).isTrue();
    }

    @Test
    void leavesTheUidOutWhenTheResourceHasNoneRatherThanInventingOne() {
        MonitoredDatabase db = TestDatabases.mongo("catalog", "shop");

        OwnerReference reference = OwnerReferences.controllerOf(db);

        assertThat(reference.getUid()).isNull();
        assertThat(Serialization.asYaml(reference)).doesNotContain("uid");
        assertThat(reference.getName()).isEqualTo("catalog");
        assertThat(reference.getController()).isTrue();
    }

    @Test
    void treatsAnEmptyUidAsNone() {
        MonitoredDatabase db = TestDatabases.mongo("catalog", "shop");
        db.getMetadata().setUid("");

        assertThat(OwnerReferences.controllerOf(db).getUid()).isNull();
    }
}
