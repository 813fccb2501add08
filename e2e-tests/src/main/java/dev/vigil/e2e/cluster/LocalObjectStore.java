package dev.vigil.e2e.cluster;

import dev.vigil.e2e.controlplane.TiedProcess;
import dev.vigil.e2e.node.ClusterDns;
import dev.vigil.testing.GoBinaries;
import dev.vigil.testing.tls.TestCertificates;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An S3 object store in the local cluster, for {@code spec.backup}: the real versitygw (Versity's
 * S3 gateway, its {@code posix} backend: a bucket is a directory) on a free loopback port of this
 * machine, serving TLS with a certificate of a throw-away CA (pgBackRest speaks S3 over TLS only),
 * with one bucket, {@value #BUCKET}, and root keys made up here.
 *
 * <p>The cluster sees it as the Service {@value #SERVICE} of namespace {@value #NAMESPACE} at port
 * {@value #SERVICE_PORT}: the cluster DNS answers {@code objectstore.storage.svc} (and {@code
 * .svc.cluster.local}) at that port with the store's real address ({@link ClusterDns#serveService},
 * the mechanism the playground's External databases use), so a MonitoredDatabase names {@link
 * #endpoint()} as it would name a MinIO or versitygw Service on a real cluster. No Service object
 * exists: the store is no pod. pgBackRest, a C program that cannot use the cluster DNS, connects to
 * the address the node gives it ({@code PGBACKREST_REPO1_STORAGE_HOST}, see {@code
 * dev.vigil.e2e.node.HostEnvironment}) and checks the certificate against that address, so the
 * certificate names {@code 127.0.0.1} besides the Service's names; the CA is still checked.
 *
 * <p>{@link #createSecrets} writes what an example needs in a namespace: the keys in Secret {@value
 * #CREDENTIALS_SECRET} ({@code access-key-id}, {@code secret-access-key}) and the CA in Secret
 * {@value #CA_SECRET} ({@code ca.crt}).
 *
 * <p>The program: {@code $VIGIL_VERSITYGW} when set, else the {@code versitygw=} line of {@code
 * scripts/go-binaries.sh object-store} (versitygw built from its Go module).
 */
public final class LocalObjectStore implements AutoCloseable {

    public static final String NAMESPACE = "storage";
    public static final String SERVICE = "objectstore";
    public static final int SERVICE_PORT = 443;
    public static final String BUCKET = "backups";
    public static final String CREDENTIALS_SECRET = "backup-store";
    public static final String CA_SECRET = "backup-store-ca";

    /** Names the program to run instead of the one {@code scripts/go-binaries.sh} builds. */
    public static final String BINARY_VARIABLE = "VIGIL_VERSITYGW";

    /** The group of {@code scripts/go-binaries.sh} that builds versitygw. */
    public static final String GO_BINARIES_GROUP = "object-store";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final InetSocketAddress address;
    private final TestCertificates certificates;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final Path root;

    private LocalObjectStore(
            Process process,
            InetSocketAddress address,
            TestCertificates certificates,
            String accessKeyId,
            String secretAccessKey,
            Path root) {
        this.process = process;
        this.address = address;
        this.certificates = certificates;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.root = root;
    }

    /**
     * Starts the store with its data, certificates and log under {@code directory} and makes the
     * cluster's DNS answer its Service name; returns once it accepts connections.
     */
    public static LocalObjectStore start(ClusterDns dns, Path directory) {
        return start(dns, directory, binary());
    }

    /** As {@link #start(ClusterDns, Path)}, running {@code versitygw}. */
    public static LocalObjectStore start(ClusterDns dns, Path directory, Path versitygw) {
        try {
            Path root = directory.resolve("buckets");
            Files.createDirectories(root.resolve(BUCKET));
            TestCertificates certificates =
                    TestCertificates.issue(
                            directory.resolve("tls"),
                            "vigil-local-object-store-ca",
                            List.of(
                                    SERVICE + "." + NAMESPACE + ".svc." + dns.domain(),
                                    SERVICE + "." + NAMESPACE + ".svc",
                                    SERVICE + "." + NAMESPACE,
                                    "127.0.0.1"));
            String accessKeyId = "VIGIL" + random(8).toUpperCase(java.util.Locale.ROOT);
            String secretAccessKey = random(20);
            Path log = directory.resolve("versitygw.log");
            IllegalStateException failure = null;
            for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
                InetSocketAddress address =
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort());
                Process process =
                        launch(
                                versitygw,
                                certificates,
                                accessKeyId,
                                secretAccessKey,
                                root,
                                address,
                                log);
                try {
                    awaitListening(process, address, log);
                } catch (IllegalStateException e) {
                    // Another process may have taken the free port first: try another.
                    process.destroyForcibly();
                    failure = e;
                    continue;
                }
                dns.serveService(NAMESPACE, SERVICE, SERVICE_PORT, address);
                return new LocalObjectStore(
                        process, address, certificates, accessKeyId, secretAccessKey, root);
            }
            throw failure;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the object store in " + directory, e);
        }
    }

    /**
     * versitygw: {@code $VIGIL_VERSITYGW}, else what {@code scripts/go-binaries.sh object-store}
     * builds.
     *
     * @throws IllegalStateException when neither gives one, saying how to get it
     */
    public static Path binary() {
        String named = System.getenv(BINARY_VARIABLE);
        if (named != null && !named.isBlank()) {
            Path path = Path.of(named);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException(
                        BINARY_VARIABLE + "=" + named + " is not an executable file");
            }
            return path;
        }
        Optional<Path> built;
        try {
            // The script prints versitygw=<path>; VERSITYGW= is read too.
            built =
                    GoBinaries.of(GO_BINARIES_GROUP, "versitygw")
                            .or(() -> GoBinaries.of(GO_BINARIES_GROUP, "VERSITYGW"));
        } catch (IllegalStateException e) {
            throw new IllegalStateException(
                    "cannot build versitygw with scripts/go-binaries.sh "
                            + GO_BINARIES_GROUP
                            + " ("
                            + e.getMessage()
                            + "); set "
                            + BINARY_VARIABLE
                            + " to a versitygw binary",
                    e);
        }
        return built.orElseThrow(
                () ->
                        new IllegalStateException(
                                "scripts/go-binaries.sh "
                                        + GO_BINARIES_GROUP
                                        + " printed no versitygw=: set "
                                        + BINARY_VARIABLE
                                        + " to a versitygw binary"));
    }

    /** The endpoint a MonitoredDatabase names: {@code https://objectstore.storage.svc}. */
    public String endpoint() {
        return "https://" + SERVICE + "." + NAMESPACE + ".svc";
    }

    /** Where the store really listens, {@code 127.0.0.1:<free port>}. */
    public InetSocketAddress address() {
        return address;
    }

    /** The directory of the bucket: its objects are files below it. */
    public Path bucketDirectory() {
        return root.resolve(BUCKET);
    }

    /** The root user's access key, as Secret {@value #CREDENTIALS_SECRET} holds it. */
    public String accessKeyId() {
        return accessKeyId;
    }

    /** The root user's secret key, as Secret {@value #CREDENTIALS_SECRET} holds it. */
    public String secretAccessKey() {
        return secretAccessKey;
    }

    /** The store's CA, PEM. */
    public String caPem() {
        return certificates.caPem();
    }

    /**
     * Creates (or updates) in {@code namespace} the Secrets {@value #CREDENTIALS_SECRET} and
     * {@value #CA_SECRET}.
     */
    public void createSecrets(KubernetesClient client, String namespace) {
        secret(
                client,
                namespace,
                CREDENTIALS_SECRET,
                Map.of("access-key-id", accessKeyId, "secret-access-key", secretAccessKey));
        secret(client, namespace, CA_SECRET, Map.of("ca.crt", caPem()));
    }

    private static void secret(
            KubernetesClient client, String namespace, String name, Map<String, String> values) {
        client.secrets()
                .inNamespace(namespace)
                .resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .withNamespace(namespace)
                                .addToLabels("app.kubernetes.io/created-by", "vigil-local-cluster")
                                .endMetadata()
                                .withStringData(values)
                                .build())
                .serverSideApply();
    }

    private static Process launch(
            Path versitygw,
            TestCertificates certificates,
            String accessKeyId,
            String secretAccessKey,
            Path root,
            InetSocketAddress address,
            Path log)
            throws IOException {
        // Tied to this JVM: a hard-killed test run or playground leaves no store behind. The keys
        // go by environment, never on a command line.
        ProcessBuilder builder =
                new ProcessBuilder(
                                TiedProcess.wrapped(
                                        "versitygw",
                                        List.of(
                                                versitygw.toString(),
                                                "--port",
                                                address.getAddress().getHostAddress()
                                                        + ":"
                                                        + address.getPort(),
                                                "--cert",
                                                certificates.certificate().toString(),
                                                "--key",
                                                certificates.privateKey().toString(),
                                                "--quiet",
                                                "posix",
                                                root.toString())))
                        .directory(root.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("ROOT_ACCESS_KEY_ID", accessKeyId);
        builder.environment().put("ROOT_SECRET_ACCESS_KEY", secretAccessKey);
        return builder.start();
    }

    private static void awaitListening(Process process, InetSocketAddress address, Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "versitygw exited with code " + process.exitValue() + ": " + tail(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(address, 500);
                return;
            } catch (IOException e) {
                // Not listening yet.
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting versitygw", e);
            }
        }
        throw new IllegalStateException(
                "versitygw did not listen on "
                        + address
                        + " within "
                        + START_TIMEOUT
                        + ": "
                        + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on loopback", e);
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // The watchdog shell is gone already.
        }
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
