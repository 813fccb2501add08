package dev.vigil.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.e2e.cluster.LocalObjectStore;
import dev.vigil.testing.tls.TestCertificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real pgBackRest (Debian's) writes to the real versitygw of {@link LocalObjectStore} through
 * TLS, with exactly the environment Vigil renders for a member's containers, rewritten by the node
 * ({@link HostEnvironment}): the endpoint is the store's Service name, which the cluster DNS
 * answers, the CA file is in the pod's {@code backup-ca} volume.
 */
class PgBackRestObjectStoreTest {

    private static final Path PGBACKREST = Path.of("/usr/bin/pgbackrest");

    @TempDir static Path work;

    private static ClusterDns dns;
    private static LocalObjectStore store;
    private static MountTable mounts;

    @BeforeAll
    static void startStore() throws IOException {
        dns = new ClusterDns(new StaticClusterView(), ClusterDns.DEFAULT_DOMAIN);
        store = LocalObjectStore.start(dns, work.resolve("store"));
        Path ca = Files.createDirectories(work.resolve("pod/volumes/backup-ca"));
        Files.writeString(ca.resolve("ca.crt"), store.caPem(), StandardCharsets.US_ASCII);
        mounts =
                new MountTable(
                        Map.of(
                                "/etc/vigil/backup-ca",
                                ca,
                                "/tmp",
                                Files.createDirectories(work.resolve("pod/volumes/tmp"))));
    }

    @AfterAll
    static void stopStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void pgBackRestStoresAndReadsAnObjectThroughTheServiceName() throws Exception {
        Map<String, String> env =
                hostEnvironment("objectstore.storage.svc", "/etc/vigil/backup-ca");

        assertThat(env)
                .containsEntry("PGBACKREST_REPO1_STORAGE_HOST", "127.0.0.1")
                .containsEntry(
                        "PGBACKREST_REPO1_STORAGE_PORT", String.valueOf(store.address().getPort()));
        assertThat(pgbackrest(env, "hello from a member", "repo-put", "/vigil/shop/orders/probe"))
                .startsWith("0:");
        assertThat(store.bucketDirectory().resolve("vigil/shop/orders/probe"))
                .hasContent("hello from a member");
        assertThat(pgbackrest(env, "", "repo-get", "/vigil/shop/orders/probe"))
                .isEqualTo("0:hello from a member");
    }

    @Test
    void theFullyQualifiedNameReachesTheStoreToo() throws Exception {
        Map<String, String> env =
                hostEnvironment("objectstore.storage.svc.cluster.local", "/etc/vigil/backup-ca");

        assertThat(pgbackrest(env, "", "repo-ls", "/vigil/shop/orders")).startsWith("0:");
    }

    @Test
    void aStoreCertificateFromAnotherCaIsRefused() throws Exception {
        TestCertificates other =
                TestCertificates.issue(
                        work.resolve("other-ca"), "another-ca", List.of("objectstore.storage.svc"));
        Map<String, String> env =
                hostEnvironment("objectstore.storage.svc", "/etc/vigil/backup-ca");
        env.put("PGBACKREST_REPO1_STORAGE_CA_FILE", other.caCertificate().toString());
        // pgBackRest retries a failed connection until its I/O timeout (60 s by default).
        env.put("PGBACKREST_IO_TIMEOUT", "3");

        assertThat(pgbackrest(env, "", "repo-ls", "/vigil/shop/orders"))
                .doesNotStartWith("0:")
                .contains("unable to verify certificate");
    }

    /** A member's pgBackRest environment for an S3 store, as Vigil renders it, on this machine. */
    private Map<String, String> hostEnvironment(String endpoint, String caDirectory) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGBACKREST_STANZA", "db");
        env.put("PGBACKREST_REPO1_PATH", "/vigil/shop/orders");
        env.put("PGBACKREST_REPO1_TYPE", "s3");
        env.put("PGBACKREST_REPO1_S3_ENDPOINT", endpoint);
        env.put("PGBACKREST_REPO1_STORAGE_PORT", String.valueOf(LocalObjectStore.SERVICE_PORT));
        env.put("PGBACKREST_REPO1_S3_BUCKET", LocalObjectStore.BUCKET);
        env.put("PGBACKREST_REPO1_S3_REGION", "us-east-1");
        env.put("PGBACKREST_REPO1_S3_URI_STYLE", "path");
        env.putAll(secretKeys());
        env.put("PGBACKREST_REPO1_STORAGE_CA_FILE", caDirectory + "/ca.crt");
        env.put("PGBACKREST_LOCK_PATH", "/tmp/pgbackrest");
        env.put("PGBACKREST_LOG_LEVEL_CONSOLE", "warn");
        env.put("PGBACKREST_LOG_LEVEL_FILE", "off");
        env.put("PATH", "/usr/bin:/bin");
        return new LinkedHashMap<>(
                HostEnvironment.of(env, mounts, dns.forPod("shop", "127.10.0.5")));
    }

    /** The keys of the Secret the store writes, as {@code secretKeyRef} would resolve them. */
    private static Map<String, String> secretKeys() {
        return Map.of(
                "PGBACKREST_REPO1_S3_KEY", store.accessKeyId(),
                "PGBACKREST_REPO1_S3_KEY_SECRET", store.secretAccessKey());
    }

    /** Runs pgBackRest; returns {@code <exit code>:<output>}. */
    private static String pgbackrest(Map<String, String> env, String input, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PGBACKREST.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "timeout:" + output;
        }
        return process.exitValue() + ":" + output;
    }
}
