package dev.vigil.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.ClientTls;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.DatabaseException;
import dev.vigil.resources.ServerTls;
import dev.vigil.testing.postgres.LocalPostgresCluster;
import dev.vigil.testing.postgres.LocalPostgresExporter;
import dev.vigil.testing.tls.TestCertificates;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real PostgreSQL with the TLS settings and {@code pg_hba.conf} Vigil generates for {@code
 * spec.tls}, its key mounted as a Secret volume gives it (root's, group-readable, 0640): Vigil's
 * JDBC client connects with TLS and verifies the CA, a plaintext connection is refused, and the
 * real postgres_exporter, with the sidecar's data source options, reads it over TLS; a standby with
 * the members' libpq environment streams over TLS.
 */
class PostgresTlsTest {

    private static final DatabaseCredentials MONITORING =
            new DatabaseCredentials("vigil_monitor", "tls-Monitor-pw");
    private static final Pattern PG_UP = Pattern.compile("(?m)^pg_up (\\S+)$");

    private static LocalPostgresCluster cluster;
    private static TestCertificates certificates;
    private static TestCertificates otherCa;
    private static Path secretVolume;

    @TempDir static Path files;

    @BeforeAll
    static void startPrimaryServingTls() throws Exception {
        cluster = LocalPostgresCluster.startPrimary();
        String member = cluster.primary().member();
        String host = member.substring(0, member.indexOf(':'));
        certificates = TestCertificates.issue(files.resolve("ca"), "vigil-test-ca", List.of(host));
        otherCa = TestCertificates.issue(files.resolve("other"), "another-ca", List.of(host));
        secretVolume =
                cluster.secretVolume(
                        "tls",
                        Map.of(
                                ServerTls.CERTIFICATE_KEY, certificates.certificate(),
                                ServerTls.PRIVATE_KEY, certificates.privateKey(),
                                ServerTls.CA_KEY, certificates.caCertificate()));
        MonitoredDatabase database =
                Serialization.unmarshal(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: ledger, namespace: apps}
                        spec:
                          engine: PostgreSQL
                          version: "15"
                          tls: {enabled: true, secretName: ledger-cert}
                        """,
                        MonitoredDatabase.class);
        cluster.reconfigure(
                cluster.primary(),
                tlsSettings(PostgresConfigMapBuilder.postgresqlConf(database, 1)),
                PostgresConfigMapBuilder.pgHbaConf(true));
        client().ensureMonitoringRole(member, superuser(certificates), MONITORING);
    }

    @AfterAll
    static void stopPrimary() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void vigilConnectsWithTlsVerifyingTheServerAgainstTheCa() throws Exception {
        PostgresConnector connector =
                new PostgresConnector(cluster.resolver(), Duration.ofSeconds(10));
        try (Connection connection =
                        connector.open(cluster.primary().member(), superuser(certificates));
                ResultSet row =
                        connection
                                .createStatement()
                                .executeQuery(
                                        "SELECT ssl FROM pg_stat_ssl"
                                                + " WHERE pid = pg_backend_pid()")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getBoolean(1)).as("this connection uses TLS").isTrue();
        }
        assertThat(client().probe(cluster.primary().member(), superuser(certificates)).member())
                .isEqualTo(cluster.primary().member());
    }

    @Test
    void aServerCertificateFromAnotherCaIsRefused() {
        assertThatThrownBy(() -> client().probe(cluster.primary().member(), superuser(otherCa)))
                .isInstanceOf(DatabaseException.class);
    }

    @Test
    void withoutACaTheConnectionIsEncryptedButNotVerified() throws Exception {
        assertThat(
                        client().probe(
                                        cluster.primary().member(),
                                        cluster.superuser()
                                                .withTls(ClientTls.encrypted(Optional.empty())))
                                .member())
                .isEqualTo(cluster.primary().member());
    }

    @Test
    void aStandbyStreamsOverTlsWithTheMembersLibpqEnvironment() throws Exception {
        Map<String, String> libpq =
                PostgresTls.clientEnv(tlsDatabase()).stream()
                        .collect(
                                Collectors.toMap(
                                        EnvVar::getName,
                                        e ->
                                                e.getValue()
                                                        .replace(
                                                                ServerTls.SECRET_DIR,
                                                                secretVolume.toString())));
        cluster.addStandby("vigil_1", libpq);

        PostgresConnector connector =
                new PostgresConnector(cluster.resolver(), Duration.ofSeconds(10));
        try (Connection connection =
                        connector.open(cluster.primary().member(), superuser(certificates));
                ResultSet row =
                        connection
                                .createStatement()
                                .executeQuery(
                                        "SELECT s.ssl FROM pg_stat_replication r"
                                                + " JOIN pg_stat_ssl s ON s.pid = r.pid")) {
            assertThat(row.next()).as("a standby streams").isTrue();
            assertThat(row.getBoolean(1)).as("its replication connection uses TLS").isTrue();
        }
    }

    @Test
    void aPlaintextConnectionIsRefused() {
        assertThatThrownBy(
                        () ->
                                DriverManager.getConnection(
                                                "jdbc:postgresql://127.0.0.1:"
                                                        + cluster.primary().port()
                                                        + "/postgres?sslmode=disable",
                                                cluster.superuser().username(),
                                                cluster.superuser().password())
                                        .close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("no encryption");
        assertThatThrownBy(
                        () ->
                                DriverManager.getConnection(
                                                "jdbc:postgresql://127.0.0.1:"
                                                        + cluster.primary().port()
                                                        + "/postgres?sslmode=disable",
                                                MONITORING.username(),
                                                MONITORING.password())
                                        .close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void theExporterWithTheSidecarsOptionsReadsTheServerOverTls() throws Exception {
        try (LocalPostgresExporter exporter = exporter(sidecarOptions(secretVolume))) {
            assertThat(pgUp(exporter.scrape())).contains("1");
        }
    }

    @Test
    void theExporterVerifiesTheServerAgainstTheMountedCa() throws Exception {
        Path wrongCa =
                cluster.secretVolume("wrong-ca", Map.of(ServerTls.CA_KEY, otherCa.caCertificate()));
        try (LocalPostgresExporter exporter = exporter(sidecarOptions(wrongCa))) {
            assertThat(pgUp(exporter.scrape())).contains("0");
        }
    }

    @Test
    void withoutCaFileTheExporterStillEncrypts() throws Exception {
        Path noCa = cluster.secretVolume("no-ca", Map.of());
        try (LocalPostgresExporter exporter = exporter(sidecarOptions(noCa))) {
            assertThat(pgUp(exporter.scrape())).contains("1");
        }
    }

    /** The {@code ssl*} lines of the generated {@code postgresql.conf}, files in this test's. */
    private static String tlsSettings(String postgresqlConf) {
        return postgresqlConf
                .lines()
                .filter(line -> line.startsWith("ssl"))
                .map(line -> line.replace(ServerTls.SECRET_DIR, secretVolume.toString()))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** The query of the sidecar's {@code DATA_SOURCE_URI}, its CA path in {@code volume}. */
    private static String sidecarOptions(Path volume) {
        String uri = PostgresTls.sidecarTarget(tlsDatabase()).uri();
        return uri.substring(uri.indexOf('?') + 1).replace(ServerTls.SECRET_DIR, volume.toString());
    }

    private static MonitoredDatabase tlsDatabase() {
        return Serialization.unmarshal(
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: ledger, namespace: apps}
                spec: {engine: PostgreSQL, version: "15", tls: {enabled: true, secretName: c}}
                """,
                MonitoredDatabase.class);
    }

    private LocalPostgresExporter exporter(String options) throws Exception {
        Path passwordFile = files.resolve("password-" + System.nanoTime());
        Files.writeString(passwordFile, MONITORING.password());
        return LocalPostgresExporter.start(
                cluster.primary(),
                options,
                MONITORING.username(),
                passwordFile,
                files.resolve("exporter.log"));
    }

    private static DatabaseCredentials superuser(TestCertificates trusted) {
        return cluster.superuser().withTls(ClientTls.encrypted(Optional.of(trusted.caPem())));
    }

    private static JdbcPostgresClient client() {
        return new JdbcPostgresClient(cluster.resolver(), Duration.ofSeconds(10));
    }

    private static Optional<String> pgUp(String metrics) {
        Matcher matcher = PG_UP.matcher(metrics);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
