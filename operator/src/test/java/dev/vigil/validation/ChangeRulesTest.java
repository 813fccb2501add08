package dev.vigil.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChangeRulesTest {

    private static MonitoredDatabase database(
            String engine, String mode, String version, String size) {
        return SchemaDefaults.withDefaults(
                Serialization.unmarshal(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: orders, namespace: shop}
                        spec:
                          engine: %s
                          mode: %s
                          version: "%s"
                          storage: {size: %s}
                        """
                                .formatted(engine, mode, version, size),
                        MonitoredDatabase.class));
    }

    private static DeployedState deployed(String version, String size) {
        return new DeployedState(Optional.of(version), Optional.of(size));
    }

    @Test
    void aPostgresMajorChangeIsRefusedAndAMinorOneIsNot() {
        assertThat(
                        ChangeRules.check(
                                database("PostgreSQL", "Managed", "17.2", "10Gi"),
                                deployed("16.4", "10Gi")))
                .singleElement()
                .satisfies(
                        refused -> {
                            assertThat(refused.conditionReason())
                                    .isEqualTo(ChangeRules.MAJOR_UPGRADE_UNSUPPORTED);
                            assertThat(refused.error().field()).isEqualTo("spec.version");
                            assertThat(refused.error().reason()).contains("16.4", "17.2");
                        });
        assertThat(
                        ChangeRules.check(
                                database("PostgreSQL", "Managed", "16.6", "10Gi"),
                                deployed("16.4", "10Gi")))
                .isEmpty();
    }

    @Test
    void versionsAreNotComparedWhereVigilDoesNotRunTheDatabase() {
        assertThat(
                        ChangeRules.check(
                                database("PostgreSQL", "External", "17", "10Gi"),
                                deployed("16", "10Gi")))
                .isEmpty();
    }

    @Test
    void aStorageShrinkIsRefusedForBothEnginesAndGrowthIsNot() {
        for (String engine : new String[] {"MongoDB", "PostgreSQL"}) {
            String version = engine.equals("MongoDB") ? "7.0.14" : "16.4";
            assertThat(
                            ChangeRules.check(
                                    database(engine, "Managed", version, "1024Mi"),
                                    deployed(version, "2Gi")))
                    .singleElement()
                    .satisfies(
                            refused -> {
                                assertThat(refused.conditionReason())
                                        .isEqualTo(ChangeRules.STORAGE_SHRINK_UNSUPPORTED);
                                assertThat(refused.error().field()).isEqualTo("spec.storage.size");
                            });
            assertThat(
                            ChangeRules.check(
                                    database(engine, "Managed", version, "2048Mi"),
                                    deployed(version, "2Gi")))
                    .isEmpty();
        }
    }

    @Test
    void nothingDeployedMeansNothingToRefuse() {
        assertThat(
                        ChangeRules.check(
                                database("PostgreSQL", "Managed", "17", "1Gi"), DeployedState.NONE))
                .isEmpty();
    }
}
