package dev.vigil.engine.mongodb;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.credentials.CredentialSecrets;
import dev.vigil.names.ResourceNames;
import dev.vigil.resources.GeneratedSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Map;

/**
 * Builds the Secrets Vigil generates for a MongoDB database: the administrator (unless the spec
 * names an existing Secret), the exporter's monitoring user (unless named, and only with the
 * exporter on) and the replica-set keyfile (always). All are create-only: see {@link
 * GeneratedSecrets}.
 */
public final class MongoSecretsBuilder {

    /** Key of the replica-set keyfile in the keyfile Secret. */
    public static final String KEYFILE_KEY = "keyfile";

    /** The administrator Vigil generates; the mongo image creates it as root on first start. */
    public static final String ADMIN_USERNAME = "vigil-admin";

    /** The least-privilege user the exporter connects as. */
    public static final String MONITORING_USERNAME = "vigil-monitor";

    private MongoSecretsBuilder() {}

    /**
     * The Secrets to create for {@code database} (already defaulted), values from {@code
     * credentials}.
     */
    public static List<Secret> build(MonitoredDatabase database, CredentialGenerator credentials) {
        return GeneratedSecrets.of(database, credentials)
                .admin(ADMIN_USERNAME)
                .monitoring(MONITORING_USERNAME)
                .add(
                        CredentialSecrets.of(
                                database,
                                ResourceNames.keyfileSecret(database),
                                Map.of(KEYFILE_KEY, credentials.mongoKeyfile())))
                .secrets();
    }
}
