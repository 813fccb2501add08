package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.SecretKeyReference;
import java.util.Objects;

/**
 * Where prometheus-community's postgres_exporter connects, in the form of its {@code
 * DATA_SOURCE_URI}: {@code host:port/database?parameters}, without a scheme and without
 * credentials, which the exporter adds itself ({@code postgresql://user:password@} + the URI).
 *
 * @param uri the data source URI, or null when it comes from {@code uriSecret}
 * @param uriSecret the Secret key holding the data source URI, or null when {@code uri} is set
 */
public record PostgresExporterTarget(String uri, SecretKeyReference uriSecret) {

    /**
     * The database every PostgreSQL server has, and which the {@code pg_monitor} role may connect
     * to: the server-wide statistics the exporter reads are the same from any database.
     */
    public static final String MAINTENANCE_DATABASE = "postgres";

    public PostgresExporterTarget {
        if ((uri == null) == (uriSecret == null)) {
            throw new IllegalArgumentException("exactly one of uri and uriSecret is required");
        }
    }

    /**
     * The maintenance database of the server at {@code hostPort}, with the given {@code sslmode}
     * (for example {@code disable} on loopback, {@code require} across a network).
     */
    public static PostgresExporterTarget server(String hostPort, String sslMode) {
        return new PostgresExporterTarget(
                hostPort + "/" + MAINTENANCE_DATABASE + "?sslmode=" + sslMode, null);
    }

    /**
     * The maintenance database of the server at {@code hostPort}, over TLS with {@code sslMode},
     * trusting the CA in the file {@code rootCert} (lib/pq, like libpq, verifies against it when
     * the file exists).
     */
    public static PostgresExporterTarget server(String hostPort, String sslMode, String rootCert) {
        return new PostgresExporterTarget(
                hostPort
                        + "/"
                        + MAINTENANCE_DATABASE
                        + "?sslmode="
                        + sslMode
                        + "&sslrootcert="
                        + rootCert,
                null);
    }

    /** A data source URI kept in a Secret key. */
    public static PostgresExporterTarget fromSecret(SecretKeyReference uriSecret) {
        return new PostgresExporterTarget(null, Objects.requireNonNull(uriSecret));
    }
}
