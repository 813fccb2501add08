package dev.vigil.backup;

import static org.awaitility.Awaitility.await;

import dev.vigil.testing.objectstore.LocalObjectStore;
import dev.vigil.testing.postgres.LocalPostgresCluster;
import dev.vigil.testing.postgres.LocalPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A PostgreSQL primary archiving its WAL with pgBackRest to a real S3 server over TLS, set up as
 * Vigil sets up a pod: pgBackRest installed by {@link ToolInstaller} into a directory the server
 * runs it from, and configured by {@code PGBACKREST_*} variables in the server's environment only.
 * pgBackRest runs as the data directory's owner (the {@code postgres} user when the tests run as
 * root), as the fixture runs PostgreSQL's programs.
 */
final class BackupRig implements AutoCloseable {

    static final String BUCKET = "backups";
    static final String REPOSITORY_PATH = "/vigil/vigil-test/pg";

    final LocalObjectStore store;
    final LocalPostgresCluster cluster;
    final Path tools;

    private BackupRig(LocalObjectStore store, LocalPostgresCluster cluster, Path tools) {
        this.store = store;
        this.cluster = cluster;
        this.tools = tools;
    }

    /** Starts the S3 server and a primary with {@code settings} added to the archive settings. */
    static BackupRig start(String settings) {
        LocalObjectStore store = LocalObjectStore.start(List.of(BUCKET));
        Path tools = null;
        try {
            tools =
                    Files.createTempDirectory(
                            "vigil-backup-tools-",
                            PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString("rwxr-xr-x")));
            Path program =
                    ToolInstaller.onPath("pgbackrest", System.getenv("PATH"))
                            .orElseThrow(
                                    () ->
                                            new IllegalStateException(
                                                    "pgbackrest is not installed: run"
                                                            + " scripts/ensure-debian-packages.sh"
                                                            + " (apt-get install pgbackrest)"));
            Path wrapper = ToolInstaller.install(program, tools);
            // pgBackRest's locks, written by the servers' user; deleted with the tools.
            Path locks = Files.createDirectory(tools.resolve("locks"));
            Files.setPosixFilePermissions(locks, PosixFilePermissions.fromString("rwxrwxrwx"));
            String archive =
                    String.join(
                            "\n",
                            "archive_mode = on",
                            "archive_command = '" + wrapper + " archive-push %p'",
                            "archive_timeout = 30s",
                            settings);
            LocalPostgresCluster cluster =
                    LocalPostgresCluster.startPrimary(
                            c -> archive,
                            c -> {
                                Map<String, String> environment = serverEnvironment(store, locks);
                                // archive-push reads the segment PostgreSQL names relative to it.
                                environment.put(
                                        "PGBACKREST_PG1_PATH", c.primaryDataDirectory().toString());
                                return environment;
                            });
            return new BackupRig(store, cluster, tools);
        } catch (IOException | RuntimeException e) {
            store.close();
            if (tools != null) {
                delete(tools);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * What pgBackRest reads in the postgres container: the repository, the stanza, the data
     * directory. {@code PGBACKREST_PG1_PATH} matters to backups and restores only: the server runs
     * {@code archive-push} in its data directory.
     */
    private static Map<String, String> serverEnvironment(LocalObjectStore store, Path locks) {
        Map<String, String> environment =
                new HashMap<>(store.pgBackRestRepository(BUCKET, REPOSITORY_PATH));
        environment.put("PGBACKREST_STANZA", "db");
        environment.put("PGBACKREST_LOG_LEVEL_CONSOLE", "info");
        environment.put("PGBACKREST_LOG_LEVEL_FILE", "off");
        environment.put("PGBACKREST_LOCK_PATH", locks.toString());
        environment.put("PGBACKREST_REPO1_RETENTION_FULL", "2");
        environment.put("PGBACKREST_REPO1_RETENTION_FULL_TYPE", "count");
        return environment;
    }

    /** pgBackRest's environment for the server whose data directory is {@code data}. */
    Map<String, String> environment(Path data) {
        Map<String, String> environment = serverEnvironment(store, tools.resolve("locks"));
        environment.put("PGBACKREST_PG1_PATH", data.toString());
        environment.put("PGBACKREST_PG1_SOCKET_PATH", cluster.directory().toString());
        environment.put("PGBACKREST_PG1_PORT", Integer.toString(cluster.primary().port()));
        // A backup starts at once instead of at the next scheduled checkpoint.
        environment.put("PGBACKREST_START_FAST", "y");
        // The fixture's servers ask every client for a password, pgBackRest's libpq included.
        environment.put("PGPASSWORD", cluster.superuser().password());
        return environment;
    }

    /** pgBackRest for the primary, as the backup agent runs it. */
    PgBackRest primaryPgBackRest() {
        return pgBackRest(cluster.primary().dataDirectory());
    }

    PgBackRest pgBackRest(Path data) {
        return pgBackRest(environment(data));
    }

    PgBackRest pgBackRest(Map<String, String> environment) {
        return new PgBackRest(
                cluster.launcher(),
                tools.resolve("pgbackrest"),
                environment,
                Duration.ofMinutes(2),
                Duration.ofMinutes(1));
    }

    Connection primary() throws SQLException {
        return cluster.connectAsSuperuser(cluster.primary());
    }

    /**
     * The primary's clock: a restore target is compared with commit times the server took from it,
     * so a target read here between two commits lies between them.
     */
    Instant primaryNow() throws SQLException {
        try (Connection connection = primary();
                Statement statement = connection.createStatement();
                ResultSet now = statement.executeQuery("SELECT clock_timestamp()")) {
            now.next();
            return now.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    /**
     * Waits out the second a backup ended in: pgBackRest dates a backup to the second and restores
     * only to a target in a later second.
     */
    static void awaitTheNextSecond() throws InterruptedException {
        Thread.sleep(1_000 - System.currentTimeMillis() % 1_000 + 50);
    }

    /** Switches to a new WAL segment and waits until the finished one is in the repository. */
    void switchWalAndAwaitArchived() throws SQLException {
        String segment;
        try (Connection connection = primary();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT pg_walfile_name(pg_switch_wal())")) {
            row.next();
            segment = row.getString(1);
        }
        await("WAL segment " + segment + " archived")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> archived(segment));
    }

    private boolean archived(String segment) throws SQLException {
        try (Connection connection = primary();
                Statement statement = connection.createStatement();
                ResultSet row =
                        statement.executeQuery(
                                "SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver")) {
            row.next();
            return row.getString(1).compareTo(segment) >= 0;
        }
    }

    /**
     * Starts a server on a restored data directory, not archiving (it would archive a new timeline
     * to the same stanza), and waits until it has promoted itself.
     */
    void startRestored(LocalPostgresServer server) {
        cluster.startOn(server, "archive_mode = off", environment(server.dataDirectory()));
        await("restored server " + server.name() + " promoted")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> !inRecovery(server));
    }

    private boolean inRecovery(LocalPostgresServer server) throws SQLException {
        try (Connection connection = cluster.connectAsSuperuser(server);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT pg_is_in_recovery()")) {
            row.next();
            return row.getBoolean(1);
        }
    }

    /** Something that may fail because the primary's archiving does. */
    interface Step {
        void run() throws Exception;
    }

    /**
     * Runs {@code step}; a failure carries the end of the primary's log, where archiving says why.
     */
    void explainFailures(Step step) throws Exception {
        try {
            step.run();
        } catch (Exception | AssertionError e) {
            List<String> log = Files.readAllLines(cluster.primary().log());
            e.addSuppressed(
                    new IllegalStateException(
                            "the primary's log ends:\n"
                                    + String.join(
                                            "\n",
                                            log.subList(
                                                    Math.max(0, log.size() - 40), log.size()))));
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } finally {
            try {
                store.close();
            } finally {
                delete(tools);
            }
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
