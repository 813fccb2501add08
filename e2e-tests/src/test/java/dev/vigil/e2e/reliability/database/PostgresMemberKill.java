package dev.vigil.e2e.reliability.database;

import dev.vigil.e2e.scenarios.DatabaseProbes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * Kills a PostgreSQL member's server as a crashed machine or the OOM killer would: SIGKILL of its
 * postmaster, no shutdown, no checkpoint. The pid comes from the member itself ({@code
 * postmaster.pid} of its data directory, read by the superuser), and is checked to be a running
 * {@code postgres} before the signal, so a reused pid is never killed. The container's process ends
 * with it and the node restarts the container, as a kubelet does.
 */
public final class PostgresMemberKill {

    private final DatabaseProbes probes;

    public PostgresMemberKill(DatabaseProbes probes) {
        this.probes = probes;
    }

    /** The postmaster's pid of member {@code ordinal}, read from the running server. */
    public long postmasterPid(String database, int ordinal) throws SQLException {
        List<List<String>> rows =
                probes.sql(database, ordinal, "SELECT pg_read_file('postmaster.pid')");
        String firstLine = rows.get(0).get(0).lines().findFirst().orElseThrow();
        return Long.parseLong(firstLine.trim());
    }

    /**
     * Sends SIGKILL to {@code pid}, after checking that it still runs {@code postgres}.
     *
     * @return false when the process had already gone (nothing was signalled)
     */
    public static boolean kill(long pid) {
        ProcessHandle process = ProcessHandle.of(pid).orElse(null);
        if (process == null || !process.isAlive() || !runsPostgres(pid)) {
            return false;
        }
        // destroyForcibly is SIGKILL on Linux.
        return process.destroyForcibly();
    }

    private static boolean runsPostgres(long pid) {
        try {
            byte[] commandLine =
                    Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(commandLine, StandardCharsets.UTF_8).contains("postgres");
        } catch (IOException e) {
            return false;
        }
    }
}
