package dev.vigil.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.resources.ExporterContainers;
import dev.vigil.testing.TestDatabases;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PostgresExporterSidecarTest {

    private static MonitoredDatabase defaulted() {
        return SchemaDefaults.withDefaults(
                TestDatabases.parse(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: ledger, namespace: bank}
                        spec: {engine: PostgreSQL, version: "16.4"}
                        """));
    }

    private static Map<String, EnvVar> env(Container container) {
        return container.getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, variable -> variable));
    }

    @Test
    void watchesItsOwnMemberOverLoopbackWithoutCredentialsInTheUri() {
        Container exporter = PostgresExporterSidecar.container(defaulted());

        assertThat(exporter.getName()).isEqualTo(ExporterContainers.CONTAINER_NAME);
        assertThat(exporter.getImage()).isEqualTo(PostgresExporterContainer.DEFAULT_IMAGE);
        assertThat(env(exporter).get("DATA_SOURCE_URI").getValue())
                .isEqualTo("127.0.0.1:5432/postgres?sslmode=disable");
        assertThat(exporter.getArgs())
                .containsExactly("--web.listen-address=:9187", "--collector.stat_statements");
    }

    @Test
    void readsTheMonitoringSecretsPasswordFromItsOwnVolume() {
        MonitoredDatabase db = defaulted();
        Container exporter = PostgresExporterSidecar.container(db);
        Volume volume = PostgresExporterSidecar.passwordVolume(db);

        assertThat(env(exporter).get("DATA_SOURCE_USER").getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("ledger-monitoring");
        assertThat(volume.getSecret().getSecretName()).isEqualTo("ledger-monitoring");
        assertThat(exporter.getVolumeMounts())
                .singleElement()
                .satisfies(
                        mount -> {
                            assertThat(mount.getName()).isEqualTo(volume.getName());
                            assertThat(env(exporter).get("DATA_SOURCE_PASS_FILE").getValue())
                                    .isEqualTo(mount.getMountPath() + "/password");
                        });
    }

    @Test
    void userArgumentsComeAfterVigilsSoTheyCanOverrideThem() {
        MonitoredDatabase db = defaulted();
        db.getSpec().getExporter().setArgs(List.of("--no-collector.stat_bgwriter"));

        assertThat(PostgresExporterSidecar.container(db).getArgs())
                .containsExactly(
                        "--web.listen-address=:9187",
                        "--collector.stat_statements",
                        "--no-collector.stat_bgwriter");
    }
}
