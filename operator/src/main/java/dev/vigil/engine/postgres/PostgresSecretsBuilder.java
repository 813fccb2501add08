package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.resources.GeneratedSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;

/**
 * Builds the Secrets Vigil generates for a PostgreSQL database, each only when the spec names no
 * existing one: the superuser, the replication user the standbys stream as, and the exporter's
 * monitoring user (only with the exporter on). All are create-only: see {@link GeneratedSecrets}.
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
        return GeneratedSecrets.of(database, credentials)
                .admin(SUPERUSER_USERNAME)
                .replication(REPLICATION_USERNAME)
                .monitoring(MONITORING_USERNAME)
                .secrets();
    }
}
