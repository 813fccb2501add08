package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.credentials.CredentialSecrets;
import dev.vigil.names.ResourceNames;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the Secrets Vigil generates for a PostgreSQL database, each only when the spec names no
 * existing one: the superuser, the replication user the standbys stream as, and the exporter's
 * monitoring user (only with the exporter on).
 *
 * <p>They are create-only: generated once and never updated, so a password is never regenerated
 * under a running database; {@link CredentialSecrets} says how their values are written.
 */
public final class PostgresSecretsBuilder {

    /** The superuser initdb creates: the image's OS user, so {@code peer} maps it on the socket. */
    public static final String SUPERUSER_USERNAME = "postgres";

    /** The role with the REPLICATION attribute that standbys clone and stream as. */
    public static final String REPLICATION_USERNAME = "vigil_replication";

    /** The least-privilege role ({@code pg_monitor}) the exporter connects as. */
    public static final String MONITORING_USERNAME = "vigil_monitor";

    private PostgresSecretsBuilder() {}

    /**
     * The Secrets to create for {@code database} (already defaulted), values from {@code
     * credentials}.
     */
    public static List<Secret> build(MonitoredDatabase database, CredentialGenerator credentials) {
        List<Secret> secrets = new ArrayList<>();
        if (ResourceNames.generatesAdminSecret(database)) {
            secrets.add(
                    CredentialSecrets.user(
                            database,
                            ResourceNames.generatedAdminSecret(database),
                            SUPERUSER_USERNAME,
                            credentials.password()));
        }
        if (ResourceNames.generatesReplicationSecret(database)) {
            secrets.add(
                    CredentialSecrets.user(
                            database,
                            ResourceNames.generatedReplicationSecret(database),
                            REPLICATION_USERNAME,
                            credentials.password()));
        }
        if (PostgresExporterSidecar.enabled(database)
                && ResourceNames.generatesMonitoringSecret(database)) {
            secrets.add(
                    CredentialSecrets.user(
                            database,
                            ResourceNames.generatedMonitoringSecret(database),
                            MONITORING_USERNAME,
                            credentials.password()));
        }
        return secrets;
    }
}
