package dev.vigil.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.api.v1alpha1.CredentialsSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.testing.TestDatabases;
import org.junit.jupiter.api.Test;

class ResourceNamesTest {

    @Test
    void derivesEveryObjectNameFromTheResourceName() {
        MonitoredDatabase db = TestDatabases.mongo("catalog", "shop");

        assertThat(ResourceNames.statefulSet(db)).isEqualTo("catalog");
        assertThat(ResourceNames.clientService(db)).isEqualTo("catalog");
        assertThat(ResourceNames.membersService(db)).isEqualTo("catalog-members");
        assertThat(ResourceNames.metricsService(db)).isEqualTo("catalog-metrics");
        assertThat(ResourceNames.exporterDeployment(db)).isEqualTo("catalog-exporter");
        assertThat(ResourceNames.config(db)).isEqualTo("catalog-config");
        assertThat(ResourceNames.keyfileSecret(db)).isEqualTo("catalog-keyfile");
        assertThat(ResourceNames.adminSecret(db)).isEqualTo("catalog-admin");
        assertThat(ResourceNames.monitoringSecret(db)).isEqualTo("catalog-monitoring");
        assertThat(ResourceNames.generatesAdminSecret(db)).isTrue();
        assertThat(ResourceNames.generatesMonitoringSecret(db)).isTrue();
    }

    @Test
    void usesTheSecretsTheSpecNames() {
        MonitoredDatabase db = TestDatabases.mongo("catalog", "shop");
        CredentialsSpec credentials = new CredentialsSpec();
        credentials.setAdminSecretName("root-from-vault");
        credentials.setMonitoringSecretName("metrics-from-vault");
        db.getSpec().setCredentials(credentials);

        assertThat(ResourceNames.adminSecret(db)).isEqualTo("root-from-vault");
        assertThat(ResourceNames.monitoringSecret(db)).isEqualTo("metrics-from-vault");
        assertThat(ResourceNames.generatesAdminSecret(db)).isFalse();
        assertThat(ResourceNames.generatesMonitoringSecret(db)).isFalse();
        // the generated names stay what they are, e.g. for cleaning up after a switch
        assertThat(ResourceNames.generatedAdminSecret(db)).isEqualTo("catalog-admin");
    }

    @Test
    void namesThePostgresqlServicesPodsAndReplicationSecret() {
        MonitoredDatabase db = TestDatabases.mongo("ledger", "finance");

        assertThat(ResourceNames.readWriteService(db)).isEqualTo("ledger-rw");
        assertThat(ResourceNames.readOnlyService(db)).isEqualTo("ledger-ro");
        assertThat(ResourceNames.memberPod(db, 2)).isEqualTo("ledger-2");
        assertThat(ResourceNames.replicationSecret(db)).isEqualTo("ledger-replication");
        assertThat(ResourceNames.generatesReplicationSecret(db)).isTrue();

        CredentialsSpec credentials = new CredentialsSpec();
        credentials.setReplicationSecretName("replication-from-vault");
        db.getSpec().setCredentials(credentials);

        assertThat(ResourceNames.replicationSecret(db)).isEqualTo("replication-from-vault");
        assertThat(ResourceNames.generatesReplicationSecret(db)).isFalse();
        assertThat(ResourceNames.generatedReplicationSecret(db)).isEqualTo("ledger-replication");
    }

    @Test
    void emptySecretNameCountsAsUnset() {
        MonitoredDatabase db = TestDatabases.mongo("catalog", "shop");
        CredentialsSpec credentials = new CredentialsSpec();
        credentials.setAdminSecretName("");
        db.getSpec().setCredentials(credentials);

        assertThat(ResourceNames.adminSecret(db)).isEqualTo("catalog-admin");
        assertThat(ResourceNames.generatesAdminSecret(db)).isTrue();
    }

    @Test
    void aMemberPodNameGivesBackItsOrdinalAndNoOtherNameDoes() {
        MonitoredDatabase db = TestDatabases.mongo("catalog", "shop");

        assertThat(ResourceNames.memberOrdinal(db, ResourceNames.memberPod(db, 12))).hasValue(12);
        assertThat(ResourceNames.memberOrdinal(db, "catalog-x")).isEmpty();
        assertThat(ResourceNames.memberOrdinal(db, "catalog-")).isEmpty();
        assertThat(ResourceNames.memberOrdinal(db, "catalog-exporter-0")).isEmpty();
        assertThat(ResourceNames.memberOrdinal(db, "orders-1")).isEmpty();
        assertThat(ResourceNames.memberOrdinal(db, null)).isEmpty();
    }

    @Test
    void memberHostIsThePodNameUnderTheHeadlessService() {
        MonitoredDatabase db = TestDatabases.mongo("catalog", "shop");

        assertThat(ResourceNames.memberHost(db, 2, ResourceNames.DEFAULT_CLUSTER_DOMAIN))
                .isEqualTo("catalog-2.catalog-members.shop.svc.cluster.local");
        assertThat(ResourceNames.memberHost(db, 0, "corp.example"))
                .isEqualTo("catalog-0.catalog-members.shop.svc.corp.example");
    }

    @Test
    void memberAddressesListEveryMemberInOrdinalOrderWithThePort() {
        MonitoredDatabase db = TestDatabases.mongo("catalog", "shop");

        assertThat(ResourceNames.memberAddresses(db, 3, "cluster.local"))
                .containsExactly(
                        "catalog-0.catalog-members.shop.svc.cluster.local:27017",
                        "catalog-1.catalog-members.shop.svc.cluster.local:27017",
                        "catalog-2.catalog-members.shop.svc.cluster.local:27017");
        assertThat(ResourceNames.memberAddresses(db, 0, "cluster.local")).isEmpty();
    }

    @Test
    void memberHostNeedsANamespaceAndANonNegativeOrdinal() {
        MonitoredDatabase withoutNamespace = TestDatabases.mongo("catalog", "shop");
        withoutNamespace.getMetadata().setNamespace(null);

        assertThatThrownBy(() -> ResourceNames.memberHost(withoutNamespace, 0, "cluster.local"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metadata.namespace");
        assertThatThrownBy(
                        () ->
                                ResourceNames.memberHost(
                                        TestDatabases.mongo("catalog", "shop"),
                                        -1,
                                        "cluster.local"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
