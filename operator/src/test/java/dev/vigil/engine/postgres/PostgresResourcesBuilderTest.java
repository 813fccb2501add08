package dev.vigil.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.engine.DatabaseResources;
import dev.vigil.resources.BuildContext;
import dev.vigil.resources.DesiredResources;
import dev.vigil.testing.TestDatabases;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the designated primary goes: its own ConfigMap, never the pod template. */
class PostgresResourcesBuilderTest {

    private static final MonitoredDatabase DATABASE =
            TestDatabases.parse(
                    """
                    apiVersion: vigil.dev/v1alpha1
                    kind: MonitoredDatabase
                    metadata: {name: ledger, namespace: finance, uid: u-1}
                    spec: {engine: PostgreSQL, version: "16.4", replicas: 3}
                    """);

    private static final CredentialGenerator FIXED =
            new CredentialGenerator() {
                @Override
                public String password() {
                    return "fixed-for-tests";
                }

                @Override
                public String mongoKeyfile() {
                    return "a2V5ZmlsZQ==";
                }
            };

    private static DesiredResources withPrimary(int ordinal) {
        BuildContext context =
                BuildContext.of(
                                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
                                FIXED)
                        .withPrimaryOrdinal(ordinal);
        return DatabaseResources.desired(DATABASE, context);
    }

    private static <T extends HasMetadata> T named(
            DesiredResources desired, Class<T> kind, String name) {
        return desired.resources().stream()
                .filter(kind::isInstance)
                .map(kind::cast)
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void movingThePrimaryChangesOnlyThePrimaryConfigMapAndTheReadWriteService() {
        DesiredResources first = withPrimary(0);
        DesiredResources moved = withPrimary(2);

        assertThat(named(moved, StatefulSet.class, "ledger"))
                .isEqualTo(named(first, StatefulSet.class, "ledger"));
        assertThat(named(moved, ConfigMap.class, "ledger-config"))
                .isEqualTo(named(first, ConfigMap.class, "ledger-config"));
        assertThat(named(first, ConfigMap.class, "ledger-primary").getData())
                .containsExactlyEntriesOf(Map.of(PostgresPrimaryConfigMap.POD_KEY, "ledger-0"));
        assertThat(named(moved, ConfigMap.class, "ledger-primary").getData())
                .containsExactlyEntriesOf(Map.of(PostgresPrimaryConfigMap.POD_KEY, "ledger-2"));
    }
}
