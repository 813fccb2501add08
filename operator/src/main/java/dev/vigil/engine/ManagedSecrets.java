package dev.vigil.engine;

import dev.vigil.api.v1alpha1.CredentialsSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.SecretReferences.Role;
import dev.vigil.names.ResourceNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The credential Secrets every database Vigil runs has, whatever its engine: the administrator's,
 * and the exporter's when it runs. Each is the one {@code spec.credentials} names, or the one Vigil
 * generates.
 */
public final class ManagedSecrets {

    private ManagedSecrets() {}

    /** The administrator's Secret, and the monitoring user's when the exporter runs. */
    public static List<SecretReference> of(MonitoredDatabase defaulted) {
        List<SecretReference> secrets = new ArrayList<>();
        secrets.add(
                given(
                        defaulted,
                        Role.ADMIN,
                        ResourceNames.adminSecret(defaulted),
                        CredentialsSpec::getAdminSecretName,
                        "adminSecretName"));
        if (defaulted.getSpec().getExporter().getEnabled()) {
            secrets.add(
                    given(
                            defaulted,
                            Role.MONITORING,
                            ResourceNames.monitoringSecret(defaulted),
                            CredentialsSpec::getMonitoringSecretName,
                            "monitoringSecretName"));
        }
        return secrets;
    }

    /**
     * The Secret of {@code role}: {@code name}, which the spec names in {@code
     * spec.credentials.<field>} when the user chose it.
     */
    public static SecretReference given(
            MonitoredDatabase defaulted,
            Role role,
            String name,
            Function<CredentialsSpec, String> field,
            String fieldName) {
        Optional<String> specField =
                Optional.ofNullable(defaulted.getSpec().getCredentials())
                        .map(field)
                        .map(n -> "spec.credentials." + fieldName);
        return SecretReference.credentials(role, name, specField);
    }
}
