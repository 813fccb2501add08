package dev.vigil.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.TlsSecretCheck;
import dev.vigil.resources.CertManagerCertificate;
import dev.vigil.resources.ServerTls;
import dev.vigil.status.ConditionType;
import dev.vigil.status.Reason;
import dev.vigil.testing.kube.DatabaseView;
import dev.vigil.testing.kube.RunningOperator;
import dev.vigil.testing.kube.TemporaryCrds;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code spec.tls} on a real API server: a named TLS Secret must exist with its keys, a
 * cert-manager issuer needs cert-manager, and until the certificate's Secret exists no StatefulSet
 * is created.
 */
class TlsReconcilerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private RunningOperator operator;
    private String namespace;
    private KubernetesClient client;
    private TemporaryCrds crds;

    @BeforeEach
    void start() {
        operator = RunningOperator.withoutDatabases();
        namespace = operator.namespace();
        client = operator.client();
        crds = new TemporaryCrds(client);
    }

    @AfterEach
    void stop() {
        try {
            operator.close();
        } finally {
            crds.close();
        }
    }

    @Test
    void aNamedTlsSecretMustExistWithItsKeysBeforeAnythingRuns() {
        create("orders", "{enabled: true, secretName: orders-cert}");
        DatabaseView view = new DatabaseView(client, namespace, "orders");

        awaitReady(view, Reason.INVALID_SPEC, "spec.tls.secretName");
        assertThat(view.condition(ConditionType.READY).getMessage())
                .contains("Secret \"orders-cert\" does not exist in this namespace");
        assertThat(view.statefulSet()).isNull();

        tlsSecret("orders-cert", Map.of("tls.crt", "cert", "tls.key", "key"));
        awaitReady(view, Reason.INVALID_SPEC, TlsSecretCheck.MONGODB_NEEDS_CA);
        assertThat(view.statefulSet()).isNull();

        tlsSecret("orders-cert", Map.of("tls.crt", "cert", "tls.key", "key", "ca.crt", "ca"));
        await().atMost(WAIT).until(() -> view.statefulSet() != null);
        assertThat(view.statefulSet().getSpec().getTemplate().getSpec().getVolumes())
                .anySatisfy(
                        volume -> {
                            assertThat(volume.getName()).isEqualTo(ServerTls.VOLUME);
                            assertThat(volume.getSecret().getSecretName()).isEqualTo("orders-cert");
                        });
    }

    @Test
    void anIssuerWithoutCertManagerWaitsAndSaysSo() {
        create("orders", "{enabled: true, issuer: {name: internal-ca, kind: ClusterIssuer}}");
        DatabaseView view = new DatabaseView(client, namespace, "orders");

        awaitReady(view, Reason.CERT_MANAGER_NOT_INSTALLED, "spec.tls.issuer");
        assertThat(view.condition(ConditionType.READY).getMessage())
                .contains("cert-manager is not installed");
        assertThat(view.eventReasons()).contains(Reason.CERT_MANAGER_NOT_INSTALLED);
        assertThat(view.statefulSet()).isNull();
    }

    @Test
    void anIssuerGetsACertificateAndTheDatabaseWaitsForItsSecret() {
        create("orders", "{enabled: true, issuer: {name: internal-ca, kind: ClusterIssuer}}");
        DatabaseView view = new DatabaseView(client, namespace, "orders");
        awaitReady(view, Reason.CERT_MANAGER_NOT_INSTALLED, "spec.tls.issuer");

        installCertManagerCrd();
        awaitReady(view, Reason.CERTIFICATE_PENDING, "spec.tls.issuer");
        assertThat(view.current().getStatus().getPhase())
                .as("waiting for cert-manager is no invalid spec")
                .isEqualTo("Creating");
        assertThat(view.condition(ConditionType.PROGRESSING).getStatus()).isEqualTo("True");
        GenericKubernetesResource certificate = certificate("orders-tls");
        assertThat(certificate).isNotNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) certificate.get("spec");
        assertThat(spec)
                .containsEntry("secretName", "orders-tls")
                .containsEntry(
                        "issuerRef",
                        Map.of(
                                "name", "internal-ca",
                                "kind", "ClusterIssuer",
                                "group", "cert-manager.io"));
        assertThat(certificate.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(owner -> assertThat(owner.getName()).isEqualTo("orders"));
        assertThat(view.statefulSet()).isNull();

        // What cert-manager does once the issuer signed.
        tlsSecret("orders-tls", Map.of("tls.crt", "cert", "tls.key", "key", "ca.crt", "ca"));
        await().atMost(WAIT).until(() -> view.statefulSet() != null);
        await().atMost(WAIT)
                .until(
                        () ->
                                !Reason.CERTIFICATE_PENDING.equals(
                                        view.condition(ConditionType.READY).getReason()));
    }

    private void create(String name, String tls) {
        client.resource(
                        Serialization.unmarshal(
                                """
                                apiVersion: vigil.dev/v1alpha1
                                kind: MonitoredDatabase
                                metadata: {name: %s, namespace: %s}
                                spec:
                                  engine: MongoDB
                                  version: "7.0.14"
                                  replicas: 3
                                  tls: %s
                                """
                                        .formatted(name, namespace, tls),
                                MonitoredDatabase.class))
                .create();
    }

    private void awaitReady(DatabaseView view, String reason, String messagePart) {
        await().atMost(WAIT)
                .untilAsserted(
                        () -> {
                            Condition ready = view.condition(ConditionType.READY);
                            assertThat(ready).isNotNull();
                            assertThat(ready.getStatus()).isEqualTo("False");
                            assertThat(ready.getReason()).isEqualTo(reason);
                            assertThat(ready.getMessage()).contains(messagePart);
                        });
    }

    private void tlsSecret(String name, Map<String, String> data) {
        client.resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .withNamespace(namespace)
                                .endMetadata()
                                .withType("kubernetes.io/tls")
                                .withStringData(data)
                                .build())
                .createOr(existing -> existing.update());
    }

    private GenericKubernetesResource certificate(String name) {
        return client.genericKubernetesResources(CertManagerCertificate.CONTEXT)
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    /** A cert-manager Certificate CRD (any spec) for the rest of the test: what Vigil checks. */
    private void installCertManagerCrd() {
        crds.install(
                new CustomResourceDefinitionBuilder()
                        .withNewMetadata()
                        .withName(CertManagerCertificate.CRD)
                        .endMetadata()
                        .withNewSpec()
                        .withGroup(CertManagerCertificate.CONTEXT.getGroup())
                        .withScope("Namespaced")
                        .withNewNames()
                        .withPlural(CertManagerCertificate.CONTEXT.getPlural())
                        .withKind(CertManagerCertificate.CONTEXT.getKind())
                        .endNames()
                        .addNewVersion()
                        .withName(CertManagerCertificate.CONTEXT.getVersion())
                        .withServed(true)
                        .withStorage(true)
                        .withNewSchema()
                        .withNewOpenAPIV3Schema()
                        .withType("object")
                        .withXKubernetesPreserveUnknownFields(true)
                        .endOpenAPIV3Schema()
                        .endSchema()
                        .endVersion()
                        .endSpec()
                        .build());
    }
}
