package dev.vigil.e2e.prometheus;

import dev.vigil.e2e.controlplane.TiedProcess;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Prometheus (Debian's {@code prometheus} package) on a loopback port, configured the way
 * prometheus-operator would configure it from the ServiceMonitors, PodMonitors and PrometheusRules
 * in the API server: it scrapes the exporters the local cluster runs at their pods' loopback
 * addresses and evaluates Vigil's alert rules.
 *
 * <p>Every {@link PrometheusOptions#refreshInterval()} the cluster is read again: new or removed
 * pods change the targets, new or changed monitors and rules reload Prometheus. Its TSDB, its
 * configuration, target and rule files and its log ({@code prometheus.log}) live in the working
 * directory given to {@link #start}.
 */
public final class PrometheusServer implements AutoCloseable {

    /** Where Debian's prometheus package installs the server. */
    public static final Path BINARY = Path.of("/usr/bin/prometheus");

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusServer.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final URI url;
    private final Path log;
    private final PrometheusApi api;
    private final MonitoringSync sync;
    private final ScheduledExecutorService refresher;

    private PrometheusServer(Process process, URI url, Path log, MonitoringSync sync) {
        this.process = process;
        this.url = url;
        this.log = log;
        this.api = new PrometheusApi(url);
        this.sync = sync;
        this.refresher =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "prometheus-operator-sync");
                            thread.setDaemon(true);
                            return thread;
                        });
    }

    /**
     * Writes the configuration for what is in the API server now, starts Prometheus on a free
     * loopback port, waits until it is ready, then follows the cluster.
     *
     * @param workDir Prometheus's own directory: data, configuration, log
     * @param client a client of the API server holding the monitors, rules, Services and Pods
     * @throws IllegalStateException when Prometheus or promtool is not installed (saying what to
     *     install), or Prometheus does not become ready in time (with the end of its log)
     */
    public static PrometheusServer start(
            Path workDir, KubernetesClient client, PrometheusOptions options) {
        for (Path binary : List.of(BINARY, Promtool.BINARY)) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(
                        binary
                                + " is missing: install Debian's prometheus package"
                                + " (apt-get install prometheus; test.sh does)");
            }
        }
        try {
            Files.createDirectories(workDir.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + workDir, e);
        }
        MonitoringSync sync = new MonitoringSync(client, options, workDir);
        sync.sync();
        Path log = workDir.resolve("prometheus.log");
        IllegalStateException failure = null;
        // A free port can be taken by someone else before Prometheus binds it: try another.
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = freePort();
            Process process = launch(workDir, sync.configFile(), port, log);
            PrometheusServer server =
                    new PrometheusServer(
                            process, URI.create("http://127.0.0.1:" + port + "/"), log, sync);
            try {
                server.awaitReady(options.startTimeout());
                server.followCluster(options.refreshInterval());
                return server;
            } catch (IllegalStateException e) {
                server.close();
                failure = e;
            }
        }
        throw failure;
    }

    /** Where Prometheus serves its UI and API, such as {@code http://127.0.0.1:40123/}. */
    public URI url() {
        return url;
    }

    /** A client of this Prometheus's API. */
    public PrometheusApi api() {
        return api;
    }

    /**
     * Reads the cluster and brings Prometheus up to date now, rather than at the next refresh;
     * returns once Prometheus has been asked to reload, if it needed to.
     */
    public void syncNow() {
        try {
            refresher.submit(sync::sync).get(STOP_TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("syncing Prometheus failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("syncing Prometheus took too long", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while syncing Prometheus", e);
        }
    }

    /**
     * The monitors and PrometheusRules left out at the last sync, each with what Prometheus or
     * promtool said about it.
     */
    public List<Rejection> rejections() {
        return sync.rejections();
    }

    /** The end of Prometheus's log, for a failure message. */
    public String logTail() {
        return tail(log);
    }

    /** Stops the cluster sync and Prometheus: SIGTERM, then a kill if it does not stop in time. */
    @Override
    public void close() {
        refresher.shutdownNow();
        try {
            // The watchdog shell stops Prometheus (SIGTERM) when its pipe from us closes.
            process.getOutputStream().close();
        } catch (IOException e) {
            // The shell is gone already.
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void followCluster(Duration refresh) {
        sync.reloadWith(api::reload);
        refresher.scheduleWithFixedDelay(
                () -> {
                    try {
                        sync.sync();
                    } catch (RuntimeException e) {
                        // The next refresh tries again, as prometheus-operator's resync would.
                        LOG.warn("syncing Prometheus with the cluster failed", e);
                    }
                },
                refresh.toMillis(),
                refresh.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!api.isReady()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Prometheus exited with code " + process.exitValue() + ":\n" + tail(log));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "Prometheus not ready within " + timeout + ":\n" + tail(log));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting Prometheus", e);
            }
        }
    }

    private static Process launch(Path workDir, Path config, int port, Path log) {
        // Tied to this JVM: a hard-killed test run or playground leaves no Prometheus behind.
        ProcessBuilder builder =
                new ProcessBuilder(
                                TiedProcess.wrapped(
                                        "prometheus",
                                        List.of(
                                                BINARY.toString(),
                                                "--config.file=" + config,
                                                "--storage.tsdb.path=" + workDir.resolve("data"),
                                                "--web.listen-address=127.0.0.1:" + port,
                                                "--web.enable-lifecycle",
                                                "--log.level=info")))
                        .directory(workDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + BINARY, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log at " + file + ")";
        }
    }
}
