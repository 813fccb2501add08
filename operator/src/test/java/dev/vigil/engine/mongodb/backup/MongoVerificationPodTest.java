package dev.vigil.engine.mongodb.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MongoVerificationPodTest {

    private static final Instant DUE = Instant.parse("2026-12-06T05:00:00Z");

    private final Pod pod = MongoVerificationPod.build(catalog(), "mongo:7.0.14", DUE);

    @Test
    void theRestoredServerListensOnLoopbackOnlyAndTheDatabasesCredentialsAreNowhere() {
        assertThat(pod.getMetadata().getName()).isEqualTo("catalog-verify-202612060500");
        assertThat(container("mongod").getCommand())
                .containsSequence("--bind_ip", "127.0.0.1")
                .doesNotContain("--auth", "--replSet");
        assertThat(pod.getSpec().getContainers())
                .flatExtracting(Container::getEnv)
                .extracting(EnvVar::getName)
                .doesNotContain(MongoToolPods.PASSWORD_VARIABLE, MongoToolPods.USERNAME_VARIABLE);
        assertThat(container("mongorestore").getCommand().get(2))
                .contains("--host=127.0.0.1")
                .doesNotContain("--config");
    }

    @Test
    void theVerifierReadsTheRestoresExitStatusAndTheDownloadsReport() {
        assertThat(container("download").getArgs())
                .containsSequence("--report", MongoBackupPaths.DOWNLOAD_REPORT)
                .doesNotContain("--target-time");
        assertThat(container("verifier").getArgs())
                .containsSequence("verify-dump", "--mongodb-port", "27017")
                .containsSequence("--exit-status", MongoBackupPaths.EXIT_STATUS)
                .containsSequence("--download-report", MongoBackupPaths.DOWNLOAD_REPORT);
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSpec().getContainers())
                .allSatisfy(
                        c ->
                                assertThat(c.getSecurityContext().getReadOnlyRootFilesystem())
                                        .isTrue());
    }

    private Container container(String name) {
        return pod.getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static MonitoredDatabase catalog() {
        return SchemaDefaults.withDefaults(
                Serialization.unmarshal(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: catalog, namespace: shop, uid: 1b2c3d4e-0000-4000-8000-000000000001}
                        spec:
                          engine: MongoDB
                          version: "7.0.14"
                          backup:
                            schedule: "30 1 * * *"
                            verify: {schedule: "0 5 * * 0"}
                            store: {volume: {claimName: catalog-backups}}
                        """,
                        MonitoredDatabase.class));
    }
}
