package dev.vigil.reconciler;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.PassContext;
import dev.vigil.resources.CertManagerCertificate;
import dev.vigil.resources.ServerTls;
import dev.vigil.status.Reason;
import dev.vigil.validation.FieldError;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Optional;

/**
 * Server TLS before anything is applied: with {@code spec.tls.issuer}, makes the cert-manager
 * Certificate exist as {@link CertManagerCertificate} builds it (a read each pass, a write only
 * when it differs), and says why the database must wait: cert-manager is not installed, or has not
 * issued the Secret yet. While it waits, nothing running changes, as pods would not start without
 * their TLS Secret.
 */
final class CertManagerStep implements PassStep {

    private final boolean crdInstalled;

    /**
     * @param crdInstalled whether {@link CertManagerCertificate#CRD} exists
     */
    CertManagerStep(boolean crdInstalled) {
        this.crdInstalled = crdInstalled;
    }

    /**
     * With {@code spec.tls.issuer}: refuses the spec while cert-manager is missing; otherwise keeps
     * the Certificate in place and waits until cert-manager has written its Secret, since the pods
     * cannot start without it.
     */
    @Override
    public StepResult run(PassContext pass) {
        MonitoredDatabase database = pass.defaulted();
        if (ServerTls.issuer(database).isEmpty()) {
            return StepResult.PROCEED;
        }
        String field = "spec.tls.issuer";
        if (!crdInstalled) {
            return StepResult.stop(
                    StepResult.Kind.REFUSED,
                    Reason.CERT_MANAGER_NOT_INSTALLED,
                    List.of(
                            new FieldError(
                                    field,
                                    "cert-manager is not installed (no CRD "
                                            + CertManagerCertificate.CRD
                                            + "): install it, or name a TLS Secret in"
                                            + " spec.tls.secretName instead")),
                    true);
        }
        ensure(
                CertManagerCertificate.build(
                        database, pass.engine().clientServices(database), pass.clusterDomain()),
                pass);
        if (pass.secrets().tlsPending()) {
            return StepResult.stop(
                    StepResult.Kind.WAITING,
                    Reason.CERTIFICATE_PENDING,
                    List.of(
                            new FieldError(
                                    field,
                                    "waiting for cert-manager to issue Secret \""
                                            + ServerTls.secretName(database)
                                            + "\" (Certificate \""
                                            + ServerTls.certificateName(database)
                                            + "\"); see kubectl describe certificate")),
                    true);
        }
        return StepResult.PROCEED;
    }

    /**
     * Applies the Certificate like every object Vigil owns; it is read from the API server, as its
     * kind is not cached (cert-manager may be installed after the operator started).
     */
    private static void ensure(GenericKubernetesResource desired, PassContext pass) {
        GenericKubernetesResource live =
                pass.client()
                        .genericKubernetesResources(CertManagerCertificate.CONTEXT)
                        .inNamespace(desired.getMetadata().getNamespace())
                        .withName(desired.getMetadata().getName())
                        .get();
        pass.applier().apply(desired, Optional.ofNullable(live));
    }
}
