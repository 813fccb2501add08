package dev.vigil.engine;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.resources.ServerTls;
import dev.vigil.validation.FieldError;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** Whose credentials, or which connection, a Secret holds. */
    public enum Role {
        /** The database administrator (MongoDB root, PostgreSQL superuser). */
        ADMIN,
        /** The exporter's least-privilege user. */
        MONITORING,
        /** PostgreSQL standbys' replication user. */
        REPLICATION,
        /** External mode: the user the exporter logs in as. */
        EXTERNAL,
        /** External mode: the connection URI the exporter uses. */
        URI,
        /** MongoDB: the key file members authenticate each other with. */
        KEYFILE
    }

    /** Credentials and a fingerprint of the Secret version they came from. */
    public record Versioned(DatabaseCredentials credentials, String fingerprint) {}

    private final MonitoredDatabase database;
    private final OwnedResources owned;
    private final KubernetesClient client;
    private final Map<Role, String> names = new EnumMap<>(Role.class);
    private final List<FieldError> problems = new ArrayList<>();
    private Optional<String> uri = Optional.empty();
    private ClientTls tls = ClientTls.NONE;
    private boolean tlsPending;

    private SecretReferences(
            MonitoredDatabase database, OwnedResources owned, KubernetesClient client) {
        this.database = database;
        this.owned = owned;
        this.client = client;
    }

    /**
     * Looks up the Secrets {@code engine} declares for {@code database}; {@link #problems()} tell
     * which are missing or incomplete.
     */
    public static SecretReferences resolve(
            MonitoredDatabase database,
            DatabaseEngine engine,
            OwnedResources owned,
            KubernetesClient client) {
        SecretReferences references = new SecretReferences(database, owned, client);
        for (SecretReference reference : engine.secrets(database)) {
            if (reference.key().isPresent()) {
                references.readValue(reference);
            } else {
                references.need(reference);
            }
        }
        if (ServerTls.enabled(database)) {
            references.checkTls(engine.tlsNeedsCa());
        }
        return references;
    }

    /**
     * Whether the TLS Secret is usable. One the spec names must be now (a problem otherwise); one
     * cert-manager issues is waited for ({@link #tlsPending}).
     */
    private void checkTls(boolean needsCa) {
        String name = ServerTls.secretName(database);
        boolean issued = ServerTls.issuer(database).isPresent();
        String field = issued ? "spec.tls.issuer" : "spec.tls.secretName";
        Optional<Secret> secret = fetch(name);
        List<FieldError> found = TlsSecretCheck.problems(needsCa, field, name, secret);
        if (found.isEmpty()) {
            tls = ClientTls.encrypted(SecretCredentials.value(secret.get(), ServerTls.CA_KEY));
        } else if (issued && TlsSecretCheck.notIssuedYet(secret)) {
            tlsPending = true;
        } else {
            problems.addAll(found);
        }
    }

    /** Whether cert-manager has not written the TLS Secret yet: the database waits for it. */
    public boolean tlsPending() {
        return tlsPending;
    }

    public List<FieldError> problems() {
        return problems;
    }

    /** The value of a Secret declared with a key (a connection URI), when it holds one. */
    public Optional<String> uri() {
        return uri;
    }

    /** Names of every Secret of the database but a connection URI's, for status. */
    public List<String> names() {
        return names.entrySet().stream()
                .filter(entry -> entry.getKey() != Role.URI)
                .map(Map.Entry::getValue)
                .toList();
    }

    /** The credentials of {@code role}, once its Secret exists. */
    public Optional<DatabaseCredentials> credentials(Role role) {
        return versioned(role).map(Versioned::credentials);
    }

    /** The credentials of {@code role} with the version of their Secret. */
    public Optional<Versioned> versioned(Role role) {
        return Optional.ofNullable(names.get(role))
                .flatMap(this::fetch)
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
     * Registers the Secret of {@code reference}'s role; when the spec names it, it must exist now.
     */
    private void need(SecretReference reference) {
        names.put(reference.role(), reference.name());
        reference
                .specField()
                .ifPresent(
                        field ->
                                problems.addAll(
                                        SecretCredentials.problems(
                                                field, reference.name(), fetch(reference.name()))));
    }

    /** Reads the one value {@code reference} names, which must be there now. */
    private void readValue(SecretReference reference) {
        names.put(reference.role(), reference.name());
        String field = reference.specField().orElseThrow();
        String key = reference.key().orElseThrow();
        Optional<Secret> secret = fetch(reference.name());
        if (secret.isEmpty()) {
            problems.add(
                    new FieldError(
                            field,
                            "Secret \""
                                    + reference.name()
                                    + "\" does not exist in this namespace"));
            return;
        }
        uri = SecretCredentials.value(secret.get(), key);
        if (uri.isEmpty()) {
            problems.add(
                    new FieldError(
                            field,
                            "Secret \"" + reference.name() + "\" has no key \"" + key + "\""));
        }
    }

    private Optional<Secret> fetch(String name) {
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
