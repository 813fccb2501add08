package dev.vigil.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.testing.GoBinaries;
import dev.vigil.testing.postgres.LocalPostgresCluster;
import dev.vigil.testing.postgres.LocalPostgresExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code postgres_exporter}, at the version Vigil deploys, configured as Vigil's sidecar
 * is, reads PostgreSQL through the monitoring role {@link JdbcPostgresClient} creates. Fails, never
 * skips, when the exporter cannot be built.
 */
class PostgresExporterTest {

    private static final DatabaseCredentials MONITORING =
            new DatabaseCredentials("vigil_monitor", "exp0rter-Monitor-pw");
    private static final Pattern PG_UP = Pattern.compile("(?m)^pg_up (\\S+)$");

    private static LocalPostgresCluster cluster;

    @TempDir Path files;

    @BeforeAll
    static void startPrimaryWithTheMonitoringRole() throws Exception {
        cluster = LocalPostgresCluster.startPrimary();
        new JdbcPostgresClient(cluster.resolver(), Duration.ofSeconds(10))
                .ensureMonitoringRole(cluster.primary().member(), cluster.superuser(), MONITORING);
    }

    @AfterAll
    static void stopPrimary() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theExporterIsTheVersionOfTheImageVigilDeploys() throws Exception {
        String image = PostgresExporterContainer.DEFAULT_IMAGE;
        String version = image.substring(image.lastIndexOf(":v") + 2);

        Process process =
                new ProcessBuilder(GoBinaries.postgresExporter().toString(), "--version")
                        .redirectErrorStream(true)
                        .start();
        String output = new String(process.getInputStream().readAllBytes());

        assertThat(process.waitFor()).isZero();
        assertThat(output).startsWith("postgres_exporter, version " + version + " ");
    }

    @Test
    void theExporterReportsTheDatabaseUpWithTheMonitoringRole() throws Exception {
        try (LocalPostgresExporter exporter = start(MONITORING.password())) {
            String metrics = exporter.scrape();

            assertThat(pgUp(metrics)).contains("1");
            assertThat(metrics)
                    .as("the server's own settings, read through the monitoring role")
                    .containsPattern("(?m)^pg_settings_max_connections\\{[^}]*} 30$")
                    .contains("pg_stat_activity_count{");
        }
    }

    @Test
    void theExporterReportsTheDatabaseDownWithAWrongPassword() throws Exception {
        try (LocalPostgresExporter exporter = start("not-the-" + MONITORING.password())) {
            assertThat(pgUp(exporter.scrape())).contains("0");
        }
    }

    private LocalPostgresExporter start(String password) throws Exception {
        Path passwordFile = files.resolve("password");
        Files.writeString(passwordFile, password);
        return LocalPostgresExporter.start(
                cluster.primary(),
                MONITORING.username(),
                passwordFile,
                files.resolve("exporter.log"));
    }

    private static Optional<String> pgUp(String metrics) {
        Matcher matcher = PG_UP.matcher(metrics);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
