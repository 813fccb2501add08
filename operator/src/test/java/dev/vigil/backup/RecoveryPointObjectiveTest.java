package dev.vigil.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.postgres.LocalPostgresServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recovery point objective Vigil's settings give (archive_timeout = 30s, WAL archived with
 * pgBackRest to S3), measured: a primary takes a row every ~100 ms, is killed with SIGKILL after
 * about 45 s, and a new data directory is restored to the end of the archive. The data lost is the
 * time between the last row committed and the last row recovered; it must stay within 60 s. The
 * figure is printed ({@code RPO measured: N s}) for docs/backup.md.
 */
class RecoveryPointObjectiveTest {

    private static final Duration LOAD = Duration.ofSeconds(45);
    private static final Duration WRITE_EVERY = Duration.ofMillis(100);
    private static final Duration OBJECTIVE = Duration.ofSeconds(60);

    @TempDir Path temporary;

    @Test
    void restoringToTheEndOfTheArchiveAfterACrashLosesAtMostAMinute() throws Exception {
        try (BackupRig rig = BackupRig.start("synchronous_commit = on")) {
            PgBackRest pgBackRest = rig.primaryPgBackRest();
            AtomicReference<Instant> lastCommitted = new AtomicReference<>();
            rig.explainFailures(
                    () -> {
                        try (Connection connection = rig.primary();
                                Statement statement = connection.createStatement()) {
                            statement.execute(
                                    "CREATE TABLE load (id bigserial PRIMARY KEY,"
                                            + " written_at timestamptz NOT NULL)");
                        }
                        pgBackRest.stanzaCreate();
                        pgBackRest.backupFull();
                        writeSteadily(rig, lastCommitted);
                    });

            rig.cluster.kill(rig.cluster.primary());

            LocalPostgresServer restored = rig.cluster.reserveEmpty();
            StringWriter out = new StringWriter();
            int exit =
                    new RestoreCommand(
                                    rig.pgBackRest(restored.dataDirectory()),
                                    restored.dataDirectory(),
                                    rig.tools,
                                    temporary.resolve("termination-log"),
                                    new PrintWriter(out))
                            .run(Optional.empty());
            assertThat(exit).as(out.toString()).isEqualTo(RestoreCommand.DONE);
            rig.startRestored(restored);
            Instant lastRecovered = lastRow(rig, restored);

            Duration rpo = Duration.between(lastRecovered, lastCommitted.get());
            System.out.printf(
                    "RPO measured: %.1f s (last row committed %s, last row recovered %s)%n",
                    rpo.toMillis() / 1000.0, lastCommitted.get(), lastRecovered);
            assertThat(rpo).isGreaterThanOrEqualTo(Duration.ZERO).isLessThanOrEqualTo(OBJECTIVE);
        }
    }

    /** A row every ~100 ms for {@link #LOAD}, each with its commit time as the server saw it. */
    private static void writeSteadily(BackupRig rig, AtomicReference<Instant> lastCommitted)
            throws SQLException, InterruptedException {
        long end = System.nanoTime() + LOAD.toNanos();
        try (Connection connection = rig.primary();
                PreparedStatement insert =
                        connection.prepareStatement(
                                "INSERT INTO load (written_at) VALUES (clock_timestamp())"
                                        + " RETURNING written_at")) {
            while (System.nanoTime() < end) {
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    // Autocommit: once the statement returns, the row is committed.
                    lastCommitted.set(row.getTimestamp(1).toInstant());
                }
                Thread.sleep(WRITE_EVERY.toMillis());
            }
        }
    }

    private static Instant lastRow(BackupRig rig, LocalPostgresServer server) throws SQLException {
        try (Connection connection = rig.cluster.connectAsSuperuser(server);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT max(written_at) FROM load")) {
            row.next();
            assertThat(row.getTimestamp(1)).as("rows recovered").isNotNull();
            return row.getTimestamp(1).toInstant();
        }
    }
}
