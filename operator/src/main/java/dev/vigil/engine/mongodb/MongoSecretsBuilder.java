package dev.vigil.engine.mongodb;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.model.CredentialGenerator;
import dev.vigil.model.CredentialKeys;
import dev.vigil.model.OwnedMetadata;
import dev.vigil.model.ResourceNames;
import dev.vigil.model.StandardLabels;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the Secrets Vigil generates for a MongoDB database: the administrator (unless the spec
 * names an existing Secret), the exporter's monitoring user (unless named, and only with the
 * exporter on) and the replica-set keyfile (always).
 *
 * <p>They are create-only: generated once and never updated, so a password is never regenerated
 * under a running database. Values go in {@code stringData} rather than base64 {@code data}, so
 * that {@code vigil render}, which puts {@link CredentialGenerator#GENERATED_AT_RUN_TIME} there,
 * shows readable text; the API server stores them in {@code data} as usual.
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
        List<Secret> secrets = new ArrayList<>();
        if (ResourceNames.generatesAdminSecret(database)) {
            secrets.add(
                    userSecret(
                            database,
                            ResourceNames.generatedAdminSecret(database),
                            ADMIN_USERNAME,
                            credentials.password()));
        }
        if (MongoExporterSidecar.enabled(database)
                && ResourceNames.generatesMonitoringSecret(database)) {
            secrets.add(
                    userSecret(
                            database,
                            ResourceNames.generatedMonitoringSecret(database),
                            MONITORING_USERNAME,
                            credentials.password()));
        }
        secrets.add(
                secret(
                        database,
                        ResourceNames.keyfileSecret(database),
                        Map.of(KEYFILE_KEY, credentials.mongoKeyfile())));
        return secrets;
    }

    private static Secret userSecret(
            MonitoredDatabase database, String name, String username, String password) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(CredentialKeys.USERNAME, username);
        values.put(CredentialKeys.PASSWORD, password);
        return secret(database, name, values);
    }

    private static Secret secret(
            MonitoredDatabase database, String name, Map<String, String> values) {
        return new SecretBuilder()
                .withMetadata(OwnedMetadata.of(database, name, StandardLabels.COMPONENT_DATABASE))
                .withType("Opaque")
                .withStringData(values)
                .build();
    }
}
