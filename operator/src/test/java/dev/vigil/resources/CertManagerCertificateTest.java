package dev.vigil.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.DatabaseEngines;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cert-manager Certificate Vigil asks for with {@code spec.tls.issuer}. */
class CertManagerCertificateTest {

    private static MonitoredDatabase database(String engine, String version) {
        return SchemaDefaults.withDefaults(
                Serialization.unmarshal(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: ledger, namespace: apps, uid: 1234}
                        spec:
                          engine: %s
                          version: "%s"
                          replicas: 2
                          tls: {enabled: true, issuer: {name: internal-ca}}
                        """
                                .formatted(engine, version),
                        MonitoredDatabase.class));
    }

    @Test
    void namesEveryPostgresServiceInEveryFormAndEveryMember() {
        assertThat(dnsNames(database("PostgreSQL", "16.4"), "cluster.local"))
                .containsExactly(
                        "ledger-rw",
                        "ledger-rw.apps",
                        "ledger-rw.apps.svc",
                        "ledger-rw.apps.svc.cluster.local",
                        "ledger-ro",
                        "ledger-ro.apps",
                        "ledger-ro.apps.svc",
                        "ledger-ro.apps.svc.cluster.local",
                        "ledger-members",
                        "ledger-members.apps",
                        "ledger-members.apps.svc",
                        "ledger-members.apps.svc.cluster.local",
                        "ledger-0.ledger-members.apps.svc.cluster.local",
                        "ledger-1.ledger-members.apps.svc.cluster.local",
                        "*.ledger-members.apps.svc",
                        "*.ledger-members.apps.svc.cluster.local");
    }

    @Test
    void mongoDbHasOneClientService() {
        assertThat(dnsNames(database("MongoDB", "7.0.14"), "corp.example"))
                .contains("ledger", "ledger.apps.svc.corp.example", "*.ledger-members.apps.svc")
                .doesNotContain("ledger-rw");
    }

    @Test
    @SuppressWarnings("unchecked")
    void isOwnedByTheDatabaseAndServesServersAndClients() {
        GenericKubernetesResource certificate =
                build(database("MongoDB", "7.0.14"), "cluster.local");

        assertThat(certificate.getApiVersion()).isEqualTo("cert-manager.io/v1");
        assertThat(certificate.getKind()).isEqualTo("Certificate");
        assertThat(certificate.getMetadata().getName()).isEqualTo("ledger-tls");
        assertThat(certificate.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(owner -> assertThat(owner.getController()).isTrue());
        Map<String, Object> spec = (Map<String, Object>) certificate.get("spec");
        assertThat(spec).containsEntry("secretName", "ledger-tls");
        assertThat((List<String>) spec.get("usages")).contains("server auth", "client auth");
        assertThat((Map<String, Object>) spec.get("issuerRef"))
                .containsEntry("name", "internal-ca")
                .containsEntry("kind", "Issuer");
    }

    /** The names of the certificate of {@code database}, with its engine's client Services. */
    private static List<String> dnsNames(MonitoredDatabase database, String clusterDomain) {
        return CertManagerCertificate.dnsNames(
                database,
                DatabaseEngines.of(database.getSpec()).clientServices(database),
                clusterDomain);
    }

    private static GenericKubernetesResource build(
            MonitoredDatabase database, String clusterDomain) {
        return CertManagerCertificate.build(
                database,
                DatabaseEngines.of(database.getSpec()).clientServices(database),
                clusterDomain);
    }
}
