package dev.vigil.e2e.node;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A container that is a process on this machine, in a session of its own, as the {@link PodUser}:
 * its output goes to the container's log, its readiness comes from its probe, and stopping it is
 * what a container runtime does: the {@code preStop} hook, then {@code SIGTERM}, then after the
 * grace period {@code SIGKILL} to every process of its session. When the main process exits, the
 * processes it left behind are killed too, as the end of a container's PID 1 ends the container.
 */
final class HostProcess implements RunningContainer {

    private static final Logger LOG = LoggerFactory.getLogger(HostProcess.class);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    /**
     * How to start a container's process.
     *
     * @param argv the program (an absolute path) and its arguments, host paths already
     * @param env the whole environment; nothing is inherited from the node
     * @param preStop the {@code preStop} hook's command line, or empty
     * @param grace how long the hook and {@code SIGTERM} get before {@code SIGKILL}
     */
    record Spec(
            List<String> argv,
            Map<String, String> env,
            Path log,
            PodUser user,
            BooleanSupplier readiness,
            List<String> preStop,
            Duration grace) {}

    private final Spec spec;
    private final Process process;
    private volatile boolean leftoversKilled;

    private HostProcess(Spec spec, Process process) {
        this.spec = spec;
        this.process = process;
    }

    /** Starts the process; returns at once. */
    static HostProcess start(Spec spec) throws IOException {
        return new HostProcess(
                spec, launch(spec.user().command(spec.argv()), spec.env(), spec.log()));
    }

    /**
     * Runs a command of the container to completion (a hook, an exec probe), as the same user and
     * with the same environment, its output appended to the container's log.
     *
     * @return its exit code; -1 when it overran {@code timeout} and was killed
     */
    static int run(
            List<String> argv, Map<String, String> env, Path log, PodUser user, Duration timeout)
            throws IOException {
        Process process = launch(user.command(argv), env, log);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killGroup(process.pid(), "KILL");
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killGroup(process.pid(), "KILL");
            return -1;
        }
    }

    private static Process launch(List<String> command, Map<String, String> env, Path log)
            throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(new File("/"))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    long pid() {
        return process.pid();
    }

    /** The program it runs, for logs (never its arguments or environment). */
    String command() {
        return spec.argv().get(0);
    }

    @Override
    public boolean ready() {
        if (!process.isAlive()) {
            return false;
        }
        try {
            return spec.readiness().getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public OptionalInt exitCode() {
        if (process.isAlive()) {
            return OptionalInt.empty();
        }
        killLeftovers();
        return OptionalInt.of(process.exitValue());
    }

    @Override
    public synchronized void close() {
        if (process.isAlive()) {
            long deadline = System.nanoTime() + spec.grace().toNanos();
            runPreStop();
            process.destroy();
            try {
                long left = Math.max(deadline - System.nanoTime(), TimeUnit.SECONDS.toNanos(1));
                if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    LOG.info(
                            "{} did not stop within its grace period: killing it",
                            spec.argv().get(0));
                    killGroup(process.pid(), "KILL");
                    process.destroyForcibly().waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                killGroup(process.pid(), "KILL");
                process.destroyForcibly();
            }
        }
        killLeftovers();
    }

    private void runPreStop() {
        if (spec.preStop().isEmpty()) {
            return;
        }
        try {
            int exit = run(spec.preStop(), spec.env(), spec.log(), spec.user(), spec.grace());
            if (exit != 0) {
                LOG.info("preStop hook {} exited with {}", spec.preStop(), exit);
            }
        } catch (IOException e) {
            LOG.info("preStop hook {} failed: {}", spec.preStop(), e.getMessage());
        }
    }

    private void killLeftovers() {
        if (!leftoversKilled) {
            leftoversKilled = true;
            killGroup(process.pid(), "KILL");
        }
    }

    /** Signals every process of the session the container's process leads. */
    private static void killGroup(long pid, String signal) {
        try {
            Process kill =
                    new ProcessBuilder("kill", "-s", signal, "--", "-" + pid)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
            kill.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            LOG.warn("Cannot signal process group {}: {}", pid, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
