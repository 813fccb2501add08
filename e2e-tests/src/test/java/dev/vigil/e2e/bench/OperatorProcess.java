package dev.vigil.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Vigil's operator as a process of its own, started as its image starts it ({@code java -jar
 * vigil.jar run}) with the settings of the chart and a kubeconfig of the chart's ServiceAccount, so
 * that its memory (heap after a full GC, and RSS) and its start-up are its own and not the
 * benchmark's. Optionally records a JDK Flight Recorder profile, written when it stops.
 */
final class OperatorProcess implements AutoCloseable {

    private static final Pattern PORT =
            Pattern.compile("Serving /metrics, /healthz and /readyz on port (\\d+)");
    private static final Pattern RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB$");
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;
    private final long startedNanos;
    private final HttpClient http = HttpClient.newHttpClient();
    private int port;

    private OperatorProcess(Process process, Path log, long startedNanos) {
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /**
     * Starts {@code jar run} against the cluster of {@code kubeconfig}, serving its HTTP port on a
     * free loopback port.
     *
     * @param heap the {@code -Xmx} to give it, as the chart's memory limit would
     * @param flightRecording where to write a profile when it stops; empty for none
     */
    static OperatorProcess start(
            Path jar,
            Path kubeconfig,
            int concurrency,
            String heap,
            Optional<Path> flightRecording,
            Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-Djdk.net.hosts.file=" + loopbackOnlyHosts(log.resolveSibling("hosts")));
        flightRecording.ifPresent(
                file ->
                        command.add(
                                "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                                        + file));
        command.addAll(List.of("-jar", jar.toString(), "run"));
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().put("VIGIL_HTTP_PORT", "0");
        builder.environment().put("VIGIL_HTTP_ADDRESS", "127.0.0.1");
        builder.environment().put("VIGIL_LEADER_ELECTION", "false");
        builder.environment().put("VIGIL_RECONCILE_CONCURRENCY", Integer.toString(concurrency));
        try {
            long started = System.nanoTime();
            return new OperatorProcess(builder.start(), log, started);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /**
     * A hosts file that names only loopback, which the operator resolves names from instead of DNS:
     * the members it would probe once {@link ReadyPods} marks their pods Ready are not found, at
     * once, and no name ever leaves the machine.
     */
    private static Path loopbackOnlyHosts(Path file) {
        try {
            Files.writeString(file, "127.0.0.1 localhost\n::1 localhost\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** Waits until {@code /readyz} answers 200; returns the seconds since the process started. */
    double awaitReady(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the operator exited with " + process.exitValue() + ", see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the operator was not ready within " + limit + ", see " + log);
            }
            if (port == 0) {
                port = logged(PORT).map(Integer::parseInt).orElse(0);
            }
            if (port != 0 && status("/readyz") == 200) {
                return (System.nanoTime() - startedNanos) / 1e9;
            }
            Thread.sleep(20);
        }
    }

    /** Seconds from the process's start to now. */
    double secondsSinceStart() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /**
     * The sum of the samples of metric {@code name} (whose labels include every one of {@code
     * labels}) on its {@code /metrics}.
     */
    double metric(String name, String... labels) {
        double sum = 0;
        for (String line : get("/metrics").lines().toList()) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Its heap after a full collection ({@code jcmd GC.run}), in bytes. */
    double heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            jcmd("GC.run");
        }
        return metric("jvm_memory_used_bytes", "area=\"heap\"");
    }

    /** Its resident set size, in bytes. */
    long rss() {
        try {
            Matcher kb =
                    RSS.matcher(Files.readString(Path.of("/proc", process.pid() + "", "status")));
            if (!kb.find()) {
                throw new IllegalStateException("no VmRSS for process " + process.pid());
            }
            return Long.parseLong(kb.group(1)) * 1024;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops it as a pod's SIGTERM would, and waits for it (and its profile) to end. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** The classes holding the most of its heap ({@code jcmd GC.class_histogram}), first 40. */
    String heapHistogram() throws InterruptedException {
        return jcmd("GC.class_histogram").lines().limit(44).collect(Collectors.joining("\n"));
    }

    private String jcmd(String command) throws InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process run =
                    new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), command)
                            .redirectErrorStream(true)
                            .start();
            String output = new String(run.getInputStream().readAllBytes());
            if (run.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + jcmd, e);
        }
    }

    private Optional<String> logged(Pattern pattern) {
        try {
            Matcher matcher = pattern.matcher(Files.readString(log));
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private int status(String path) {
        try {
            return http.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private String get(String path) {
        try {
            return http.send(request(path), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " of the operator", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + path, e);
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .build();
    }
}
