package dev.vigil.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.postgres.backup.ServerPaths;
import dev.vigil.engine.postgres.backup.VerificationPod;
import dev.vigil.testing.postgres.LocalPostgresServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore verified for real, as the verification pod does it, with local processes: a PostgreSQL
 * primary archives to an S3 server over TLS; after a full backup and more rows (which come back
 * from the archived WAL), {@link RestoreCommand} restores a new data directory for verification,
 * the server is started on it with the settings of the pod's postgres container ({@link
 * VerificationPod#serverSettings}) and {@link RestoreVerifier} waits for the promoted server and
 * counts its largest tables. The result, read back from the termination log, holds the exact row
 * counts and the measured RTO. A repository without a backup and a server that never answers are
 * failures with a reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestoreVerificationTest {

    private static final int ORDERS = 3_000;
    private static final int ORDERS_AFTER_BACKUP = 250;
    private static final int CUSTOMERS = 120;
    private static final int ITEMS = 40;

    private BackupRig rig;
    private Instant beforeLastInsert;

    @TempDir Path temporary;

    @BeforeAll
    void writeBackUpAndArchive() throws Exception {
        rig = BackupRig.start("");
        rig.explainFailures(this::write);
    }

    private void write() throws Exception {
        execute(
                "postgres",
                "CREATE TABLE orders (id int PRIMARY KEY, note text NOT NULL)",
                "INSERT INTO orders SELECT g, repeat('x', 200) FROM generate_series(1, "
                        + ORDERS
                        + ") g",
                "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL)",
                "INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, "
                        + CUSTOMERS
                        + ") g",
                "CREATE DATABASE inventory");
        execute(
                "inventory",
                "CREATE TABLE items (id int PRIMARY KEY)",
                "INSERT INTO items SELECT generate_series(1, " + ITEMS + ")");
        PgBackRest primary = rig.primaryPgBackRest();
        primary.stanzaCreate();
        primary.check();
        primary.backupFull();
        // These come back from the archived WAL, not from the backup.
        beforeLastInsert = Instant.now();
        execute(
                "postgres",
                "INSERT INTO orders SELECT g, repeat('y', 200) FROM generate_series("
                        + (ORDERS + 1)
                        + ", "
                        + (ORDERS + ORDERS_AFTER_BACKUP)
                        + ") g");
        rig.switchWalAndAwaitArchived();
    }

    @AfterAll
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void restoresStartsAndCountsTheLargestTablesWithTheMeasuredRto() throws Exception {
        LocalPostgresServer restored = rig.cluster.reserveEmpty();
        Path directory = verificationDirectory(restored);
        StringWriter restoreOut = new StringWriter();
        Instant before = Instant.now();

        int restore =
                new RestoreCommand(
                                rig.pgBackRest(restored.dataDirectory()),
                                restored.dataDirectory(),
                                rig.tools,
                                temporary.resolve("restore-termination-log"),
                                new PrintWriter(restoreOut))
                        .forVerification(new VerificationDirectory(directory), Clock.systemUTC())
                        .run(Optional.empty());

        assertThat(restore).as(restoreOut.toString()).isEqualTo(RestoreCommand.DONE);
        assertThat(Files.readString(directory.resolve("pg_hba.conf")))
                .isEqualTo(VerificationDirectory.HBA);
        assertThat(Files.readString(restored.dataDirectory().resolve("postgresql.auto.conf")))
                .as("pgBackRest wrote archive_mode=off")
                .contains("archive_mode = 'off'");
        rig.cluster.startOn(
                restored,
                asConfiguration(
                        VerificationPod.serverSettings(
                                directory.resolve("pg_hba.conf").toString(),
                                new ServerPaths(
                                        restored.dataDirectory().toString(),
                                        rig.cluster.directory().toString(),
                                        restored.port()))),
                rig.environment(restored.dataDirectory()));
        Path terminationLog = temporary.resolve("verifier-termination-log");
        StringWriter verifierOut = new StringWriter();

        int verified =
                new RestoreVerifier(
                                // No password: the server trusts loopback, as in the pod.
                                RestoreVerifier.loopback(
                                        "127.0.0.1",
                                        restored.port(),
                                        rig.cluster.superuser().username()),
                                Clock.systemUTC(),
                                Duration.ofSeconds(90),
                                Duration.ofMillis(200),
                                new PrintWriter(verifierOut))
                        .run(
                                new VerificationDirectory(directory).restoreStartedAt(),
                                terminationLog);
        Instant after = Instant.now();

        assertThat(verified).as(verifierOut.toString()).isEqualTo(RestoreVerifier.VERIFIED);
        List<String> lines = Files.readAllLines(terminationLog);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThan(4096);
        VerificationResult result = VerificationResult.parse(lines.get(0));
        assertThat(result.verified()).isTrue();
        assertThat(result.message()).isNull();
        assertThat(result.tables())
                .containsExactly(
                        new VerificationResult.Table(
                                "postgres", "public.orders", ORDERS + ORDERS_AFTER_BACKUP),
                        new VerificationResult.Table("postgres", "public.customers", CUSTOMERS),
                        new VerificationResult.Table("inventory", "public.items", ITEMS));
        assertThat(result.restoreSeconds())
                .isPositive()
                .isLessThanOrEqualTo(Duration.between(before, after).toMillis() / 1000.0);
        // The replay reached the rows written after the backup (or a later commit, autovacuum's).
        assertThat(Instant.parse(result.recoveredTo()))
                .isAfter(beforeLastInsert.minusSeconds(1))
                .isBefore(after);
        System.out.println(
                "measured RTO of a restore of "
                        + (ORDERS + ORDERS_AFTER_BACKUP)
                        + " orders: "
                        + result.restoreSeconds()
                        + " s; "
                        + lines.get(0));
        assertThat(archiveMode(restored)).isEqualTo("off");
    }

    @Test
    void aRepositoryWithoutABackupFailsTheRestoreWithItsReason() throws Exception {
        LocalPostgresServer untouched = rig.cluster.reserveEmpty();
        Path directory = verificationDirectory(untouched);
        Map<String, String> environment = new HashMap<>(rig.environment(untouched.dataDirectory()));
        environment.put("PGBACKREST_REPO1_PATH", "/vigil/vigil-test/never-backed-up");
        Path terminationLog = temporary.resolve("empty-repository-termination-log");

        int exit =
                new RestoreCommand(
                                rig.pgBackRest(environment),
                                untouched.dataDirectory(),
                                rig.tools,
                                terminationLog,
                                new PrintWriter(new StringWriter()))
                        .forVerification(new VerificationDirectory(directory), Clock.systemUTC())
                        .run(Optional.empty());

        assertThat(exit).isEqualTo(RestoreCommand.FAILED);
        assertThat(Files.readAllLines(terminationLog))
                .containsExactly("cannot restore: the repository holds no backup");
        assertThat(new VerificationDirectory(directory).restoreStartedAt()).isPresent();
        assertThat(directory.resolve("pg_hba.conf")).doesNotExist();
        assertThat(untouched.dataDirectory()).isEmptyDirectory();
    }

    @Test
    void aServerThatNeverAnswersFailsAfterTheTimeoutWithTheLastProblem() throws Exception {
        int nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = socket.getLocalPort();
        }
        Path terminationLog = temporary.resolve("silent-termination-log");

        int exit =
                new RestoreVerifier(
                                RestoreVerifier.loopback("127.0.0.1", nobody, "postgres"),
                                Clock.systemUTC(),
                                Duration.ofSeconds(2),
                                Duration.ofMillis(200),
                                new PrintWriter(new StringWriter()))
                        .run(Optional.of(Instant.now()), terminationLog);

        assertThat(exit).isEqualTo(RestoreVerifier.FAILED);
        VerificationResult result =
                VerificationResult.parse(Files.readAllLines(terminationLog).get(0));
        assertThat(result.verified()).isFalse();
        assertThat(result.tables()).isNull();
        assertThat(result.message())
                .startsWith("the restored server did not finish recovery and answer within PT2S: ")
                .contains("refused");
    }

    @Test
    void aVerifierWithoutARecordedRestoreFails() throws Exception {
        Path terminationLog = temporary.resolve("no-restore-termination-log");

        int exit =
                new RestoreVerifier(
                                database -> {
                                    throw new SQLException("must not be asked");
                                },
                                Clock.systemUTC(),
                                Duration.ofSeconds(1),
                                Duration.ofMillis(100),
                                new PrintWriter(new StringWriter()))
                        .run(
                                new VerificationDirectory(temporary.resolve("never-written"))
                                        .restoreStartedAt(),
                                terminationLog);

        assertThat(exit).isEqualTo(RestoreVerifier.FAILED);
        assertThat(VerificationResult.parse(Files.readString(terminationLog).strip()).message())
                .isEqualTo("the restore did not record when it started: was it run?");
    }

    /** The restored server's settings as configuration lines, later lines winning. */
    private static String asConfiguration(List<String> settings) {
        return settings.stream()
                .map(
                        setting -> {
                            int equals = setting.indexOf('=');
                            return setting.substring(0, equals)
                                    + " = '"
                                    + setting.substring(equals + 1)
                                    + "'";
                        })
                .collect(Collectors.joining("\n"));
    }

    /** A directory the servers' user may read, as the pod's shared emptyDir. */
    private Path verificationDirectory(LocalPostgresServer server) throws IOException {
        Path directory = rig.cluster.directory().resolve(server.name() + "-verification");
        Files.createDirectories(directory);
        rig.cluster.own(directory);
        return directory;
    }

    private String archiveMode(LocalPostgresServer server) throws SQLException {
        try (Connection connection =
                        RestoreVerifier.loopback(
                                        "127.0.0.1",
                                        server.port(),
                                        rig.cluster.superuser().username())
                                .connect("postgres");
                Statement statement = connection.createStatement();
                var row = statement.executeQuery("SHOW archive_mode")) {
            row.next();
            return row.getString(1);
        }
    }

    private void execute(String database, String... statements) throws SQLException {
        LocalPostgresServer primary = rig.cluster.primary();
        try (Connection connection =
                        DriverManager.getConnection(
                                "jdbc:postgresql://127.0.0.1:" + primary.port() + "/" + database,
                                rig.cluster.superuser().username(),
                                rig.cluster.superuser().password());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
