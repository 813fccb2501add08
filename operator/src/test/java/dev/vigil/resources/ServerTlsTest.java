package dev.vigil.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.TlsSpec;
import dev.vigil.testing.TestDatabases;
import org.junit.jupiter.api.Test;

class ServerTlsTest {

    private static MonitoredDatabase defaulted() {
        return SchemaDefaults.withDefaults(TestDatabases.mongo("catalog", "shop"));
    }

    @Test
    void withTlsAContainerMountsTheSecretReadOnlyWhereTheFilesAreNamed() {
        MonitoredDatabase database = defaulted();
        TlsSpec tls = new TlsSpec();
        tls.setEnabled(true);
        tls.setSecretName("catalog-cert");
        database.getSpec().setTls(tls);

        assertThat(ServerTls.secretMounts(database))
                .singleElement()
                .satisfies(
                        mount -> {
                            assertThat(mount.getName())
                                    .isEqualTo(ServerTls.secretVolume(database).getName());
                            assertThat(ServerTls.CA_FILE).startsWith(mount.getMountPath() + "/");
                            assertThat(mount.getReadOnly()).isTrue();
                        });
    }

    @Test
    void withoutTlsNothingIsMounted() {
        assertThat(ServerTls.secretMounts(defaulted())).isEmpty();
    }
}
