package dev.vigil.testing.objectstore;

import dev.vigil.testing.GoBinaries;
import dev.vigil.testing.tls.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A real S3-compatible server on loopback over TLS: versitygw (built by {@code
 * scripts/go-binaries.sh object-store}) with its posix backend, where each directory under its root
 * is a bucket. Its certificate, from a throw-away CA, names {@code 127.0.0.1} as a DNS name too,
 * since pgBackRest matches the endpoint against DNS names only. The access keys are random and
 * reach versitygw by its environment. {@link #close()} stops it and deletes every file.
 */
public final class LocalObjectStore implements AutoCloseable {

    /** The endpoint's host name, as pgBackRest and the certificate name it. */
    public static final String HOST = "127.0.0.1";

    public static final String REGION = "us-east-1";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path directory;
    private final Process process;
    private final int port;
    private final TestCertificates certificates;
    private final String accessKey;
    private final String secretKey;

    private LocalObjectStore(
            Path directory,
            Process process,
            int port,
            TestCertificates certificates,
            String accessKey,
            String secretKey) {
        this.directory = directory;
        this.process = process;
        this.port = port;
        this.certificates = certificates;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /**
     * Starts versitygw on a free loopback port with the buckets {@code buckets}.
     *
     * @throws IllegalStateException when it cannot be built or does not serve, with its log
     */
    public static LocalObjectStore start(List<String> buckets) {
        Path binary = GoBinaries.versitygw();
        Path directory;
        try {
            // Readable by every user: PostgreSQL's user reads the CA when the tests run as root.
            directory =
                    Files.createTempDirectory(
                            "vigil-s3-",
                            PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString("rwxr-xr-x")));
            Path root = Files.createDirectories(directory.resolve("root"));
            for (String bucket : buckets) {
                Files.createDirectories(root.resolve(bucket));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TestCertificates certificates =
                TestCertificates.issue(
                        directory.resolve("tls"), "vigil-test-s3-ca", List.of(HOST, "localhost"));
        try {
            Files.setPosixFilePermissions(
                    certificates.directory(), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(
                    certificates.caCertificate(), PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String accessKey = "vigil" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String secretKey = UUID.randomUUID().toString().replace("-", "");
        int port = freePort();
        Path log = directory.resolve("versitygw.log");
        ProcessBuilder builder =
                new ProcessBuilder(
                                binary.toString(),
                                "--port",
                                HOST + ":" + port,
                                "--cert",
                                certificates.certificate().toString(),
                                "--key",
                                certificates.privateKey().toString(),
                                "--quiet",
                                "posix",
                                directory.resolve("root").toString())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        // The root keys by environment, never on the command line.
        builder.environment().put("ROOT_ACCESS_KEY_ID", accessKey);
        builder.environment().put("ROOT_SECRET_ACCESS_KEY", secretKey);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
        LocalObjectStore store =
                new LocalObjectStore(directory, process, port, certificates, accessKey, secretKey);
        try {
            store.awaitListening(log);
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private void awaitListening(Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "versitygw exited with code " + process.exitValue() + ":\n" + read(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException e) {
                sleep();
            }
        }
        throw new IllegalStateException(
                "versitygw did not listen within " + START_TIMEOUT + ":\n" + read(log));
    }

    public int port() {
        return port;
    }

    /** The CA that signed the server's certificate (PEM, readable by every user). */
    public Path caFile() {
        return certificates.caCertificate();
    }

    /** The directory holding {@code bucket}'s objects. */
    public Path bucketDirectory(String bucket) {
        return directory.resolve("root").resolve(bucket);
    }

    /**
     * pgBackRest's variables for an S3 repository in {@code bucket} under {@code path}, as Vigil
     * sets them in the pod, keys included.
     */
    public Map<String, String> pgBackRestRepository(String bucket, String path) {
        return Map.of(
                "PGBACKREST_REPO1_TYPE", "s3",
                "PGBACKREST_REPO1_PATH", path,
                "PGBACKREST_REPO1_S3_ENDPOINT", HOST,
                "PGBACKREST_REPO1_STORAGE_PORT", Integer.toString(port),
                "PGBACKREST_REPO1_S3_BUCKET", bucket,
                "PGBACKREST_REPO1_S3_REGION", REGION,
                "PGBACKREST_REPO1_S3_URI_STYLE", "path",
                "PGBACKREST_REPO1_STORAGE_CA_FILE", caFile().toString(),
                "PGBACKREST_REPO1_S3_KEY", accessKey,
                "PGBACKREST_REPO1_S3_KEY_SECRET", secretKey);
    }

    /** The secret key, for tests that check it never shows. */
    public String secretKey() {
        return secretKey;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ")";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
