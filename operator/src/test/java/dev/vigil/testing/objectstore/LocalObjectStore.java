package dev.vigil.testing.objectstore;

import dev.vigil.testing.GoBinaries;
import dev.vigil.testing.tls.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
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

    private final Path directory;
    private final VersitygwServer server;
    private final TestCertificates certificates;
    private final VersitygwServer.Keys keys;

    private LocalObjectStore(
            Path directory,
            VersitygwServer server,
            TestCertificates certificates,
            VersitygwServer.Keys keys) {
        this.directory = directory;
        this.server = server;
        this.certificates = certificates;
        this.keys = keys;
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
        VersitygwServer.Keys keys = VersitygwServer.Keys.random();
        VersitygwServer server =
                VersitygwServer.start(
                        binary,
                        directory.resolve("root"),
                        certificates,
                        keys,
                        directory.resolve("versitygw.log"),
                        UnaryOperator.identity());
        return new LocalObjectStore(directory, server, certificates, keys);
    }

    public int port() {
        return server.address().getPort();
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
                "PGBACKREST_REPO1_TYPE",
                "s3",
                "PGBACKREST_REPO1_PATH",
                path,
                "PGBACKREST_REPO1_S3_ENDPOINT",
                HOST,
                "PGBACKREST_REPO1_STORAGE_PORT",
                Integer.toString(port()),
                "PGBACKREST_REPO1_S3_BUCKET",
                bucket,
                "PGBACKREST_REPO1_S3_REGION",
                REGION,
                "PGBACKREST_REPO1_S3_URI_STYLE",
                "path",
                "PGBACKREST_REPO1_STORAGE_CA_FILE",
                caFile().toString(),
                "PGBACKREST_REPO1_S3_KEY",
                keys.accessKeyId(),
                "PGBACKREST_REPO1_S3_KEY_SECRET",
                keys.secretAccessKey());
    }

    /** The secret key, for tests that check it never shows. */
    public String secretKey() {
        return keys.secretAccessKey();
    }

    @Override
    public void close() {
        server.close();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
