package dev.vigil.e2e.reliability.kills;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One operator process ({@code java -jar vigil.jar run}, as the chart's container runs it), which a
 * test kills with SIGKILL: no grace, no shutdown hook, no Lease released, reconciles cut wherever
 * they were. Started by {@link OperatorLauncher}.
 */
public final class KillableOperator implements AutoCloseable {

    /** The exit status of a process that SIGKILL ended: 128 + 9. */
    static final int SIGKILL_STATUS = 137;

    private static final Pattern PORT = Pattern.compile("/readyz on port (\\d+)");
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path log;
    private final long startedNanos;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Runnable onExit;
    private int port;
    private boolean ended;

    KillableOperator(String name, Process process, Path log, Runnable onExit) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.onExit = onExit;
        this.startedNanos = System.nanoTime();
    }

    /** Its name, also its {@code HOSTNAME}: the prefix of its Lease holder identity. */
    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Its output so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until its {@code /readyz} answers 200 (informers synced; a standby of leader election
     * is ready too); returns the seconds since it started.
     */
    public double awaitReady(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "operator "
                                + name
                                + " exited with "
                                + process.exitValue()
                                + ":\n"
                                + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "operator " + name + " not ready within " + limit + ":\n" + tail());
            }
            if (port == 0) {
                Matcher matcher = PORT.matcher(log());
                port = matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
            }
            if (port != 0 && readyz() == 200) {
                return (System.nanoTime() - startedNanos) / 1e9;
            }
            Thread.sleep(50);
        }
    }

    /**
     * Sends SIGKILL ({@link Process#destroyForcibly()}, which is SIGKILL on Linux) and waits for
     * the process to end; fails unless it ended by that signal.
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        int status = process.waitFor();
        if (status != SIGKILL_STATUS) {
            throw new IllegalStateException(
                    "operator " + name + " ended with " + status + ", not by SIGKILL");
        }
        ended();
    }

    /** Stops it as a pod's SIGTERM would (test clean-up only). */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        ended();
    }

    private synchronized void ended() {
        if (!ended) {
            ended = true;
            onExit.run();
        }
    }

    private int readyz() {
        try {
            return http.send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + port + "/readyz"))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private String tail() {
        String text = log();
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }
}
