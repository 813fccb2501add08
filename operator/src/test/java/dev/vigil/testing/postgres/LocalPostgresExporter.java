package dev.vigil.testing.postgres;

import static org.awaitility.Awaitility.await;

import dev.vigil.engine.postgres.PostgresExporterContainer;
import dev.vigil.testing.GoBinaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real prometheus-community {@code postgres_exporter}, at the version Vigil deploys, built from
 * its Go module by {@code scripts/go-binaries.sh} ({@link GoBinaries#postgresExporter}), on a
 * loopback port, configured through exactly the arguments and environment Vigil's sidecar gets:
 * {@code --web.listen-address}, Vigil's {@link PostgresExporterContainer#COLLECTOR_ARGS
 * collectors}, {@code DATA_SOURCE_URI} without credentials, {@code DATA_SOURCE_USER}, and the
 * password in the file {@code DATA_SOURCE_PASS_FILE} names. Nothing else is inherited.
 */
public final class LocalPostgresExporter implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final URI metrics;
    private final Path log;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LocalPostgresExporter(Process process, URI metrics, Path log) {
        this.process = process;
        this.metrics = metrics;
        this.log = log;
    }

    /**
     * Starts the exporter against {@code server} and waits until it serves {@code /metrics}.
     *
     * @param user the monitoring role
     * @param passwordFile a file holding its password
     * @param log where the exporter's output goes
     * @throws IllegalStateException when the exporter cannot be built, or does not serve metrics in
     *     time
     */
    public static LocalPostgresExporter start(
            LocalPostgresServer server, String user, Path passwordFile, Path log) {
        return start(server, "sslmode=disable", user, passwordFile, log);
    }

    /**
     * Starts the exporter against {@code server} with {@code options} as the query of its {@code
     * DATA_SOURCE_URI} ({@code sslmode=require&sslrootcert=...}, say).
     */
    public static LocalPostgresExporter start(
            LocalPostgresServer server, String options, String user, Path passwordFile, Path log) {
        Path binary = GoBinaries.postgresExporter();
        int port = freePort();
        ProcessBuilder builder =
                new ProcessBuilder(
                                Stream.concat(
                                                Stream.of(
                                                        binary.toString(),
                                                        "--web.listen-address=127.0.0.1:" + port),
                                                PostgresExporterContainer.COLLECTOR_ARGS.stream())
                                        .toList())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("DATA_SOURCE_URI", "127.0.0.1:" + server.port() + "/postgres?" + options);
        environment.put("DATA_SOURCE_USER", user);
        environment.put("DATA_SOURCE_PASS_FILE", passwordFile.toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
        LocalPostgresExporter exporter =
                new LocalPostgresExporter(
                        process, URI.create("http://127.0.0.1:" + port + "/metrics"), log);
        try {
            exporter.awaitServing();
            return exporter;
        } catch (RuntimeException e) {
            exporter.close();
            throw e;
        }
    }

    /** One scrape of {@code /metrics}: the exporter connects to PostgreSQL for each. */
    public String scrape() {
        HttpRequest request =
                HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        metrics
                                + " answered HTTP "
                                + response.statusCode()
                                + ": "
                                + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scrape " + metrics, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scraping " + metrics, e);
        }
    }

    private void awaitServing() {
        try {
            await("postgres_exporter serving " + metrics)
                    .atMost(READY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                    .until(
                            () -> {
                                if (!process.isAlive()) {
                                    throw new IllegalStateException(
                                            "postgres_exporter exited with code "
                                                    + process.exitValue()
                                                    + ":\n"
                                                    + PostgresBinaries.tail(log));
                                }
                                return scrape().contains("pg_up");
                            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new IllegalStateException(
                    "postgres_exporter did not serve metrics within "
                            + READY_TIMEOUT
                            + ":\n"
                            + PostgresBinaries.tail(log),
                    e);
        }
    }

    /** Stops the exporter, forcibly if it does not stop in time. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
