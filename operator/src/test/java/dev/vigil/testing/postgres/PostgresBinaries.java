package dev.vigil.testing.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The PostgreSQL server programs of Debian's {@code postgresql} package ({@code
 * /usr/lib/postgresql/<major>/bin}), newest major first, run as an unprivileged user.
 *
 * <p>{@code initdb} and {@code postgres} refuse to run as root. When the tests run as root (as in
 * CI), every program runs as the {@code postgres} user the Debian package creates, through {@code
 * runuser}, and the files it must read or write are handed to that user with {@link #own}.
 */
final class PostgresBinaries {

    static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    static final String UNPRIVILEGED_USER = "postgres";

    private final Path bin;
    private final boolean root;

    private PostgresBinaries(Path bin, boolean root) {
        this.bin = bin;
        this.root = root;
    }

    /**
     * Finds the newest installed major version.
     *
     * @throws IllegalStateException saying what to install when there is none
     */
    static PostgresBinaries locate() {
        Path bin = newestBin();
        boolean root = uid() == 0;
        if (root && !userExists(UNPRIVILEGED_USER)) {
            throw new IllegalStateException(
                    "the tests run as root, but there is no '"
                            + UNPRIVILEGED_USER
                            + "' user to run PostgreSQL as: install Debian's postgresql package"
                            + " (apt-get install postgresql), which creates it");
        }
        return new PostgresBinaries(bin, root);
    }

    private static Path newestBin() {
        if (Files.isDirectory(DEBIAN_ROOT)) {
            try (Stream<Path> majors = Files.list(DEBIAN_ROOT)) {
                return majors.filter(dir -> dir.getFileName().toString().matches("\\d+"))
                        .filter(dir -> Files.isExecutable(dir.resolve("bin/postgres")))
                        .max(
                                Comparator.comparingInt(
                                        dir -> Integer.parseInt(dir.getFileName().toString())))
                        .map(dir -> dir.resolve("bin"))
                        .orElseThrow(PostgresBinaries::notInstalled);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw notInstalled();
    }

    private static IllegalStateException notInstalled() {
        return new IllegalStateException(
                "no PostgreSQL server under "
                        + DEBIAN_ROOT
                        + "/<major>/bin: install Debian's postgresql package"
                        + " (apt-get install postgresql)");
    }

    Path bin() {
        return bin;
    }

    /** The major version of the programs, from their directory's name. */
    int majorVersion() {
        return Integer.parseInt(bin.getParent().getFileName().toString());
    }

    /**
     * Makes {@code path} what a Kubernetes Secret volume with the pod's fsGroup holds: owned by
     * root, group the programs' user, mode 0640 (nothing to change when not root).
     */
    void groupReadable(Path path) {
        try {
            java.nio.file.Files.setPosixFilePermissions(
                    path, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
            if (root) {
                GroupPrincipal group =
                        path.getFileSystem()
                                .getUserPrincipalLookupService()
                                .lookupPrincipalByGroupName(UNPRIVILEGED_USER);
                Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(group);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot share " + path + " with " + UNPRIVILEGED_USER, e);
        }
    }

    /** Gives {@code path} to the user the programs run as (nothing to do when not root). */
    void own(Path path) {
        if (!root) {
            return;
        }
        try {
            UserPrincipalLookupService lookup =
                    path.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal user = lookup.lookupPrincipalByName(UNPRIVILEGED_USER);
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(UNPRIVILEGED_USER);
            PosixFileAttributeView view =
                    Files.getFileAttributeView(path, PosixFileAttributeView.class);
            view.setOwner(user);
            view.setGroup(group);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand " + path + " to " + UNPRIVILEGED_USER, e);
        }
    }

    /** {@code runuser -u postgres --} when root, so that a program runs as the servers' user. */
    List<String> launcher() {
        return root ? List.of("runuser", "-u", UNPRIVILEGED_USER, "--") : List.of();
    }

    /**
     * Runs one program to completion.
     *
     * @param program e.g. {@code initdb}
     * @param environment extra variables, e.g. {@code PGPASSWORD}
     * @param output where its standard output and error go (appended)
     * @throws IllegalStateException when it fails or overruns {@code timeout}, with its output
     */
    void run(
            String program,
            List<String> arguments,
            Map<String, String> environment,
            Path output,
            Duration timeout) {
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("runuser", "-u", UNPRIVILEGED_USER, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(arguments);
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(output.getParent().toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        program + " did not finish within " + timeout + ":\n" + tail(output));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        program
                                + " failed with exit code "
                                + process.exitValue()
                                + ":\n"
                                + tail(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + program, e);
        }
    }

    /** The last lines of a log, for error messages. */
    static String tail(Path log) {
        try {
            if (!Files.exists(log)) {
                return "(no output)";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name")) ? 0 : -1;
        }
    }

    private static boolean userExists(String name) {
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(name);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
