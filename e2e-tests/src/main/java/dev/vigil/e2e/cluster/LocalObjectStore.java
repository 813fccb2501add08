package dev.vigil.e2e.cluster;

import dev.vigil.e2e.controlplane.TiedProcess;
import dev.vigil.e2e.node.ClusterDns;
import dev.vigil.testing.GoBinaries;
import dev.vigil.testing.objectstore.VersitygwServer;
import dev.vigil.testing.tls.TestCertificates;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
 * <p>The program: {@code $VIGIL_VERSITYGW} when set, else versitygw built from its Go module by
 * {@code scripts/go-binaries.sh object-store} ({@link GoBinaries#versitygw()}).
 */
public final class LocalObjectStore implements AutoCloseable {

    public static final String NAMESPACE = "storage";
    public static final String SERVICE = "objectstore";
    public static final int SERVICE_PORT = 443;
    public static final String BUCKET = "backups";
    public static final String CREDENTIALS_SECRET = "backup-store";
    public static final String CA_SECRET = "backup-store-ca";

    private final VersitygwServer server;
    private final TestCertificates certificates;
    private final VersitygwServer.Keys keys;
    private final Path root;

    private LocalObjectStore(
            VersitygwServer server,
            TestCertificates certificates,
            VersitygwServer.Keys keys,
            Path root) {
        this.server = server;
        this.certificates = certificates;
        this.keys = keys;
        this.root = root;
    }

    /**
     * Starts the store with its data, certificates and log under {@code directory} and makes the
     * cluster's DNS answer its Service name; returns once it accepts connections.
     */
    public static LocalObjectStore start(ClusterDns dns, Path directory) {
        return start(dns, directory, GoBinaries.versitygw());
    }

    /** As {@link #start(ClusterDns, Path)}, running {@code versitygw}. */
    public static LocalObjectStore start(ClusterDns dns, Path directory, Path versitygw) {
        Path root = directory.resolve("buckets");
        try {
            Files.createDirectories(root.resolve(BUCKET));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the object store in " + directory, e);
        }
        TestCertificates certificates =
                TestCertificates.issue(
                        directory.resolve("tls"),
                        "vigil-local-object-store-ca",
                        List.of(
                                SERVICE + "." + NAMESPACE + ".svc." + dns.domain(),
                                SERVICE + "." + NAMESPACE + ".svc",
                                SERVICE + "." + NAMESPACE,
                                "127.0.0.1"));
        VersitygwServer.Keys keys = VersitygwServer.Keys.random();
        // Tied to this JVM: a hard-killed test run or playground leaves no store behind.
        VersitygwServer server =
                VersitygwServer.start(
                        versitygw,
                        root,
                        certificates,
                        keys,
                        directory.resolve("versitygw.log"),
                        command -> TiedProcess.wrapped("versitygw", command));
        dns.serveService(NAMESPACE, SERVICE, SERVICE_PORT, server.address());
        return new LocalObjectStore(server, certificates, keys, root);
    }

    /** The endpoint a MonitoredDatabase names: {@code https://objectstore.storage.svc}. */
    public String endpoint() {
        return "https://" + SERVICE + "." + NAMESPACE + ".svc";
    }

    /** Where the store really listens, {@code 127.0.0.1:<free port>}. */
    public InetSocketAddress address() {
        return server.address();
    }

    /** The directory of the bucket: its objects are files below it. */
    public Path bucketDirectory() {
        return root.resolve(BUCKET);
    }

    /** The root user's access key, as Secret {@value #CREDENTIALS_SECRET} holds it. */
    public String accessKeyId() {
        return keys.accessKeyId();
    }

    /** The root user's secret key, as Secret {@value #CREDENTIALS_SECRET} holds it. */
    public String secretAccessKey() {
        return keys.secretAccessKey();
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
                Map.of(
                        "access-key-id",
                        keys.accessKeyId(),
                        "secret-access-key",
                        keys.secretAccessKey()));
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

    @Override
    public void close() {
        server.close();
    }
}
