package dev.vigil.e2e.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock files a PostgreSQL server killed with {@code SIGKILL} leaves behind: {@code
 * postmaster.pid} in its data directory and {@code .s.PGSQL.<port>.lock} next to its socket. A
 * server starting on that directory trusts the pid written in them: while any process has that pid
 * (the kernel may have given it to another one since) it refuses to start, "lock file already
 * exists". On this node every claim and socket directory is a directory of the work directory, so
 * when the node starts, before it runs any pod, every such file in it is stale: this removes them.
 *
 * <p>A server that still runs in one of those data directories (its working directory, which
 * PostgreSQL sets to the data directory) was started by a node that died before it could record it
 * ({@link HostProcessLedger}): its session is killed first.
 */
final class StalePostgresLocks {

    private static final Logger LOG = LoggerFactory.getLogger(StalePostgresLocks.class);
    private static final String POSTMASTER_PID = "postmaster.pid";
    private static final int MAX_DEPTH = 16;

    private StalePostgresLocks() {}

    /** Removes the lock files under {@code root}; returns the ones removed. */
    static List<Path> remove(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> locks;
        try (Stream<Path> files = Files.walk(root, MAX_DEPTH)) {
            locks = files.filter(StalePostgresLocks::isLockFile).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("cannot look for PostgreSQL lock files in " + root, e);
        }
        List<Path> removed = new ArrayList<>();
        for (Path lock : locks) {
            if (lock.getFileName().toString().equals(POSTMASTER_PID)) {
                killServerStillIn(lock);
            }
            try {
                if (Files.deleteIfExists(lock)) {
                    removed.add(lock);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the stale lock file " + lock, e);
            }
        }
        if (!removed.isEmpty()) {
            LOG.info("Removed {} stale PostgreSQL lock file(s): {}", removed.size(), removed);
        }
        return removed;
    }

    static boolean isLockFile(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        return (name.equals(POSTMASTER_PID)
                        || (name.startsWith(".s.PGSQL.") && name.endsWith(".lock")))
                && Files.isRegularFile(file);
    }

    /**
     * Kills the server whose {@code postmaster.pid} this is, when it still runs in its directory.
     */
    private static void killServerStillIn(Path postmasterPid) {
        Optional<Long> pid = firstLinePid(postmasterPid);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcStat> stat = ProcStat.of(pid.get()).filter(ProcStat::running);
        if (stat.isEmpty() || !workingIn(pid.get(), postmasterPid.getParent())) {
            return;
        }
        // A container's postmaster leads its session (HostProcess); anything else, only itself.
        int killed =
                stat.get().session() == pid.get()
                        ? HostProcessLedger.killSession(pid.get(), stat.get().startTime())
                        : HostProcessLedger.kill(List.of(stat.get()));
        LOG.warn(
                "Killed a PostgreSQL server (pid {}, {} process(es)) still running in {}",
                pid.get(),
                killed,
                postmasterPid.getParent());
    }

    private static Optional<Long> firstLinePid(Path lock) {
        try {
            List<String> lines = Files.readAllLines(lock, StandardCharsets.UTF_8);
            return lines.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean workingIn(long pid, Path directory) {
        try {
            Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd"));
            return cwd.equals(directory.toRealPath());
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
