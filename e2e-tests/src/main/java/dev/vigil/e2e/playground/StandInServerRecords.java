package dev.vigil.e2e.playground;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The PostgreSQL servers the playground starts for its External examples run outside the node, so
 * the node's process ledger does not know them and a playground killed with {@code kill -9} would
 * leave them running. Each one's directory is recorded here, in the playground's directory, while
 * it runs; the next start stops whatever a recorded directory's {@code postmaster.pid} still names
 * (only if that process is PostgreSQL on that directory, so that a reused pid is never signalled)
 * and deletes the directory.
 */
final class StandInServerRecords {

    private static final String FILE = "stand-in-postgres";
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final Path file;

    StandInServerRecords(Path playgroundDirectory) {
        this.file = playgroundDirectory.resolve(FILE);
    }

    /** Stops the servers a previous playground recorded and left running; forgets them. */
    List<Path> stopLeftovers() {
        List<Path> stopped = recorded().stream().filter(StandInServerRecords::stop).toList();
        recorded().forEach(StandInServerRecords::deleteRecursively);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot forget " + file, e);
        }
        return stopped;
    }

    /** Records {@code serverDirectory} (the root holding a server's data directory). */
    void record(Path serverDirectory) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    serverDirectory.toAbsolutePath() + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record " + serverDirectory + " in " + file, e);
        }
    }

    private List<Path> recorded() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(l -> !l.isBlank()).map(Path::of).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Kills the postmaster a data directory below {@code serverDirectory} names; true if any. */
    private static boolean stop(Path serverDirectory) {
        if (!Files.isDirectory(serverDirectory)) {
            return false;
        }
        try (Stream<Path> pidFiles = Files.find(serverDirectory, 2, (p, a) -> isPidFile(p))) {
            return pidFiles.map(StandInServerRecords::postmaster)
                    .flatMap(Optional::stream)
                    .map(StandInServerRecords::kill)
                    .reduce(false, Boolean::logicalOr);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look into " + serverDirectory, e);
        }
    }

    private static boolean isPidFile(Path path) {
        return path.getFileName().toString().equals("postmaster.pid");
    }

    /**
     * The live process {@code pidFile} names, if it is a postgres on the data directory the file
     * names (its first two lines).
     */
    private static Optional<ProcessHandle> postmaster(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.size() < 2) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            String dataDirectory = lines.get(1).trim();
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> commandLine(pid).contains(dataDirectory));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(
                    Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** SIGKILL, as a node ends a container; its backends leave once the postmaster is gone. */
    private static boolean kill(ProcessHandle postmaster) {
        CompletableFuture<ProcessHandle> exited = postmaster.onExit();
        postmaster.destroyForcibly();
        try {
            exited.get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
