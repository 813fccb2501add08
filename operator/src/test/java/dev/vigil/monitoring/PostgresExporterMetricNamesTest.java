package dev.vigil.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.postgres.JdbcPostgresClient;
import dev.vigil.engine.postgres.PostgresAlerts;
import dev.vigil.testing.postgres.LocalPostgresCluster;
import dev.vigil.testing.postgres.LocalPostgresExporter;
import dev.vigil.testing.postgres.LocalPostgresServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code pg_*} series Vigil's PostgreSQL default alerts and dashboard read is one the real
 * postgres_exporter (the version Vigil deploys, with the sidecar's configuration) serves, on a
 * primary with a standby streaming through a physical slot and on that standby: a renamed metric
 * would leave an alert silent forever.
 */
class PostgresExporterMetricNamesTest {

    private static final DatabaseCredentials MONITORING =
            new DatabaseCredentials("vigil_monitor", "metric-Names-pw");
    private static final Pattern PG_METRIC = Pattern.compile("\\b(pg_[a-z0-9_]+)\\{");

    private static LocalPostgresCluster cluster;
    private static LocalPostgresServer standby;

    @TempDir static Path files;

    @BeforeAll
    static void startPrimaryAndStreamingStandby() throws Exception {
        cluster = LocalPostgresCluster.startPrimary();
        new JdbcPostgresClient(cluster.resolver(), Duration.ofSeconds(10))
                .ensureMonitoringRole(cluster.primary().member(), cluster.superuser(), MONITORING);
        // A table in the database the exporter reads, scanned once by its index and once not: the
        // per-table collectors report only tables that exist.
        try (Connection connection = cluster.connectAsSuperuser(cluster.primary());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE items (id int PRIMARY KEY, name text)");
            statement.execute("INSERT INTO items SELECT g, 'item' FROM generate_series(1, 100) g");
            statement.execute("SET enable_seqscan = off");
            statement.executeQuery("SELECT name FROM items WHERE id = 7").close();
            statement.execute("RESET enable_seqscan");
            statement.executeQuery("SELECT count(*) FROM items").close();
        }
        standby = cluster.addStandby("vigil_1");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theAlertsAndTheDashboardReadOnlySeriesTheExporterServes() throws Exception {
        Set<String> read = new TreeSet<>();
        PostgresAlerts.ALL.forEach(alert -> read.addAll(metrics(alert.exprTemplate())));
        read.addAll(metrics(dashboard()));
        assertThat(read)
                .as("the names found in the rules and the dashboard")
                .contains(
                        "pg_up",
                        "pg_replication_slot_slot_is_active",
                        "pg_stat_replication_pg_wal_lsn_diff",
                        "pg_stat_database_blks_hit");

        Set<String> served = new TreeSet<>();
        served.addAll(served(cluster.primary(), "primary"));
        served.addAll(served(standby, "standby"));

        assertThat(served).containsAll(read);
    }

    private static Set<String> served(LocalPostgresServer server, String name) throws IOException {
        Path password = files.resolve(name + "-password");
        Files.writeString(password, MONITORING.password());
        try (LocalPostgresExporter exporter =
                LocalPostgresExporter.start(
                        server, MONITORING.username(), password, files.resolve(name + ".log"))) {
            Set<String> names = new TreeSet<>();
            exporter.scrape()
                    .lines()
                    .filter(line -> line.startsWith("pg_"))
                    .map(line -> line.split("[{ ]", 2)[0])
                    .forEach(names::add);
            return names;
        }
    }

    /** The {@code pg_*} names an expression selects (every one is written with a matcher). */
    private static Set<String> metrics(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PG_METRIC.matcher(expression);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static String dashboard() throws IOException {
        try (InputStream in =
                PostgresExporterMetricNamesTest.class.getResourceAsStream(
                        "/dev/vigil/engine/postgres/dashboard.json")) {
            assertThat(in).as("the PostgreSQL dashboard").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
