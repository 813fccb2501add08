package dev.vigil.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.postgres.LocalPostgresServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point-in-time recovery for real: a PostgreSQL primary archives its WAL with pgBackRest to an S3
 * server over TLS; after a full backup and two batches of rows, {@link RestoreCommand} restores a
 * new data directory to the time between the batches, and the server started on it holds exactly
 * the first batch. Targets outside the recoverable window and non-empty data directories are
 * refused before anything is touched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PointInTimeRestoreTest {

    private BackupRig rig;
    private PgBackRest pgBackRest;
    private Instant between;

    @TempDir Path temporary;

    @BeforeAll
    void backUpAndWriteTwoBatches() throws Exception {
        rig = BackupRig.start("");
        pgBackRest = rig.primaryPgBackRest();
        rig.explainFailures(this::writeAndBackUp);
    }

    private void writeAndBackUp() throws Exception {
        execute("CREATE TABLE rows (id int PRIMARY KEY, written_at timestamptz NOT NULL)");
        insert(1, 2);
        pgBackRest.stanzaCreate();
        pgBackRest.check();
        pgBackRest.backupFull();
        // These three come back from the archived WAL, not from the backup.
        BackupRig.awaitTheNextSecond();
        insert(3, 5);
        between = rig.primaryNow();
        insert(6, 10);
        rig.switchWalAndAwaitArchived();
    }

    @AfterAll
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void restoresANewDataDirectoryToTheTimeBetweenTheBatches() throws Exception {
        BackupInfo info = pgBackRest.info();
        assertThat(info.backups()).hasSize(1);
        assertThat(info.backups().get(0).label()).matches("\\d{8}-\\d{6}F");
        assertThat(info.backups().get(0).sizeBytes()).isPositive();
        assertThat(info.archiveMax()).isNotNull();
        LocalPostgresServer restored = rig.cluster.reserveEmpty();
        Path terminationLog = temporary.resolve("termination-log");
        StringWriter out = new StringWriter();

        int exit = restore(restored, Optional.of(between), terminationLog, out);

        assertThat(exit).as(out.toString()).isEqualTo(RestoreCommand.DONE);
        assertThat(terminationLog).doesNotExist();
        rig.startRestored(restored);
        assertThat(ids(restored)).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void refusesATargetOutsideTheRecoverableWindowWithOneLineInTheTerminationLog()
            throws Exception {
        Instant oldestBackupEnd = pgBackRest.info().recoverableFrom().orElseThrow();
        for (Instant target :
                List.of(
                        oldestBackupEnd.minus(Duration.ofHours(1)),
                        Instant.now().plusSeconds(3600))) {
            LocalPostgresServer untouched = rig.cluster.reserveEmpty();
            Path terminationLog = temporary.resolve("termination-log-" + untouched.name());
            StringWriter out = new StringWriter();

            int exit = restore(untouched, Optional.of(target), terminationLog, out);

            assertThat(exit).isEqualTo(RestoreCommand.FAILED);
            List<String> lines = Files.readAllLines(terminationLog);
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0))
                    .startsWith("cannot restore to " + target)
                    .contains("the recoverable window");
            assertThat(untouched.dataDirectory()).isEmptyDirectory();
        }
    }

    @Test
    void leavesADataDirectoryThatHoldsAnythingAsItIs() throws Exception {
        Path terminationLog = temporary.resolve("termination-log-primary");
        StringWriter out = new StringWriter();
        RestoreCommand command =
                new RestoreCommand(
                        pgBackRest,
                        rig.cluster.primary().dataDirectory(),
                        rig.tools,
                        terminationLog,
                        new PrintWriter(out));

        assertThat(command.run(Optional.of(between))).isEqualTo(RestoreCommand.DONE);
        assertThat(out.toString()).contains("is not empty");
        assertThat(terminationLog).doesNotExist();
        assertThat(ids(rig.cluster.primary())).hasSize(10);
    }

    private int restore(
            LocalPostgresServer server,
            Optional<Instant> target,
            Path terminationLog,
            StringWriter out) {
        return new RestoreCommand(
                        rig.pgBackRest(server.dataDirectory()),
                        server.dataDirectory(),
                        rig.tools,
                        terminationLog,
                        new PrintWriter(out))
                .run(target);
    }

    private void insert(int from, int to) throws SQLException {
        for (int id = from; id <= to; id++) {
            execute("INSERT INTO rows VALUES (" + id + ", clock_timestamp())");
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = rig.primary();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private List<Integer> ids(LocalPostgresServer server) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Connection connection = rig.cluster.connectAsSuperuser(server);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM rows ORDER BY id")) {
            while (rows.next()) {
                ids.add(rows.getInt(1));
            }
        }
        return ids;
    }
}
