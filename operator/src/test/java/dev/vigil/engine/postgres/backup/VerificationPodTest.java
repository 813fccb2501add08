package dev.vigil.engine.postgres.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.postgres.PostgresBackupVerification;
import dev.vigil.testing.GoldenFiles;
import dev.vigil.testing.RestrictedPodSecurityStandard;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The verification pod, as golden YAML per case under {@code
 * src/test/resources/VerificationPodTest/}, and the properties its safety rests on, asserted
 * directly: restricted, no archiving, no password, no listener beyond loopback.
 */
class VerificationPodTest {

    private static final Path CASES = Path.of("src/test/resources/VerificationPodTest");
    private static final Instant DUE = Instant.parse("2026-12-06T05:00:00Z");

    @TestFactory
    Stream<DynamicNode> verificationPods() {
        return GoldenFiles.caseDirs(CASES).stream()
                .map(
                        caseDir ->
                                GoldenFiles.compare(
                                        caseDir,
                                        GoldenFiles.render(
                                                List.of(
                                                        PostgresBackupVerification.pod(
                                                                input(caseDir), DUE)))));
    }

    @Test
    void isRestrictedAndNamedAfterItsDueTime() {
        Pod pod = PostgresBackupVerification.pod(orders(), DUE);

        assertThat(pod.getMetadata().getName()).isEqualTo("orders-verify-202612060500");
        assertThat(pod.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(owner -> assertThat(owner.getController()).isTrue());
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(
                        RestrictedPodSecurityStandard.violations(
                                pod.getMetadata().getName(), pod.getSpec()))
                .isEmpty();
        assertThat(pod.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/component", "backup-verification")
                .doesNotContainEntry("app.kubernetes.io/component", "database");
    }

    @Test
    void theRestoredServerNeverArchivesAndListensOnLoopbackOnly() {
        Container postgres = container(PostgresBackupVerification.pod(orders(), DUE), "postgres");

        assertThat(postgres.getCommand())
                .containsSubsequence("-c", "archive_mode=off")
                .containsSubsequence("-c", "listen_addresses=127.0.0.1")
                .containsSubsequence("-c", "hba_file=/var/run/vigil/verification/pg_hba.conf")
                .noneMatch(word -> word.startsWith("archive_command"));
        assertThat(postgres.getPorts()).isEmpty();
    }

    @Test
    void credentialsComeOnlyFromSecretReferences() {
        Pod pod = PostgresBackupVerification.pod(orders(), DUE);
        List<Container> all =
                Stream.concat(
                                pod.getSpec().getInitContainers().stream(),
                                pod.getSpec().getContainers().stream())
                        .toList();

        for (Container container : all) {
            for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
                if (env.getName().contains("KEY") || env.getName().equals("PGUSER")) {
                    assertThat(env.getValue()).as(env.getName()).isNull();
                    assertThat(env.getValueFrom().getSecretKeyRef()).as(env.getName()).isNotNull();
                }
                assertThat(env.getName()).isNotIn("PGPASSWORD", "PGPASSFILE");
            }
            List<String> words =
                    Stream.concat(
                                    container.getCommand() == null
                                            ? Stream.<String>empty()
                                            : container.getCommand().stream(),
                                    container.getArgs() == null
                                            ? Stream.<String>empty()
                                            : container.getArgs().stream())
                            .toList();
            assertThat(words).noneMatch(word -> word.contains("secret") || word.contains("key="));
        }
        assertThat(container(pod, "verifier").getEnv())
                .anySatisfy(
                        env -> {
                            assertThat(env.getName()).isEqualTo("PGUSER");
                            assertThat(env.getValueFrom().getSecretKeyRef().getName())
                                    .isEqualTo("orders-admin");
                            assertThat(env.getValueFrom().getSecretKeyRef().getKey())
                                    .isEqualTo("username");
                        });
    }

    private static Container container(Pod pod, String name) {
        return Stream.concat(
                        pod.getSpec().getInitContainers().stream(),
                        pod.getSpec().getContainers().stream())
                .filter(c -> name.equals(c.getName()))
                .findFirst()
                .orElseThrow();
    }

    private static MonitoredDatabase orders() {
        return input(CASES.resolve("postgres-backup-verify"));
    }

    private static MonitoredDatabase input(Path caseDir) {
        List<Path> inputs = GoldenFiles.list(caseDir, GoldenFiles.INPUT_PREFIX);
        assertThat(inputs).hasSize(1);
        return SchemaDefaults.withDefaults(
                Serialization.unmarshal(GoldenFiles.read(inputs.get(0)), MonitoredDatabase.class));
    }
}
