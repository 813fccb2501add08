package dev.vigil.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.postgres.PostgresConfigMapBuilder;
import dev.vigil.engine.postgres.PostgresPaths;
import dev.vigil.testing.TestDatabases;
import dev.vigil.testing.postgres.LocalPostgresServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code spec.bootstrap} for real: what the {@code restore} and {@code recover} init containers of
 * a new database's first primary run, then its server as the {@code postgres} container starts it.
 * A source primary archives its WAL with pgBackRest to an S3 server over TLS; after a full backup
 * and two batches of rows, {@link RestoreCommand} restores a new data directory with the SOURCE's
 * pgBackRest environment, the recover script (as the ConfigMap carries it) replays the source's
 * archive to the target with the real postgres programs and promotes, and the server started on it
 * with its OWN repository holds exactly the first batch, is a primary, accepts the new database's
 * superuser password, archives into its own repository, and never writes into the source's. A
 * target the archive does not reach fails with a one-line reason and leaves no server running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BootstrapRestoreTest {

    private static final String OWN_REPOSITORY = "/vigil/vigil-test/restored";

    private BackupRig rig;
    private PgBackRest source;
    private Instant between;
    private Instant afterTheLastCommit;
    private Path configFile;
    private Path script;

    @BeforeAll
    void backUpAndWriteTwoBatches() throws Exception {
        rig = BackupRig.start("");
        source = rig.primaryPgBackRest();
        rig.explainFailures(this::writeAndBackUp);
        MonitoredDatabase database =
                TestDatabases.parse(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: restored, namespace: vigil-test}
                        spec:
                          engine: PostgreSQL
                          version: "16.4"
                          bootstrap:
                            backup:
                              database: {name: pg}
                              store: {volume: {claimName: backups}}
                        """);
        Map<String, String> files = PostgresConfigMapBuilder.content(database, 1);
        configFile = shared("postgresql.conf", files.get(PostgresPaths.CONFIG_FILE_NAME));
        script = shared("recover.sh", files.get(PostgresPaths.RECOVER_SCRIPT_NAME));
    }

    private void writeAndBackUp() throws Exception {
        execute("CREATE TABLE rows (id int PRIMARY KEY, written_at timestamptz NOT NULL)");
        insert(1, 2);
        source.stanzaCreate();
        source.check();
        source.backupFull();
        BackupRig.awaitTheNextSecond();
        insert(3, 5);
        between = rig.primaryNow();
        insert(6, 10);
        // Inside the window (the last segment is archived after it), but no commit follows.
        afterTheLastCommit = rig.primaryNow();
        rig.switchWalAndAwaitArchived();
    }

    @AfterAll
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void restoresToTheTargetPromotesAndArchivesOnlyIntoItsOwnRepository() throws Exception {
        Map<String, Long> sourceBefore = objects(BackupRig.REPOSITORY_PATH);
        LocalPostgresServer restored = rig.cluster.reserveEmpty();
        String password = "new:pass'word\\" + UUID.randomUUID();
        Path terminationLog = rig.cluster.directory().resolve(restored.name() + "-termination");

        int restore = restore(restored, Optional.of(between), terminationLog);
        Result recover = recover(restored, password, terminationLog);

        assertThat(restore).isEqualTo(RestoreCommand.DONE);
        assertThat(recover.exitCode()).as(recover.output()).isZero();
        assertThat(recover.output()).doesNotContain(password).contains("promoted");
        assertThat(terminationLog).doesNotExist();
        assertThat(restored.dataDirectory().resolve("recovery.signal")).doesNotExist();
        assertThat(Files.readString(restored.dataDirectory().resolve("postgresql.auto.conf")))
                .doesNotContain("restore_command")
                .doesNotContain("recovery_target");
        // The recovery server is gone: nothing listens until the postgres container starts.
        assertThat(restored.dataDirectory().resolve("postmaster.pid")).doesNotExist();

        Map<String, String> own = ownEnvironment(restored, password);
        // Its own repository is ready before the server first archives into it.
        rig.pgBackRest(own).run(List.of("stanza-create", "--no-online"), Duration.ofMinutes(1));
        rig.cluster.startOn(
                restored,
                String.join(
                        "\n",
                        "archive_mode = on",
                        "archive_command = '"
                                + rig.tools.resolve("pgbackrest")
                                + " archive-push %p'",
                        "archive_timeout = 30s"),
                own);
        DatabaseCredentials superuser = new DatabaseCredentials("postgres", password);
        assertThat(ids(restored, superuser)).containsExactly(1, 2, 3, 4, 5);
        assertThat(inRecovery(restored, superuser)).isFalse();
        SQLException refused =
                catchThrowableOfType(
                        SQLException.class, () -> rig.cluster.connectAsSuperuser(restored).close());
        assertThat((Object) refused)
                .as("the source's superuser password no longer opens it")
                .isNotNull();
        // Its own repository takes its WAL; the source's is exactly as it was.
        String segment = switchWal(restored, superuser);
        await("segment " + segment + " archived into the restored database's own repository")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> lastArchived(restored, superuser).compareTo(segment) >= 0);
        assertThat(objects(OWN_REPOSITORY).keySet())
                .anyMatch(key -> key.startsWith("archive/db/") && key.contains(segment));
        assertThat(objects(BackupRig.REPOSITORY_PATH)).isEqualTo(sourceBefore);
    }

    @Test
    void aTargetTheArchiveDoesNotReachFailsWithOneLineAndLeavesNoServerRunning() throws Exception {
        Map<String, Long> sourceBefore = objects(BackupRig.REPOSITORY_PATH);
        LocalPostgresServer restored = rig.cluster.reserveEmpty();
        Path terminationLog = rig.cluster.directory().resolve(restored.name() + "-termination");

        int restore = restore(restored, Optional.of(afterTheLastCommit), terminationLog);
        Result recover = recover(restored, "unused-" + UUID.randomUUID(), terminationLog);

        assertThat(restore).isEqualTo(RestoreCommand.DONE);
        assertThat(recover.exitCode()).isEqualTo(1);
        List<String> lines = Files.readAllLines(terminationLog);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0))
                .isEqualTo(
                        "recovery stopped before the restored database was promoted:"
                                + " recovery ended before configured recovery target was"
                                + " reached");
        assertThat(restored.dataDirectory().resolve("postmaster.pid")).doesNotExist();
        // Not promoted: a second attempt (the init container restarting) fails the same way.
        assertThat(restored.dataDirectory().resolve("recovery.signal")).exists();
        assertThat(objects(BackupRig.REPOSITORY_PATH)).isEqualTo(sourceBefore);
    }

    @Test
    void aTargetOutsideTheWindowIsRefusedBeforeAnythingIsWrittenAndRecoverHasNothingToDo()
            throws Exception {
        LocalPostgresServer untouched = rig.cluster.reserveEmpty();
        Path terminationLog = rig.cluster.directory().resolve(untouched.name() + "-termination");
        Instant target = Instant.now().plusSeconds(3600);

        int restore = restore(untouched, Optional.of(target), terminationLog);
        String reason = Files.readString(terminationLog);
        Files.delete(terminationLog);
        Result recover = recover(untouched, "unused-" + UUID.randomUUID(), terminationLog);

        assertThat(restore).isEqualTo(RestoreCommand.FAILED);
        assertThat(reason)
                .startsWith("cannot restore to " + target)
                .contains("the recoverable window ends at");
        assertThat(recover.exitCode()).as(recover.output()).isZero();
        assertThat(recover.output()).contains("nothing to recover");
        assertThat(untouched.dataDirectory()).isEmptyDirectory();
    }

    /** What the {@code restore} init container runs, with the source's environment. */
    private int restore(LocalPostgresServer server, Optional<Instant> target, Path terminationLog) {
        StringWriter out = new StringWriter();
        return new RestoreCommand(
                        rig.pgBackRest(server.dataDirectory()),
                        server.dataDirectory(),
                        rig.tools,
                        terminationLog,
                        new PrintWriter(out))
                .run(target);
    }

    private record Result(int exitCode, String output) {}

    /**
     * What the {@code recover} init container runs: the script from the ConfigMap, as the servers'
     * user, with the source's pgBackRest environment and the new database's superuser Secret.
     */
    private Result recover(LocalPostgresServer server, String password, Path terminationLog)
            throws Exception {
        Path secretFiles = Files.createTempDirectory("vigil-superuser-");
        Path username = Files.writeString(secretFiles.resolve("username"), "postgres");
        Path secret = Files.writeString(secretFiles.resolve("password"), password);
        Path volume =
                rig.cluster.secretVolume(
                        server.name() + "-superuser",
                        Map.of("username", username, "password", secret));
        Files.delete(secret);
        Files.delete(username);
        Files.delete(secretFiles);
        Map<String, String> environment = new HashMap<>(rig.environment(server.dataDirectory()));
        environment.remove("PGPASSWORD");
        environment.put("PATH", rig.cluster.binDirectory() + ":/usr/bin:/bin");
        environment.put("PGDATA", server.dataDirectory().toString());
        environment.put("PGPORT", Integer.toString(server.port()));
        environment.put("VIGIL_CONFIG_FILE", configFile.toString());
        environment.put("VIGIL_SUPERUSER_DIR", volume.toString());
        environment.put("VIGIL_TERMINATION_LOG", terminationLog.toString());
        List<String> command = new ArrayList<>(rig.cluster.launcher());
        command.addAll(List.of("sh", script.toString()));
        Path output = rig.cluster.directory().resolve(server.name() + "-recover.log");
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(rig.cluster.directory().toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("recover finished").isTrue();
        return new Result(process.exitValue(), Files.readString(output));
    }

    /** The restored database's own repository, as its postgres container's environment has it. */
    private Map<String, String> ownEnvironment(LocalPostgresServer server, String password) {
        Map<String, String> environment = new HashMap<>(rig.environment(server.dataDirectory()));
        environment.putAll(rig.store.pgBackRestRepository(BackupRig.BUCKET, OWN_REPOSITORY));
        environment.put("PGBACKREST_PG1_PORT", Integer.toString(server.port()));
        environment.put("PGPASSWORD", password);
        return environment;
    }

    /** A file the servers' user can read. */
    private Path shared(String name, String text) throws IOException {
        Path file = rig.cluster.directory().resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        rig.cluster.own(file);
        return file;
    }

    /** Every object under {@code path} in the bucket, with its size. */
    private Map<String, Long> objects(String path) throws IOException {
        Path root = rig.store.bucketDirectory(BackupRig.BUCKET).resolve(path.substring(1));
        Map<String, Long> objects = new TreeMap<>();
        if (!Files.exists(root)) {
            return objects;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                objects.put(root.relativize(file).toString(), Files.size(file));
            }
        }
        return objects;
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

    private List<Integer> ids(LocalPostgresServer server, DatabaseCredentials credentials)
            throws SQLException {
        List<Integer> ids = new ArrayList<>();
        for (String id : query(server, credentials, "SELECT id FROM rows ORDER BY id")) {
            ids.add(Integer.parseInt(id));
        }
        return ids;
    }

    private boolean inRecovery(LocalPostgresServer server, DatabaseCredentials credentials)
            throws SQLException {
        return "t".equals(query(server, credentials, "SELECT pg_is_in_recovery()").get(0));
    }

    private String switchWal(LocalPostgresServer server, DatabaseCredentials credentials)
            throws SQLException {
        return query(server, credentials, "SELECT pg_walfile_name(pg_switch_wal())").get(0);
    }

    private String lastArchived(LocalPostgresServer server, DatabaseCredentials credentials)
            throws SQLException {
        return query(
                        server,
                        credentials,
                        "SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver")
                .get(0);
    }

    private List<String> query(
            LocalPostgresServer server, DatabaseCredentials credentials, String sql)
            throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = rig.cluster.connect(server, credentials);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
