package dev.vigil.e2e.kubectl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the real {@code kubectl} against one cluster, as a user would: {@code kubectl --kubeconfig
 * <file> <args...>}, with an optional standard input (for {@code apply -f -}) and a timeout after
 * which the process is killed. Its discovery cache lives next to the kubeconfig, so runs against
 * different servers never share one.
 */
public final class Kubectl {

    /** The kubectl binary on this machine. */
    public static final Path DEFAULT_BINARY = Path.of("/usr/bin/kubectl");

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** Output readers: one thread per stream, never the common pool, which may have one thread. */
    private static final Executor READERS =
            Executors.newCachedThreadPool(
                    runnable -> {
                        Thread thread = new Thread(runnable, "kubectl-output");
                        thread.setDaemon(true);
                        return thread;
                    });

    private final Path binary;
    private final Path kubeconfig;
    private final Duration timeout;

    public Kubectl(Path binary, Path kubeconfig, Duration timeout) {
        this.binary = binary;
        this.kubeconfig = kubeconfig;
        this.timeout = timeout;
    }

    /** The machine's kubectl with {@code kubeconfig}, each run limited to 60 seconds. */
    public static Kubectl withKubeconfig(Path kubeconfig) {
        return new Kubectl(DEFAULT_BINARY, kubeconfig, DEFAULT_TIMEOUT);
    }

    /** The same kubectl with another time limit per run. */
    public Kubectl withTimeout(Duration newTimeout) {
        return new Kubectl(binary, kubeconfig, newTimeout);
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** Runs {@code kubectl <args>} with no standard input. */
    public KubectlResult run(String... args) {
        return runWithInput(null, args);
    }

    /** Runs {@code kubectl <args>} with {@code stdin} (null for none) as standard input. */
    public KubectlResult runWithInput(String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.add("--kubeconfig");
        command.add(kubeconfig.toString());
        command.add("--cache-dir");
        command.add(cacheDir().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("KUBECONFIG");
        try {
            Process process = builder.start();
            CompletableFuture<String> stdout = drain(process.getInputStream());
            CompletableFuture<String> stderr = drain(process.getErrorStream());
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                return new KubectlResult(
                        -1,
                        stdout.getNow(""),
                        stderr.getNow("") + "\nkubectl timed out after " + timeout);
            }
            return new KubectlResult(
                    process.exitValue(),
                    stdout.get(5, TimeUnit.SECONDS),
                    stderr.get(5, TimeUnit.SECONDS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binary, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running kubectl", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read kubectl's output", e);
        }
    }

    private Path cacheDir() {
        Path parent = kubeconfig.toAbsolutePath().getParent();
        Path dir = parent.resolve(".kube-cache-" + kubeconfig.getFileName());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try (stream) {
                        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                READERS);
    }
}
