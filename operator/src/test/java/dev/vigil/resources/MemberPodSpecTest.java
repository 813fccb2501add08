package dev.vigil.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.testing.TestDatabases;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberPodSpecTest {

    private final MonitoredDatabase database =
            SchemaDefaults.withDefaults(TestDatabases.mongo("catalog", "shop"));

    private static Container named(String name) {
        return new ContainerBuilder().withName(name).build();
    }

    private PodSpec build() {
        return MemberPodSpec.build(
                database,
                999,
                named("init"),
                named("server"),
                () -> named("exporter"),
                List.of(RestrictedPodSecurity.scratchVolume("tmp")));
    }

    @Test
    void runsAsTheDatabaseUserUnderItsOwnAccountWithoutAToken() {
        PodSpec pod = build();

        assertThat(pod.getServiceAccountName()).isEqualTo("catalog");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext()).isEqualTo(RestrictedPodSecurity.pod(999, 999, 999));
        assertThat(pod.getInitContainers()).extracting(Container::getName).containsExactly("init");
        assertThat(pod.getVolumes()).extracting(Volume::getName).containsExactly("tmp");
    }

    @Test
    void theExporterSidecarFollowsTheServerOnlyWhenTheExporterRuns() {
        assertThat(build().getContainers())
                .extracting(Container::getName)
                .containsExactly("server", "exporter");

        database.getSpec().getExporter().setEnabled(false);
        PodSpec withoutExporter =
                MemberPodSpec.build(
                        database,
                        999,
                        named("init"),
                        named("server"),
                        () -> {
                            throw new AssertionError("no sidecar without the exporter");
                        },
                        List.of());
        assertThat(withoutExporter.getContainers())
                .extracting(Container::getName)
                .containsExactly("server");
    }

    @Test
    void aGroupReadableSecretVolumeLetsOnlyThePodsGroupReadIt() {
        Volume volume = MemberPodSpec.groupReadableSecret("keys", "catalog-keys");

        assertThat(volume.getName()).isEqualTo("keys");
        assertThat(volume.getSecret().getSecretName()).isEqualTo("catalog-keys");
        assertThat(volume.getSecret().getDefaultMode()).isEqualTo(0440);
    }
}
