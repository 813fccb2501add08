package dev.vigil.resources;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.credentials.CredentialSecrets;
import dev.vigil.names.ResourceNames;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the Secrets Vigil generates for a Managed database, whatever the engine: each user's
 * Secret only when the spec names no existing one, with a new password from the generator. The
 * engine says which users it has and what they are called, and adds Secrets of its own.
 *
 * <p>They are create-only: generated once and never updated, so a password is never regenerated
 * under a running database; {@link CredentialSecrets} says how their values are written. The
 * Secrets come out in the order they were asked for, and each password is generated when its Secret
 * is asked for.
 */
public final class GeneratedSecrets {

    private final MonitoredDatabase database;
    private final CredentialGenerator credentials;
    private final List<Secret> secrets = new ArrayList<>();

    private GeneratedSecrets(MonitoredDatabase database, CredentialGenerator credentials) {
        this.database = database;
        this.credentials = credentials;
    }

    /**
     * An empty collection for {@code database} (already defaulted), values from {@code
     * credentials}.
     */
    public static GeneratedSecrets of(MonitoredDatabase database, CredentialGenerator credentials) {
        return new GeneratedSecrets(database, credentials);
    }

    /** The administrator {@code username}, unless the spec names an existing Secret. */
    public GeneratedSecrets admin(String username) {
        if (ResourceNames.generatesAdminSecret(database)) {
            user(ResourceNames.generatedAdminSecret(database), username);
        }
        return this;
    }

    /**
     * The replication user {@code username} the standbys stream as, unless the spec names an
     * existing Secret.
     */
    public GeneratedSecrets replication(String username) {
        if (ResourceNames.generatesReplicationSecret(database)) {
            user(ResourceNames.generatedReplicationSecret(database), username);
        }
        return this;
    }

    /**
     * The exporter's monitoring user {@code username}, only with the exporter on and unless the
     * spec names an existing Secret.
     */
    public GeneratedSecrets monitoring(String username) {
        if (ExporterContainers.enabled(database)
                && ResourceNames.generatesMonitoringSecret(database)) {
            user(ResourceNames.generatedMonitoringSecret(database), username);
        }
        return this;
    }

    /** A Secret of the engine's own, always generated. */
    public GeneratedSecrets add(Secret secret) {
        secrets.add(secret);
        return this;
    }

    /** The Secrets asked for, in that order. */
    public List<Secret> secrets() {
        return new ArrayList<>(secrets);
    }

    private void user(String name, String username) {
        secrets.add(CredentialSecrets.user(database, name, username, credentials.password()));
    }
}
