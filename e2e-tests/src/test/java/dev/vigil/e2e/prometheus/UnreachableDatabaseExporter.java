package dev.vigil.e2e.prometheus;

import static org.awaitility.Awaitility.await;

import dev.vigil.e2e.node.TestAddresses;
import dev.vigil.testing.GoBinaries;
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
import org.awaitility.core.ConditionTimeoutException;

/**
 * The real {@code postgres_exporter} (the version Vigil deploys, {@link GoBinaries}) listening on a
 * pod's own loopback address, pointed at a PostgreSQL that is not there: it still serves {@code
 * /metrics}, with {@code pg_up 0}.
 */
final class UnreachableDatabaseExporter implements AutoCloseable {

    private final Process process;
    private final String address;

    private UnreachableDatabaseExporter(Process process, String address) {
        this.process = process;
        this.address = address;
    }

    /** Starts the exporter on {@code ip:port} and waits until it serves metrics. */
    static UnreachableDatabaseExporter start(String ip, int port, Path log) {
        Path binary = GoBinaries.postgresExporter();
        ProcessBuilder builder =
                new ProcessBuilder(binary.toString(), "--web.listen-address=" + ip + ":" + port)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        // Port 1 on loopback: nothing listens, every connection is refused at once.
        builder.environment()
                .put(
                        "DATA_SOURCE_NAME",
                        "postgresql://nobody@127.0.0.1:1/postgres?sslmode=disable");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
        UnreachableDatabaseExporter exporter =
                new UnreachableDatabaseExporter(process, ip + ":" + port);
        exporter.awaitServing(log);
        return exporter;
    }

    /**
     * A pod address no other test uses (see {@link TestAddresses}), as the harness gives each pod
     * its own loopback address: any port of it is free.
     */
    static String freePodIp() {
        return TestAddresses.address();
    }

    private void awaitServing(Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://" + address + "/metrics"))
                        .timeout(Duration.ofSeconds(5))
                        .build();
        try {
            await("postgres_exporter serving " + address)
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(
                            () -> {
                                if (!process.isAlive()) {
                                    throw new IllegalStateException(
                                            "postgres_exporter exited:\n" + read(log));
                                }
                                return http.send(request, HttpResponse.BodyHandlers.ofString())
                                        .body()
                                        .contains("pg_up");
                            });
        } catch (ConditionTimeoutException e) {
            close();
            throw new IllegalStateException(
                    "postgres_exporter did not serve metrics:\n" + read(log), e);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
