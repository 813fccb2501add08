package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.DatabaseMode;
import dev.vigil.api.v1alpha1.MonitorKind;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.RollbackPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class SchemaDefaultsTest {

    private static MonitoredDatabase parse(String yaml) {
        return Serialization.unmarshal(yaml, MonitoredDatabase.class);
    }

    @Test
    void fillsDefaultsFromTheCrdSchemaIncludingAbsentParentObjects() {
        MonitoredDatabase db =
                parse(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: catalog, namespace: shop}
                        spec: {engine: MongoDB, version: "7.0.14"}
                        """);

        MonitoredDatabase defaulted = SchemaDefaults.withDefaults(db);

        assertThat(defaulted.getSpec().getMode()).isEqualTo(DatabaseMode.Managed);
        assertThat(defaulted.getSpec().getReplicas()).isEqualTo(1);
        assertThat(defaulted.getSpec().getStorage().getSize()).isEqualTo("10Gi");
        assertThat(defaulted.getSpec().getStorage().getRetainOnDelete()).isTrue();
        assertThat(defaulted.getSpec().getExporter().getEnabled()).isTrue();
        assertThat(defaulted.getSpec().getMonitoring().getKind())
                .isEqualTo(MonitorKind.ServiceMonitor);
        assertThat(defaulted.getSpec().getMonitoring().getDashboards().getEnabled()).isTrue();
        assertThat(defaulted.getSpec().getHealthGate().getRollback())
                .isEqualTo(RollbackPolicy.Automatic);
        assertThat(defaulted.getSpec().getMongodb().getReplicaSetName()).isEqualTo("rs0");
        // objects without defaults below them stay absent
        assertThat(defaulted.getSpec().getExternal()).isNull();
        assertThat(defaulted.getSpec().getResources()).isNull();
    }

    @Test
    void keepsWhatTheUserWroteAndLeavesTheInputUntouched() {
        MonitoredDatabase db =
                parse(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: catalog, namespace: shop}
                        spec:
                          engine: MongoDB
                          version: "7.0.14"
                          replicas: 3
                          storage: {size: 50Gi, retainOnDelete: false}
                        """);

        MonitoredDatabase defaulted = SchemaDefaults.withDefaults(db);

        assertThat(defaulted.getSpec().getReplicas()).isEqualTo(3);
        assertThat(defaulted.getSpec().getStorage().getSize()).isEqualTo("50Gi");
        assertThat(defaulted.getSpec().getStorage().getRetainOnDelete()).isFalse();
        assertThat(defaulted.getSpec().getStorage().getRetainOnScaleDown()).isTrue();
        assertThat(db.getSpec().getMode()).isNull();
        assertThat(db.getSpec().getStorage().getRetainOnScaleDown()).isNull();
    }
}
