package dev.vigil.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.credentials.SecureRandomCredentials;
import dev.vigil.e2e.cluster.LocalObjectStore;
import dev.vigil.engine.DatabaseResources;
import dev.vigil.resources.BuildContext;
import dev.vigil.resources.DesiredResources;
import dev.vigil.testing.kube.MockApiServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL member with {@code spec.backup}, from the operator's own rendering, on the node: the
 * real server archives WAL with Vigil's {@code archive_command} through the pgBackRest copied into
 * the pod's {@code backup-tools} emptyDir, and pgBackRest in the sidecar, with the sidecar's
 * environment and mounts, takes a full backup through the pod's socket, both to the real versitygw
 * of {@link LocalObjectStore} over TLS, reached by its Service name.
 *
 * <p>Vigil's own {@code vigil backup install-tools} and {@code vigil backup agent} stand outside
 * this test: the two containers of Vigil's image are run as {@code sh} scripts of the postgres
 * image that do what the contract says they do (copy pgBackRest and write its wrapper; create the
 * stanza and take a full backup), with the rendered containers' environment and mounts unchanged.
 */
class PostgresBackupNodeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String NAME = "invoices";
    private static final String NAMESPACE = "pg-backup";

    /**
     * What {@code vigil backup install-tools --into /opt/vigil/backup} does, the libraries aside.
     */
    private static final String INSTALL_TOOLS =
            "set -e; d=/opt/vigil/backup; mkdir -p $d/bin $d/lib; cp \"$(command -v pgbackrest)\""
                    + " $d/bin/pgbackrest; printf '%s\\n"
                    + "' '#!/bin/sh' 'd=$(dirname \"$0\")' 'LD_LIBRARY_PATH=\"$d/lib\" exec"
                    + " \"$d/bin/pgbackrest\" \"$@\"' > $d/pgbackrest; chmod 755 $d/pgbackrest";

    /** The agent's first scheduled backup on the primary, then idle. */
    private static final String AGENT =
            "until pgbackrest stanza-create; do sleep 2; done;"
                    + " pgbackrest backup --type=full && pgbackrest check && echo BACKUP-DONE;"
                    + " exec sleep 3600";

    @TempDir static Path work;
    @TempDir static Path storeDirectory;

    private static MockApiServer api;
    private static KubernetesClient client;
    private static SimulatedNode node;
    private static LocalObjectStore store;

    @RegisterExtension
    final ContainerLogDump logs =
            new ContainerLogDump(() -> node == null ? null : node.kubelet().logDirectory());

    @BeforeAll
    static void start() {
        api = new MockApiServer();
        client = api.client();
        node =
                SimulatedNode.start(
                        client,
                        NodeOptions.defaults(work)
                                .withPodNetwork(TestAddresses.podNetwork())
                                .withBackOff(Duration.ofMillis(500), Duration.ofSeconds(4)),
                        List.of());
        store = LocalObjectStore.start(node.dns(), storeDirectory);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (store != null) {
            store.close();
        }
        api.close();
    }

    @Test
    void theMemberArchivesWalAndTheSidecarBacksUpToTheStore() throws Exception {
        StatefulSet set = deploy();
        client.persistentVolumeClaims()
                .inNamespace(NAMESPACE)
                .resource(StatefulSetPods.claim(set, 0))
                .create();
        client.pods().inNamespace(NAMESPACE).resource(StatefulSetPods.pod(set, 0)).create();

        await("the sidecar's full backup and pgBackRest's check of archiving")
                .atMost(TIMEOUT)
                .ignoreExceptions()
                .until(() -> log("backup-agent").contains("BACKUP-DONE"));

        Path repository = store.bucketDirectory().resolve("vigil/" + NAMESPACE + "/" + NAME);
        try (Stream<Path> backups = Files.list(repository.resolve("backup/db"))) {
            assertThat(backups.map(p -> p.getFileName().toString()))
                    .anyMatch(label -> label.matches("\\d{8}-\\d{6}F"));
        }
        try (Stream<Path> wal = Files.walk(repository.resolve("archive/db"))) {
            assertThat(wal.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .as("WAL the server archived through /opt/vigil/backup/pgbackrest")
                    .anyMatch(file -> file.matches("[0-9A-F]{24}-[0-9a-f]{40}.*"));
        }
        assertThat(log("postgres")).doesNotContain("archive command failed");
    }

    private static String log(String container) throws IOException {
        return Files.readString(node.kubelet().containerLog(NAMESPACE, NAME + "-0", container));
    }

    /** The database's objects, as the operator would create them; the Secrets as a user would. */
    private static StatefulSet deploy() {
        MonitoredDatabase database =
                Serialization.unmarshal(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata:
                          name: %s
                          namespace: %s
                          uid: 6b1f3c2e-0000-4000-8000-0000000000b1
                        spec:
                          engine: PostgreSQL
                          version: "16.4"
                          replicas: 1
                          storage:
                            size: 1Gi
                          postgres:
                            parameters:
                              shared_buffers: 16MB
                              max_connections: "20"
                              fsync: "off"
                          backup:
                            schedule: "* * * * *"
                            store:
                              s3:
                                endpoint: %s
                                bucket: %s
                                prefix: vigil
                                accessKeyId: {name: backup-store, key: access-key-id}
                                secretAccessKey: {name: backup-store, key: secret-access-key}
                                ca: {name: backup-store-ca, key: ca.crt}
                        """
                                .formatted(
                                        NAME, NAMESPACE, store.endpoint(), LocalObjectStore.BUCKET),
                        MonitoredDatabase.class);
        secret(
                LocalObjectStore.CREDENTIALS_SECRET,
                Map.of(
                        "access-key-id", store.accessKeyId(),
                        "secret-access-key", store.secretAccessKey()));
        secret(LocalObjectStore.CA_SECRET, Map.of("ca.crt", store.caPem()));
        DesiredResources desired =
                DatabaseResources.desired(
                        database,
                        BuildContext.of(Clock.systemUTC(), new SecureRandomCredentials()));
        StatefulSet set = null;
        for (HasMetadata object : desired.all()) {
            if (object instanceof Secret || object instanceof ConfigMap) {
                client.resource(object).inNamespace(NAMESPACE).create();
            } else if (object instanceof Service service) {
                if (service.getSpec().getClusterIP() == null) {
                    service.getSpec().setClusterIP(TestAddresses.address());
                }
                client.resource(service).inNamespace(NAMESPACE).create();
            } else if (object instanceof StatefulSet statefulSet) {
                set = statefulSet;
            }
        }
        var pod = set.getSpec().getTemplate().getSpec();
        standIn(pod.getInitContainers(), "backup-tools", INSTALL_TOOLS);
        standIn(pod.getContainers(), "backup-agent", AGENT);
        return set;
    }

    /** The container of Vigil's image run as a script of the postgres image, all else kept. */
    private static void standIn(List<Container> containers, String name, String script) {
        Container container =
                containers.stream()
                        .filter(c -> c.getName().equals(name))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no container " + name));
        container.setImage("postgres:16.4");
        container.setCommand(List.of("sh", "-c", script));
        container.setArgs(null);
    }

    private static void secret(String name, Map<String, String> values) {
        client.secrets()
                .inNamespace(NAMESPACE)
                .resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .withNamespace(NAMESPACE)
                                .endMetadata()
                                .withStringData(values)
                                .build())
                .create();
    }
}
