package dev.vigil.reconciler;

import dev.vigil.api.v1alpha1.CredentialsSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.model.ResourceNames;
import dev.vigil.model.validation.FieldError;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The credential Secrets of one database: the ones the spec names (which must exist and hold {@code
 * username} and {@code password}) and the ones Vigil generates.
 *
 * <p>Generated Secrets are read from the informer cache; Secrets the user names carry no Vigil
 * label, are not cached, and are read from the API server.
 */
final class SecretReferences {

    private final MonitoredDatabase database;
    private final OwnedResources owned;
    private final String adminName;
    private final Optional<String> monitoringName;
    private final List<FieldError> problems = new ArrayList<>();

    private SecretReferences(MonitoredDatabase database, OwnedResources owned) {
        this.database = database;
        this.owned = owned;
        this.adminName = ResourceNames.adminSecret(database);
        this.monitoringName =
                database.getSpec().getExporter().getEnabled()
                        ? Optional.of(ResourceNames.monitoringSecret(database))
                        : Optional.empty();
    }

    /** Looks up the Secrets the spec names; problems tell which are missing or incomplete. */
    static SecretReferences resolve(
            MonitoredDatabase database, OwnedResources owned, KubernetesClient client) {
        SecretReferences references = new SecretReferences(database, owned);
        CredentialsSpec spec = database.getSpec().getCredentials();
        if (spec != null && spec.getAdminSecretName() != null) {
            references.problems.addAll(
                    SecretCredentials.problems(
                            "spec.credentials.adminSecretName",
                            spec.getAdminSecretName(),
                            references.fetch(client, spec.getAdminSecretName())));
        }
        if (spec != null
                && spec.getMonitoringSecretName() != null
                && references.monitoringName.isPresent()) {
            references.problems.addAll(
                    SecretCredentials.problems(
                            "spec.credentials.monitoringSecretName",
                            spec.getMonitoringSecretName(),
                            references.fetch(client, spec.getMonitoringSecretName())));
        }
        return references;
    }

    List<FieldError> problems() {
        return problems;
    }

    /** Names of every credential Secret of the database, for status. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(adminName);
        monitoringName.ifPresent(names::add);
        names.add(ResourceNames.keyfileSecret(database));
        return names;
    }

    /** The administrator's credentials, once the Secret exists. */
    Optional<DatabaseCredentials> admin(KubernetesClient client) {
        return fetch(client, adminName).flatMap(SecretCredentials::read);
    }

    /** The exporter's monitoring user, when the exporter runs and its Secret exists. */
    Optional<MongoReplicaSetStep.MonitoringUser> monitoringUser(KubernetesClient client) {
        return monitoringName.flatMap(
                name ->
                        fetch(client, name)
                                .flatMap(
                                        secret ->
                                                SecretCredentials.read(secret)
                                                        .map(
                                                                credentials ->
                                                                        new MongoReplicaSetStep
                                                                                .MonitoringUser(
                                                                                credentials,
                                                                                fingerprint(
                                                                                        secret)))));
    }

    private Optional<Secret> fetch(KubernetesClient client, String name) {
        Optional<Secret> cached = owned.find(Secret.class, name);
        if (cached.isPresent()) {
            return cached;
        }
        return Optional.ofNullable(
                client.secrets()
                        .inNamespace(database.getMetadata().getNamespace())
                        .withName(name)
                        .get());
    }

    private static String fingerprint(Secret secret) {
        return secret.getMetadata().getUid() + "/" + secret.getMetadata().getResourceVersion();
    }
}
