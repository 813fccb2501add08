package dev.vigil.engine.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.testing.TestDatabases;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import org.junit.jupiter.api.Test;

class MongoExporterSidecarTest {

    private static MonitoredDatabase defaulted() {
        return SchemaDefaults.withDefaults(TestDatabases.mongo("catalog", "shop"));
    }

    @Test
    void credentialsReachTheExporterOnlyThroughSecretBackedEnvironment() {
        Container exporter = MongoExporterSidecar.container(defaulted());

        assertThat(exporter.getEnv())
                .extracting(EnvVar::getName)
                .containsExactly("MONGODB_USER", "MONGODB_PASSWORD");
        assertThat(exporter.getEnv())
                .allSatisfy(
                        env -> {
                            assertThat(env.getValue()).isNull();
                            assertThat(env.getValueFrom().getSecretKeyRef().getName())
                                    .isEqualTo("catalog-monitoring");
                        });
        // no user info ("user:password@") in the URI
        assertThat(exporter.getArgs())
                .filteredOn(arg -> arg.startsWith("--mongodb.uri="))
                .singleElement()
                .satisfies(arg -> assertThat(arg).doesNotContain("@"));
    }

    @Test
    void userArgumentsComeAfterVigilsSoTheyCanOverrideThem() {
        MonitoredDatabase db = defaulted();
        db.getSpec().getExporter().setArgs(List.of("--no-collect-all"));

        assertThat(MongoExporterSidecar.container(db).getArgs())
                .endsWith("--collect-all", "--no-collect-all");
    }
}
