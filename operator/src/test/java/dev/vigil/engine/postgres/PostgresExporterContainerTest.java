package dev.vigil.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vigil.api.v1alpha1.ExporterSpec;
import dev.vigil.api.v1alpha1.SecretKeyReference;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PostgresExporterContainerTest {

    private static final PostgresExporterContainer.Credentials CREDENTIALS =
            PostgresExporterContainer.Credentials.deployment("ledger-monitor");

    private static Map<String, EnvVar> env(Container container) {
        return container.getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, variable -> variable));
    }

    private static Container build(PostgresExporterTarget target) {
        return PostgresExporterContainer.build(new ExporterSpec(), 9187, target, CREDENTIALS);
    }

    @Test
    void thePasswordIsReadFromAFileOnTheSecretVolumeOnly() {
        Container container =
                build(PostgresExporterTarget.server("db.example.com:5432", "require"));
        Volume volume = PostgresExporterContainer.passwordVolume(CREDENTIALS);

        Map<String, EnvVar> env = env(container);
        assertThat(env)
                .containsOnlyKeys("DATA_SOURCE_URI", "DATA_SOURCE_USER", "DATA_SOURCE_PASS_FILE");
        assertThat(env.get("DATA_SOURCE_USER").getValueFrom().getSecretKeyRef().getKey())
                .isEqualTo("username");
        assertThat(container.getVolumeMounts())
                .singleElement()
                .satisfies(
                        mount -> {
                            assertThat(mount.getName()).isEqualTo(volume.getName());
                            assertThat(mount.getReadOnly()).isTrue();
                            assertThat(env.get("DATA_SOURCE_PASS_FILE").getValue())
                                    .isEqualTo(mount.getMountPath() + "/password");
                        });
        assertThat(volume.getSecret().getSecretName()).isEqualTo("ledger-monitor");
        assertThat(volume.getSecret().getItems())
                .extracting(KeyToPath::getKey, KeyToPath::getPath)
                .containsExactly(tuple("password", "password"));
    }

    @Test
    void anAddressTargetIsAPlainDataSourceUriWithoutCredentials() {
        Container container =
                build(PostgresExporterTarget.server("db.example.com:5432", "require"));

        assertThat(env(container).get("DATA_SOURCE_URI").getValue())
                .isEqualTo("db.example.com:5432/postgres?sslmode=require")
                .doesNotContain("@");
    }

    @Test
    void aSecretTargetComesThroughASecretKeyReference() {
        SecretKeyReference reference = new SecretKeyReference();
        reference.setName("ledger-uri");
        reference.setKey("uri");

        EnvVar uri =
                env(build(PostgresExporterTarget.fromSecret(reference))).get("DATA_SOURCE_URI");

        assertThat(uri.getValue()).isNull();
        assertThat(uri.getValueFrom().getSecretKeyRef().getName()).isEqualTo("ledger-uri");
        assertThat(uri.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("uri");
    }

    @Test
    void listensOnThePortAndKeepsTheUsersArgumentsLast() {
        ExporterSpec exporter = new ExporterSpec();
        exporter.setArgs(List.of("--no-collector.stat_bgwriter"));

        Container container =
                PostgresExporterContainer.build(
                        exporter,
                        9300,
                        PostgresExporterTarget.server("db:5432", "disable"),
                        CREDENTIALS);

        assertThat(container.getArgs())
                .containsExactly(
                        "--web.listen-address=:9300",
                        "--collector.stat_statements",
                        "--no-collector.stat_bgwriter");
        assertThat(container.getImage()).isEqualTo(PostgresExporterContainer.DEFAULT_IMAGE);
        assertThat(container.getPorts().get(0).getContainerPort()).isEqualTo(9300);
    }
}
