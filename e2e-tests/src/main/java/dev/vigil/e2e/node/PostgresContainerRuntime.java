package dev.vigil.e2e.node;

import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the official {@code postgres} images with this machine's PostgreSQL: Debian's server
 * programs, the newest major under {@code /usr/lib/postgresql/<major>/bin}. The image's tag only
 * decides whether the image "exists" (PostgreSQL 13 to 17: {@code 16.4}, {@code 15}, {@code
 * 16.4-bookworm}); the version that runs is the machine's, whatever the tag says.
 *
 * <p>A container runs its real command line (the operator's {@code sh /etc/postgresql/bootstrap.sh}
 * init container, its {@code postgres -c config_file=...} server), as the {@link PodUser}, with
 * container paths in the arguments and environment rewritten to the volumes' host paths ({@link
 * HostEnvironment}) and the PostgreSQL programs first on the {@code PATH}. The server gets the
 * pod's network identity: {@code -c listen_addresses=<pod IP> -c unix_socket_directories=<the pod's
 * /var/run/postgresql>} are added after the container's arguments (the command line overrides the
 * configuration file); the port stays the configuration's, 5432 in every pod, as in a cluster. A
 * {@code pg_isready} probe is answered as {@code pg_isready} would, against the pod's address; a
 * {@code preStop} hook ({@code pg_ctl stop -m fast}) runs before {@code SIGTERM}.
 *
 * <p>Not modelled: the image's {@code docker-entrypoint.sh} (without a command, {@code postgres}
 * runs directly: {@code POSTGRES_PASSWORD} does not initialise a cluster), its locales ({@code
 * LANG} is {@code C.UTF-8}), read-only root filesystems and resource limits.
 */
public final class PostgresContainerRuntime implements ContainerRuntime {

    /** Where Debian installs one directory per major version. */
    public static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    private static final Pattern IMAGE =
            Pattern.compile(
                    "(?:docker\\.io/)?(?:library/)?postgres:(?<major>1[3-7])(?:\\.\\d+)?(?:-[a-z0-9][a-z0-9.]*)?");
    private static final String SOCKET_DIR = "/var/run/postgresql";
    private static final int DEFAULT_PORT = 5432;
    private static final int MAX_SOCKET_PATH = 107;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private final Path bin;
    private final PodUser user;
    private final Duration maxGracePeriod;

    /**
     * @param bin the directory of the PostgreSQL programs
     * @param maxGracePeriod the longest a container gets to stop gracefully
     */
    public PostgresContainerRuntime(Path bin, PodUser user, Duration maxGracePeriod) {
        this.bin = bin;
        this.user = user;
        this.maxGracePeriod = maxGracePeriod;
    }

    /**
     * With the newest PostgreSQL this machine has.
     *
     * @throws IllegalStateException when it has none, saying what to install
     */
    public static PostgresContainerRuntime withNewestInstalled(
            PodUser user, Duration maxGracePeriod) {
        return new PostgresContainerRuntime(newestBin(), user, maxGracePeriod);
    }

    /** The directory of the programs containers run. */
    public Path binaries() {
        return bin;
    }

    @Override
    public boolean canRun(String image) {
        return IMAGE.matcher(image).matches();
    }

    @Override
    public RunningContainer start(ContainerLaunch launch) throws IOException {
        Container container = launch.container();
        Map<String, String> env = HostEnvironment.of(launch, imageEnvironment(launch));
        List<String> line = HostContainers.commandLine(container, List.of(), List.of("postgres"));
        if (line.get(0).startsWith("-")) {
            // docker-entrypoint.sh: arguments that are options are postgres's.
            line.add(0, "postgres");
        }
        List<String> argv = new ArrayList<>();
        argv.add(HostContainers.executable(line.get(0), env.get("PATH")).toString());
        line.subList(1, line.size()).forEach(arg -> argv.add(launch.mounts().rewrite(arg)));
        if (Path.of(argv.get(0)).getFileName().toString().equals("postgres")) {
            argv.addAll(
                    List.of(
                            "-c",
                            "listen_addresses=" + launch.podIp(),
                            "-c",
                            "unix_socket_directories=" + socketDirectory(launch)));
        }
        return HostProcess.start(
                new HostProcess.Spec(
                        argv,
                        env,
                        launch.logFile(),
                        user,
                        ContainerProbes.readiness(
                                container,
                                launch.podIp(),
                                command -> execProbe(command, launch, env)),
                        preStop(container, launch, env),
                        HostContainers.grace(launch.pod(), maxGracePeriod)));
    }

    /**
     * The image's {@code ENV}: the programs on the {@code PATH}, {@code PGDATA}, and a locale
     * Debian always has.
     */
    private Map<String, String> imageEnvironment(ContainerLaunch launch) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", bin + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("PGDATA", "/var/lib/postgresql/data");
        env.put("LANG", "C.UTF-8");
        env.put("HOME", "/var/lib/postgresql");
        Matcher image = IMAGE.matcher(launch.container().getImage());
        if (image.matches()) {
            env.put("PG_MAJOR", image.group("major"));
        }
        return env;
    }

    /** The pod's {@code /var/run/postgresql} volume, or a directory of the container's own. */
    private Path socketDirectory(ContainerLaunch launch) throws IOException {
        Optional<Path> mounted = launch.mounts().hostPath(SOCKET_DIR);
        if (mounted.isPresent()) {
            return shortEnough(mounted.get());
        }
        Path own = launch.logFile().resolveSibling(launch.container().getName() + ".run");
        Files.createDirectories(own);
        user.own(own);
        return own;
    }

    /**
     * {@code directory}, or a short symbolic link to it when the socket's path in it would pass the
     * 107 bytes a Unix socket's path may have (a long namespace and pod name, as a restore
     * verification pod's, make the node's volume paths long; a real node's are short).
     */
    private static Path shortEnough(Path directory) throws IOException {
        if ((directory + "/.s.PGSQL." + DEFAULT_PORT).length() <= MAX_SOCKET_PATH) {
            return directory;
        }
        Path parent =
                Files.createTempDirectory(
                        "pgs",
                        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                                java.nio.file.attribute.PosixFilePermissions.fromString(
                                        "rwxr-xr-x")));
        Path link = parent.resolve("run");
        Files.createSymbolicLink(link, directory);
        return link;
    }

    private List<String> preStop(
            Container container, ContainerLaunch launch, Map<String, String> env)
            throws IOException {
        List<String> hook = HostContainers.preStop(container);
        if (hook.isEmpty()) {
            return hook;
        }
        List<String> argv = new ArrayList<>();
        argv.add(HostContainers.executable(hook.get(0), env.get("PATH")).toString());
        hook.subList(1, hook.size()).forEach(arg -> argv.add(launch.mounts().rewrite(arg)));
        return argv;
    }

    /**
     * {@code pg_isready} answered in process against the pod's address (or the host it names); any
     * other command is run, as the container's user, and must exit with 0.
     */
    private boolean execProbe(
            List<String> command, ContainerLaunch launch, Map<String, String> env) {
        if (Path.of(command.get(0)).getFileName().toString().equals("pg_isready")) {
            PgIsReadyArguments arguments = PgIsReadyArguments.parse(command);
            InetSocketAddress server =
                    launch.dns()
                            .resolve(
                                    arguments.host().orElse("localhost"),
                                    arguments.port().orElse(DEFAULT_PORT));
            return !server.isUnresolved()
                    && PostgresPing.accepting(
                            server, arguments.user().orElse("postgres"), PROBE_TIMEOUT);
        }
        try {
            List<String> argv = new ArrayList<>();
            argv.add(HostContainers.executable(command.get(0), env.get("PATH")).toString());
            command.subList(1, command.size())
                    .forEach(arg -> argv.add(launch.mounts().rewrite(arg)));
            return HostProcess.run(argv, env, launch.logFile(), user, PROBE_TIMEOUT) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** The options of a {@code pg_isready} command line that say whom to ask. */
    record PgIsReadyArguments(
            Optional<String> host, Optional<Integer> port, Optional<String> user) {

        static PgIsReadyArguments parse(List<String> command) {
            String host = null;
            Integer port = null;
            String user = null;
            for (int i = 1; i < command.size(); i++) {
                String arg = command.get(i);
                String next = i + 1 < command.size() ? command.get(i + 1) : null;
                if ((arg.equals("-h") || arg.equals("--host")) && next != null) {
                    host = next;
                    i++;
                } else if (arg.startsWith("--host=")) {
                    host = arg.substring("--host=".length());
                } else if ((arg.equals("-p") || arg.equals("--port")) && next != null) {
                    port = Integer.parseInt(next);
                    i++;
                } else if (arg.startsWith("--port=")) {
                    port = Integer.parseInt(arg.substring("--port=".length()));
                } else if ((arg.equals("-U") || arg.equals("--username")) && next != null) {
                    user = next;
                    i++;
                } else if (arg.startsWith("--username=")) {
                    user = arg.substring("--username=".length());
                }
            }
            return new PgIsReadyArguments(
                    Optional.ofNullable(host),
                    Optional.ofNullable(port),
                    Optional.ofNullable(user));
        }
    }

    private static Path newestBin() {
        if (Files.isDirectory(DEBIAN_ROOT)) {
            try (Stream<Path> majors = Files.list(DEBIAN_ROOT)) {
                Optional<Path> newest =
                        majors.filter(dir -> dir.getFileName().toString().matches("\\d+"))
                                .filter(dir -> Files.isExecutable(dir.resolve("bin/postgres")))
                                .max(
                                        Comparator.comparingInt(
                                                dir ->
                                                        Integer.parseInt(
                                                                dir.getFileName().toString())));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException(
                "no PostgreSQL server under "
                        + DEBIAN_ROOT
                        + "/<major>/bin: install Debian's postgresql package (apt-get install"
                        + " postgresql)");
    }
}
