package dev.vigil.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.testing.TestDatabases;
import org.junit.jupiter.api.Test;

class StandardLabelsTest {

    @Test
    void selectorNeverCarriesTheVersionSoAnUpgradeKeepsSelectingThePods() {
        MonitoredDatabase db = TestDatabases.mongo("catalog", "shop");

        assertThat(StandardLabels.selector(db, StandardLabels.COMPONENT_DATABASE))
                .containsExactly(
                        entry("app.kubernetes.io/name", "mongodb"),
                        entry("app.kubernetes.io/instance", "catalog"),
                        entry("app.kubernetes.io/component", "database"));
    }

    @Test
    void podLabelsAddPartOfManagedByAndVersion() {
        MonitoredDatabase db = TestDatabases.mongo("catalog", "shop");

        assertThat(StandardLabels.forPod(db, StandardLabels.COMPONENT_DATABASE))
                .containsAllEntriesOf(
                        StandardLabels.selector(db, StandardLabels.COMPONENT_DATABASE))
                .contains(
                        entry("app.kubernetes.io/part-of", "vigil"),
                        entry("app.kubernetes.io/managed-by", "vigil-operator"),
                        entry("app.kubernetes.io/version", "7.0.14"));
        assertThat(StandardLabels.forObject(db, StandardLabels.COMPONENT_METRICS))
                .containsEntry("app.kubernetes.io/component", "metrics")
                .doesNotContainKey("app.kubernetes.io/version");
    }

    @Test
    void nameIsTheEngine() {
        assertThat(Engine.MongoDB.kubernetesName()).isEqualTo("mongodb");
        assertThat(Engine.PostgreSQL.kubernetesName()).isEqualTo("postgresql");
    }
}
