package dev.vigil.e2e.node;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A process as {@code /proc/<pid>/stat} describes it (Linux): enough to tell a process from a later
 * one that was given the same pid, and to find the members of a session.
 *
 * @param pid the process id
 * @param state the state letter ({@code R}, {@code S}, {@code Z} for a zombie, ...)
 * @param parent the pid of its parent
 * @param session the id of its session (the pid of the session's leader)
 * @param startTime when it started, in clock ticks after boot (field 22): with the pid, it names a
 *     process for good, as no two processes with the same pid start at the same tick
 */
record ProcStat(long pid, char state, long parent, long session, long startTime) {

    private static final Path PROC = Path.of("/proc");

    /** The process {@code pid} now, or empty when there is none. */
    static Optional<ProcStat> of(long pid) {
        try {
            return Optional.of(
                    parse(Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"))));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    /** Every process of the machine, as far as this user may see them. */
    static List<ProcStat> all() {
        List<ProcStat> all = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                of(Long.parseLong(entry.getFileName().toString())).ifPresent(all::add);
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot list the processes in /proc", e);
        }
        return all;
    }

    /**
     * Parses a {@code stat} line. The command name, field 2, is in parentheses and may hold spaces
     * and parentheses itself, so the fields are counted from the last {@code )}.
     */
    static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
        }
        long pid = Long.parseLong(line.substring(0, open).trim());
        // From field 3 (state) on.
        String[] fields = line.substring(close + 1).trim().split("\\s+");
        return new ProcStat(
                pid,
                fields[0].charAt(0),
                Long.parseLong(fields[1]),
                Long.parseLong(fields[3]),
                Long.parseLong(fields[19]));
    }

    /** Whether it still runs: a zombie has ended and holds nothing but its exit status. */
    boolean running() {
        return state != 'Z' && state != 'X';
    }
}
