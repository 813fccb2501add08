package dev.vigil.e2e.controlplane;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process of the control plane that ends with this JVM, however the JVM ends. It runs under a
 * small shell that holds a pipe from the JVM: when the pipe closes (a {@link #close()}, or the JVM
 * killed with {@code kill -9}) the shell sends the process {@code SIGTERM}, and {@code SIGKILL} a
 * few seconds later. So a hard-killed playground or test run leaves no etcd or API server behind
 * holding its ports and data.
 */
public final class TiedProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    /**
     * Reads the pipe from the JVM until it closes, then stops the process. The process's own
     * standard input is /dev/null, not the pipe.
     */
    private static final String WATCHDOG =
            "exec 3<&0\n"
                    + "\"$@\" </dev/null &\n"
                    + "child=$!\n"
                    + "{ cat <&3 >/dev/null; kill -TERM \"$child\" 2>/dev/null; sleep 8;"
                    + " kill -KILL \"$child\" 2>/dev/null; } </dev/null >/dev/null 2>&1 &\n"
                    + "watchdog=$!\n"
                    + "exec 3<&-\n"
                    + "wait \"$child\"\n"
                    + "status=$?\n"
                    + "kill \"$watchdog\" 2>/dev/null\n"
                    + "exit \"$status\"\n";

    private final String name;
    private final Process process;
    private final OutputStream lifeline;
    private final Path log;

    private TiedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.lifeline = process.getOutputStream();
        this.log = log;
    }

    /**
     * {@code command} under the watchdog shell, for a caller that starts the process itself: leave
     * the process's standard input a pipe (the default), and close the process's output stream to
     * stop it, as {@link #close()} does.
     */
    public static List<String> wrapped(String name, List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("/bin/bash", "-c", WATCHDOG, name));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Starts {@code command}, its output appended to {@code log}. */
    static TiedProcess start(String name, List<String> command, Path log) {
        List<String> wrapped = wrapped(name, command);
        try {
            Files.createDirectories(log.getParent());
            Process process =
                    new ProcessBuilder(wrapped)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                            .start();
            return new TiedProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    /** The last lines of its log, for an error message. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ")";
        }
    }

    /** Stops the process: {@code SIGTERM}, then {@code SIGKILL} after the grace period. */
    @Override
    public void close() {
        try {
            lifeline.close();
        } catch (IOException e) {
            // The shell is gone already.
        }
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** Fails unless the process is still running, with the end of its log. */
    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    name
                            + " exited with code "
                            + process.exitValue()
                            + "; its log "
                            + log
                            + " ends:\n"
                            + tail());
        }
    }
}
