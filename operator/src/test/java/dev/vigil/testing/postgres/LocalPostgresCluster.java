package dev.vigil.testing.postgres;

import static org.awaitility.Awaitility.await;

import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.names.DatabaseAddressResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Real PostgreSQL servers on loopback for tests: a primary made with {@code initdb} (superuser
 * password, {@code scram-sha-256} for every connection, local and TCP, replication included), and
 * any number of streaming standbys cloned from it with {@code pg_basebackup}, each through its own
 * physical replication slot.
 *
 * <p>Servers are named like a StatefulSet's pods ({@code pg-0}, {@code pg-1}, ...) and {@link
 * #resolver()} maps their member addresses to their loopback ports, as a test harness does for
 * Vigil. Every wait is bounded and fails with the server's log. {@link #close()} stops every server
 * and deletes every file.
 */
public final class LocalPostgresCluster implements AutoCloseable {

    /** The DNS suffix of the members' names, as in a namespace {@code vigil-test}. */
    public static final String DNS_SUFFIX = ".pg-hl.vigil-test.svc.cluster.local";

    private static final Duration PROGRAM_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STREAMING_TIMEOUT = Duration.ofSeconds(60);
    private static final int SERVER_PORT = Engine.POSTGRESQL_PORT;

    private final PostgresBinaries binaries;
    private final Path directory;
    private final DatabaseCredentials superuser;
    private final List<LocalPostgresServer> servers = new ArrayList<>();
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();
    private final java.util.Set<String> killed = ConcurrentHashMap.newKeySet();
    private String primarySettings = "";
    private Map<String, String> primaryEnvironment = Map.of();

    private LocalPostgresCluster(
            PostgresBinaries binaries, Path directory, DatabaseCredentials superuser) {
        this.binaries = binaries;
        this.directory = directory;
        this.superuser = superuser;
    }

    /**
     * Creates and starts the primary, {@code pg-0}.
     *
     * @throws IllegalStateException when PostgreSQL is not installed or does not start, saying why
     */
    public static LocalPostgresCluster startPrimary() {
        return startPrimary(cluster -> "", cluster -> Map.of());
    }

    /**
     * {@link #startPrimary()}, with {@code settings} appended to the primary's {@code
     * postgresql.conf} and {@code environment} added to its server's environment: WAL archiving,
     * say, whose command reads its configuration from the server's environment as in a pod. Both
     * are given the cluster, for paths inside its directory ({@link #primaryDataDirectory}).
     */
    public static LocalPostgresCluster startPrimary(
            java.util.function.Function<LocalPostgresCluster, String> settings,
            java.util.function.Function<LocalPostgresCluster, Map<String, String>> environment) {
        PostgresBinaries binaries = PostgresBinaries.locate();
        Path directory;
        try {
            directory = Files.createTempDirectory("vigil-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        binaries.own(directory);
        DatabaseCredentials superuser =
                new DatabaseCredentials("postgres", "su-" + UUID.randomUUID());
        LocalPostgresCluster cluster = new LocalPostgresCluster(binaries, directory, superuser);
        try {
            cluster.primarySettings = settings.apply(cluster);
            cluster.primaryEnvironment = Map.copyOf(environment.apply(cluster));
            cluster.initPrimary();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public DatabaseCredentials superuser() {
        return superuser;
    }

    /** The installed major version the servers run, e.g. 15. */
    public int majorVersion() {
        return binaries.majorVersion();
    }

    public LocalPostgresServer primary() {
        return servers.get(0);
    }

    /** Every server started, the primary first. */
    public List<LocalPostgresServer> servers() {
        return List.copyOf(servers);
    }

    /** Maps each server's member address to {@code 127.0.0.1:<its port>}; other names stay. */
    public DatabaseAddressResolver resolver() {
        return (host, port) -> {
            Integer local = ports.get(host);
            return local != null && port == SERVER_PORT
                    ? new InetSocketAddress(InetAddress.getLoopbackAddress(), local)
                    : InetSocketAddress.createUnresolved(host, port);
        };
    }

    /** A JDBC connection to {@code server}'s {@code postgres} database, for assertions. */
    public Connection connect(LocalPostgresServer server, DatabaseCredentials credentials)
            throws SQLException {
        return DriverManager.getConnection(
                server.jdbcUrl(), credentials.username(), credentials.password());
    }

    public Connection connectAsSuperuser(LocalPostgresServer server) throws SQLException {
        return connect(server, superuser);
    }

    /**
     * Clones the primary as it is now into a new standby with {@code pg_basebackup}, creating the
     * physical slot {@code slotName} on the primary, starts it, and waits until the primary streams
     * to it through that slot.
     */
    public LocalPostgresServer addStandby(String slotName) {
        return addStandby(slotName, Map.of());
    }

    /**
     * {@link #addStandby(String)}, with {@code libpq} as the environment of pg_basebackup and of
     * the standby's server, whose walreceiver connects with libpq ({@code PGSSLMODE}, say).
     */
    public LocalPostgresServer addStandby(String slotName, Map<String, String> libpq) {
        LocalPostgresServer server = allocate();
        Path output = directory.resolve(server.name() + "-setup.log");
        binaries.run(
                "pg_basebackup",
                List.of(
                        "--host=127.0.0.1",
                        "--port=" + primary().port(),
                        "--username=" + superuser.username(),
                        "--pgdata=" + server.dataDirectory(),
                        "--wal-method=stream",
                        "--checkpoint=fast",
                        "--write-recovery-conf",
                        "--create-slot",
                        "--slot=" + slotName,
                        "--no-sync"),
                withPassword(libpq),
                output,
                PROGRAM_TIMEOUT);
        appendSettings(server);
        start(server, libpq);
        awaitStreaming(slotName, server);
        return server;
    }

    private void initPrimary() {
        LocalPostgresServer server = allocate();
        Path output = directory.resolve(server.name() + "-setup.log");
        Path passwordFile = directory.resolve("superuser-password");
        write(passwordFile, superuser.password() + "\n");
        binaries.own(passwordFile);
        binaries.run(
                "initdb",
                List.of(
                        "--pgdata=" + server.dataDirectory(),
                        "--username=" + superuser.username(),
                        "--pwfile=" + passwordFile,
                        "--auth=scram-sha-256",
                        "--encoding=UTF8",
                        "--locale=C",
                        "--no-sync"),
                Map.of(),
                output,
                PROGRAM_TIMEOUT);
        appendSettings(server);
        appendSettings(server, primarySettings);
        start(server, primaryEnvironment);
    }

    /** Where the primary's data directory is, also before it is made. */
    public Path primaryDataDirectory() {
        return directory.resolve("pg-0");
    }

    /** The directory of the server programs (postgres, pg_ctl, pg_controldata, ...). */
    public Path binDirectory() {
        return binaries.bin();
    }

    /** The directory holding every server's files; owned by the servers' user. */
    public Path directory() {
        return directory;
    }

    /**
     * The words to put before a program so that it runs as the servers' user: {@code runuser -u
     * postgres --} when the tests run as root, nothing otherwise.
     */
    public List<String> launcher() {
        return binaries.launcher();
    }

    /** Gives {@code path} to the servers' user (nothing to do when not root). */
    public void own(Path path) {
        binaries.own(path);
    }

    /**
     * Reserves the next name and a free port with an empty data directory (mode 0700, owned by the
     * servers' user), for a restore to fill; {@link #startOn} starts it.
     */
    public LocalPostgresServer reserveEmpty() {
        LocalPostgresServer server = allocate();
        try {
            Files.createDirectory(
                    server.dataDirectory(),
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        binaries.own(server.dataDirectory());
        return server;
    }

    /**
     * Starts a server {@link #reserveEmpty} reserved, once something filled its data directory (a
     * restore), with {@code settings} appended to its configuration and {@code environment} added
     * to its server's environment. Returns when it accepts connections, which may be while it still
     * recovers.
     */
    public void startOn(
            LocalPostgresServer server, String settings, Map<String, String> environment) {
        appendSettings(server);
        appendSettings(server, settings);
        start(server, environment);
    }

    /**
     * Kills {@code server} with SIGKILL, its postmaster and every process of it at once, as a node
     * that loses power: nothing is flushed, archived or shut down.
     */
    public void kill(LocalPostgresServer server) {
        long pid;
        try {
            pid =
                    Long.parseLong(
                            Files.readAllLines(server.dataDirectory().resolve("postmaster.pid"))
                                    .get(0)
                                    .strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pid of " + server.name(), e);
        }
        ProcessHandle postmaster =
                ProcessHandle.of(pid)
                        .orElseThrow(
                                () -> new IllegalStateException(server.name() + " is not running"));
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(0, postmaster);
        killed.add(server.name());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : all) {
            process.onExit().join();
        }
    }

    private void appendSettings(LocalPostgresServer server, String settings) {
        if (settings.isEmpty()) {
            return;
        }
        try {
            Files.writeString(
                    server.dataDirectory().resolve("postgresql.conf"),
                    "\n# test settings\n" + settings + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reserves the next name and a free loopback port. */
    private LocalPostgresServer allocate() {
        String name = "pg-" + servers.size();
        LocalPostgresServer server =
                new LocalPostgresServer(
                        name,
                        name + DNS_SUFFIX + ":" + SERVER_PORT,
                        freePort(),
                        directory.resolve(name),
                        directory.resolve(name + ".log"));
        servers.add(server);
        return server;
    }

    /**
     * Later lines win in {@code postgresql.conf}, so these override what initdb or the copy from
     * the primary wrote. Durability is off: the data are thrown away after the test.
     */
    private void appendSettings(LocalPostgresServer server) {
        String settings =
                String.join(
                        "\n",
                        "",
                        "# LocalPostgresCluster",
                        "listen_addresses = '127.0.0.1'",
                        "port = " + server.port(),
                        "unix_socket_directories = '" + directory + "'",
                        "cluster_name = '" + server.name() + "'",
                        "max_connections = 30",
                        "shared_buffers = 16MB",
                        "dynamic_shared_memory_type = mmap",
                        "fsync = off",
                        "synchronous_commit = off",
                        "wal_level = replica",
                        "max_wal_senders = 10",
                        "max_replication_slots = 10",
                        "hot_standby = on",
                        "wal_receiver_status_interval = 1s",
                        "password_encryption = 'scram-sha-256'",
                        // As Vigil's postgresql.conf: the exporter reads pg_stat_statements.
                        "shared_preload_libraries = 'pg_stat_statements'",
                        "");
        Path conf = server.dataDirectory().resolve("postgresql.conf");
        try {
            Files.writeString(conf, settings, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> withPassword(Map<String, String> libpq) {
        Map<String, String> environment = new java.util.HashMap<>(libpq);
        environment.put("PGPASSWORD", superuser.password());
        return environment;
    }

    private void start(LocalPostgresServer server) {
        start(server, Map.of());
    }

    private void start(LocalPostgresServer server, Map<String, String> environment) {
        ports.put(server.name() + DNS_SUFFIX, server.port());
        binaries.run(
                "pg_ctl",
                List.of(
                        "start",
                        "--pgdata=" + server.dataDirectory(),
                        "--log=" + server.log(),
                        "--wait",
                        "--timeout=60"),
                environment,
                directory.resolve(server.name() + "-setup.log"),
                PROGRAM_TIMEOUT);
    }

    private void awaitStreaming(String slotName, LocalPostgresServer standby) {
        try {
            await("standby " + standby.name() + " streaming through slot " + slotName)
                    .atMost(STREAMING_TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> streamingThrough(slotName));
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "standby "
                            + standby.name()
                            + " did not stream within "
                            + STREAMING_TIMEOUT
                            + "; its log:\n"
                            + PostgresBinaries.tail(standby.log()),
                    e);
        }
    }

    private boolean streamingThrough(String slotName) throws SQLException {
        try (Connection connection = connectAsSuperuser(primary());
                PreparedStatement statement =
                        connection.prepareStatement(
                                "SELECT count(*) FROM pg_stat_replication r"
                                        + " JOIN pg_replication_slots s ON s.active_pid = r.pid"
                                        + " WHERE s.slot_name = ? AND r.state = 'streaming'")) {
            statement.setString(1, slotName);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1) == 1;
            }
        }
    }

    /**
     * Restarts {@code server} with {@code settings} appended to its {@code postgresql.conf} and
     * {@code hba} as its {@code pg_hba.conf}, as a member restarted with a new configuration.
     */
    public void reconfigure(LocalPostgresServer server, String settings, String hba) {
        try {
            Files.writeString(
                    server.dataDirectory().resolve("postgresql.conf"),
                    "\n# reconfigured\n" + settings,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
            Files.writeString(server.dataDirectory().resolve("pg_hba.conf"), hba);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        binaries.own(server.dataDirectory().resolve("pg_hba.conf"));
        binaries.run(
                "pg_ctl",
                List.of(
                        "restart",
                        "--pgdata=" + server.dataDirectory(),
                        "--log=" + server.log(),
                        "--mode=fast",
                        "--wait",
                        "--timeout=60"),
                Map.of(),
                directory.resolve(server.name() + "-setup.log"),
                PROGRAM_TIMEOUT);
    }

    /**
     * A directory the servers can read, holding copies of {@code files} as a Kubernetes Secret
     * volume gives them to a pod with the server's user as fsGroup: owned by root, group-readable,
     * mode 0640.
     */
    public Path secretVolume(String name, Map<String, Path> files) {
        Path volume = directory.resolve(name);
        try {
            Files.createDirectories(volume);
            java.nio.file.Files.setPosixFilePermissions(
                    volume, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            for (Map.Entry<String, Path> file : files.entrySet()) {
                Path copy = volume.resolve(file.getKey());
                Files.copy(file.getValue(), copy);
                binaries.groupReadable(copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return volume;
    }

    /** Stops {@code server} at once, as a crashed or lost member: its clients see it vanish. */
    public void stop(LocalPostgresServer server) {
        binaries.run(
                "pg_ctl",
                List.of(
                        "stop",
                        "--pgdata=" + server.dataDirectory(),
                        "--mode=immediate",
                        "--wait",
                        "--timeout=30"),
                Map.of(),
                directory.resolve(server.name() + "-setup.log"),
                PROGRAM_TIMEOUT);
    }

    /** Stops every server (immediately: the data are thrown away) and deletes every file. */
    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (int i = servers.size() - 1; i >= 0; i--) {
            LocalPostgresServer server = servers.get(i);
            if (!Files.exists(server.dataDirectory().resolve("postmaster.pid"))
                    || killed.contains(server.name())) {
                continue;
            }
            try {
                stop(server);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (failures.isEmpty()) {
            deleteRecursively(directory);
        } else {
            IllegalStateException stop =
                    new IllegalStateException(
                            "could not stop every PostgreSQL server; left " + directory);
            failures.forEach(stop::addSuppressed);
            throw stop;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
