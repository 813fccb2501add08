package dev.vigil.reconciler;

import dev.vigil.api.v1alpha1.DatabaseMode;
import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.SecretKeyReference;
import dev.vigil.engine.ClientTls;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.external.ConnectionUriPorts;
import dev.vigil.names.ResourceNames;
import dev.vigil.resources.ServerTls;
import dev.vigil.validation.FieldError;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The credential Secrets of one database, by the role of the user they hold: the ones the spec
 * names (which must exist and hold {@code username} and {@code password}) and the ones Vigil
 * generates; and, with {@code spec.tls}, the TLS Secret, whose CA the credentials carry so that
 * every connection Vigil makes uses TLS ({@link ClientTls}).
 *
 * <p>Generated Secrets are read from the informer cache; Secrets the user names carry no Vigil
 * label, are not cached, and are read from the API server.
 */
public final class SecretReferences {

    /** Whose credentials a Secret holds. */
    public enum Role {
        /** The database administrator (MongoDB root, PostgreSQL superuser). */
        ADMIN,
        /** The exporter's least-privilege user. */
        MONITORING,
        /** PostgreSQL standbys' replication user. */
        REPLICATION,
        /** External mode: the user the exporter logs in as. */
        EXTERNAL
    }

    /** Credentials and a fingerprint of the Secret version they came from. */
    public record Versioned(DatabaseCredentials credentials, String fingerprint) {}

    private final MonitoredDatabase database;
    private final OwnedResources owned;
    private final Map<Role, String> names = new EnumMap<>(Role.class);
    private final List<FieldError> problems = new ArrayList<>();
    private Set<Integer> externalUriPorts = Set.of();
    private ClientTls tls = ClientTls.NONE;
    private boolean tlsPending;

    private SecretReferences(MonitoredDatabase database, OwnedResources owned) {
        this.database = database;
        this.owned = owned;
    }

    /** Looks up the Secrets the spec names; problems tell which are missing or incomplete. */
    static SecretReferences resolve(
            MonitoredDatabase database, OwnedResources owned, KubernetesClient client) {
        SecretReferences references = new SecretReferences(database, owned);
        var spec = database.getSpec();
        if (spec.getMode() == DatabaseMode.External) {
            references.need(
                    client,
                    Role.EXTERNAL,
                    spec.getExternal().getCredentialsSecretName(),
                    Optional.of("spec.external.credentialsSecretName"));
            references.checkUriSecret(client, spec.getExternal().getUriSecret());
            return references;
        }
        var given = Optional.ofNullable(spec.getCredentials());
        references.need(
                client,
                Role.ADMIN,
                ResourceNames.adminSecret(database),
                given.map(c -> c.getAdminSecretName())
                        .map(n -> "spec.credentials.adminSecretName"));
        if (spec.getExporter().getEnabled()) {
            references.need(
                    client,
                    Role.MONITORING,
                    ResourceNames.monitoringSecret(database),
                    given.map(c -> c.getMonitoringSecretName())
                            .map(n -> "spec.credentials.monitoringSecretName"));
        }
        if (spec.getEngine() == Engine.PostgreSQL) {
            references.need(
                    client,
                    Role.REPLICATION,
                    ResourceNames.replicationSecret(database),
                    given.map(c -> c.getReplicationSecretName())
                            .map(n -> "spec.credentials.replicationSecretName"));
        }
        if (ServerTls.enabled(database)) {
            references.checkTls(client);
        }
        return references;
    }

    /**
     * Whether the TLS Secret is usable. One the spec names must be now (a problem otherwise); one
     * cert-manager issues is waited for ({@link #tlsPending}).
     */
    private void checkTls(KubernetesClient client) {
        String name = ServerTls.secretName(database);
        boolean issued = ServerTls.issuer(database).isPresent();
        String field = issued ? "spec.tls.issuer" : "spec.tls.secretName";
        Optional<Secret> secret = fetch(client, name);
        List<FieldError> found = TlsSecretCheck.problems(database, field, name, secret);
        if (found.isEmpty()) {
            tls = ClientTls.encrypted(SecretCredentials.value(secret.get(), ServerTls.CA_KEY));
        } else if (issued && TlsSecretCheck.notIssuedYet(secret)) {
            tlsPending = true;
        } else {
            problems.addAll(found);
        }
    }

    /** Whether cert-manager has not written the TLS Secret yet: the database waits for it. */
    boolean tlsPending() {
        return tlsPending;
    }

    List<FieldError> problems() {
        return problems;
    }

    /**
     * External mode with {@code spec.external.uriSecret}: the ports of the URI in it, for the
     * exporter's NetworkPolicy; empty when unknown or when the database has no URI Secret.
     */
    Set<Integer> externalUriPorts() {
        return externalUriPorts;
    }

    /** Names of every credential Secret of the database, for status. */
    List<String> names() {
        List<String> all = new ArrayList<>(names.values());
        if (database.getSpec().getMode() == DatabaseMode.Managed
                && database.getSpec().getEngine() == Engine.MongoDB) {
            all.add(ResourceNames.keyfileSecret(database));
        }
        return all;
    }

    /** The credentials of {@code role}, once its Secret exists. */
    public Optional<DatabaseCredentials> credentials(KubernetesClient client, Role role) {
        return versioned(client, role).map(Versioned::credentials);
    }

    /** The credentials of {@code role} with the version of their Secret. */
    public Optional<Versioned> versioned(KubernetesClient client, Role role) {
        return Optional.ofNullable(names.get(role))
                .flatMap(name -> fetch(client, name))
                .flatMap(
                        secret ->
                                SecretCredentials.read(secret)
                                        .map(
                                                c ->
                                                        new Versioned(
                                                                c.withTls(tls),
                                                                fingerprint(secret))));
    }

    /**
     * Registers the Secret of {@code role}; when the spec names it ({@code specField}), it must
     * exist now.
     */
    private void need(KubernetesClient client, Role role, String name, Optional<String> specField) {
        names.put(role, name);
        specField.ifPresent(
                field ->
                        problems.addAll(
                                SecretCredentials.problems(field, name, fetch(client, name))));
    }

    private void checkUriSecret(KubernetesClient client, SecretKeyReference uriSecret) {
        if (uriSecret == null) {
            return;
        }
        Optional<Secret> secret = fetch(client, uriSecret.getName());
        String field = "spec.external.uriSecret";
        if (secret.isEmpty()) {
            problems.add(
                    new FieldError(
                            field,
                            "Secret \""
                                    + uriSecret.getName()
                                    + "\" does not exist in this"
                                    + " namespace"));
            return;
        }
        Optional<String> uri = SecretCredentials.value(secret.get(), uriSecret.getKey());
        if (uri.isPresent()) {
            externalUriPorts = ConnectionUriPorts.of(uri.get(), database.getSpec().getEngine());
        } else {
            problems.add(
                    new FieldError(
                            field,
                            "Secret \""
                                    + uriSecret.getName()
                                    + "\" has no key \""
                                    + uriSecret.getKey()
                                    + "\""));
        }
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
