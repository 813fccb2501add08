package dev.vigil.testing.postgres;

import java.nio.file.Path;

/**
 * One server of a {@link LocalPostgresCluster}, listening on a loopback port.
 *
 * @param name its pod-like name, e.g. {@code pg-0}
 * @param member its stable address as Vigil names it, e.g. {@code
 *     pg-0.pg-hl.vigil-test.svc.cluster.local:5432}; the cluster's resolver maps it to {@code port}
 * @param port the loopback port it listens on
 * @param dataDirectory its data directory
 * @param log its server log
 */
public record LocalPostgresServer(
        String name, String member, int port, Path dataDirectory, Path log) {

    /**
     * The JDBC URL of its {@code postgres} database, without credentials; with TLS when the server
     * offers it (a test may turn it on), not verified.
     */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:"
                + port
                + "/postgres?sslmode=prefer&sslfactory=org.postgresql.ssl.NonValidatingFactory";
    }
}
