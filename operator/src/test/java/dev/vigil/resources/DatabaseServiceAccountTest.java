package dev.vigil.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.StandardLabels;
import dev.vigil.testing.TestDatabases;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import org.junit.jupiter.api.Test;

class DatabaseServiceAccountTest {

    private final MonitoredDatabase database =
            SchemaDefaults.withDefaults(TestDatabases.mongo("catalog", "shop"));

    @Test
    void isNamedAfterTheDatabaseAndOwnedByIt() {
        ServiceAccount account =
                DatabaseServiceAccount.build(database, StandardLabels.COMPONENT_DATABASE);

        assertThat(account.getMetadata().getName()).isEqualTo("catalog");
        assertThat(account.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(account.getMetadata().getOwnerReferences()).hasSize(1);
        assertThat(account.getMetadata().getLabels())
                .containsEntry(StandardLabels.MANAGED_BY, StandardLabels.MANAGED_BY_VIGIL)
                .containsEntry(StandardLabels.COMPONENT, StandardLabels.COMPONENT_DATABASE);
    }

    @Test
    void doesNotMountItsToken() {
        ServiceAccount account =
                DatabaseServiceAccount.build(database, StandardLabels.COMPONENT_METRICS);

        assertThat(account.getAutomountServiceAccountToken()).isFalse();
        assertThat(account.getSecrets()).isEmpty();
    }
}
