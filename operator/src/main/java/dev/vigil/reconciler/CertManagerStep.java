package dev.vigil.reconciler;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.resources.CertManagerCertificate;
import dev.vigil.resources.ServerTls;
import dev.vigil.status.Reason;
import dev.vigil.validation.FieldError;
import dev.vigil.validation.RefusedChange;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server TLS before anything is applied: with {@code spec.tls.issuer}, makes the cert-manager
 * Certificate exist as {@link CertManagerCertificate} builds it (a read each pass, a write only
 * when it differs), and says why the database must wait: cert-manager is not installed, or has not
 * issued the Secret yet. While it waits, nothing running changes, as pods would not start without
 * their TLS Secret.
 */
final class CertManagerStep {

    /** cert-manager's CRD is missing. */
    static final String CERT_MANAGER_NOT_INSTALLED = Reason.CERT_MANAGER_NOT_INSTALLED;

    /** The Certificate exists, its Secret not yet. */
    static final String CERTIFICATE_PENDING = Reason.CERTIFICATE_PENDING;

    private static final Logger LOG = LoggerFactory.getLogger(CertManagerStep.class);

    private CertManagerStep() {}

    /**
     * Runs the step.
     *
     * @param crdInstalled whether {@link CertManagerCertificate#CRD} exists
     * @param secrets the database's Secrets, TLS included
     * @return why the database waits, or empty when it may go on
     */
    static Optional<RefusedChange> run(
            MonitoredDatabase database,
            boolean crdInstalled,
            SecretReferences secrets,
            KubernetesClient client,
            String clusterDomain) {
        if (ServerTls.issuer(database).isEmpty()) {
            return Optional.empty();
        }
        String field = "spec.tls.issuer";
        if (!crdInstalled) {
            return Optional.of(
                    new RefusedChange(
                            CERT_MANAGER_NOT_INSTALLED,
                            new FieldError(
                                    field,
                                    "cert-manager is not installed (no CRD "
                                            + CertManagerCertificate.CRD
                                            + "): install it, or name a TLS Secret in"
                                            + " spec.tls.secretName instead")));
        }
        ensure(CertManagerCertificate.build(database, clusterDomain), client);
        if (secrets.tlsPending()) {
            return Optional.of(
                    new RefusedChange(
                            CERTIFICATE_PENDING,
                            new FieldError(
                                    field,
                                    "waiting for cert-manager to issue Secret \""
                                            + ServerTls.secretName(database)
                                            + "\" (Certificate \""
                                            + ServerTls.certificateName(database)
                                            + "\"); see kubectl describe certificate")));
        }
        return Optional.empty();
    }

    /** Creates the Certificate, or replaces its spec, labels and owner when they differ. */
    static void ensure(GenericKubernetesResource desired, KubernetesClient client) {
        Resource<GenericKubernetesResource> resource =
                client.genericKubernetesResources(CertManagerCertificate.CONTEXT)
                        .inNamespace(desired.getMetadata().getNamespace())
                        .withName(desired.getMetadata().getName());
        GenericKubernetesResource live = resource.get();
        if (live == null) {
            resource.create(desired);
            LOG.info(
                    "Certificate {}/{} created",
                    desired.getMetadata().getNamespace(),
                    desired.getMetadata().getName());
            return;
        }
        if (same(desired, live)) {
            return;
        }
        resource.edit(
                current -> {
                    current.setAdditionalProperty("spec", desired.get("spec"));
                    Map<String, String> labels = new HashMap<>();
                    if (current.getMetadata().getLabels() != null) {
                        labels.putAll(current.getMetadata().getLabels());
                    }
                    labels.putAll(desired.getMetadata().getLabels());
                    current.getMetadata().setLabels(labels);
                    current.getMetadata()
                            .setOwnerReferences(desired.getMetadata().getOwnerReferences());
                    return current;
                });
        LOG.info(
                "Certificate {}/{} updated",
                desired.getMetadata().getNamespace(),
                desired.getMetadata().getName());
    }

    private static boolean same(GenericKubernetesResource desired, GenericKubernetesResource live) {
        return Objects.equals(desired.get("spec"), live.get("spec"))
                && live.getMetadata().getLabels() != null
                && live.getMetadata()
                        .getLabels()
                        .entrySet()
                        .containsAll(desired.getMetadata().getLabels().entrySet())
                && Objects.equals(
                        desired.getMetadata().getOwnerReferences(),
                        live.getMetadata().getOwnerReferences());
    }
}
