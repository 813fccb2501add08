package dev.vigil.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class MonitoredDatabaseValidatorTest {

    private final MonitoredDatabaseValidator validator = new MonitoredDatabaseValidator();

    private static MonitoredDatabase database(String spec) {
        return Serialization.unmarshal(
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: catalog, namespace: shop}
                spec: %s
                """
                        .formatted(spec),
                MonitoredDatabase.class);
    }

    @Test
    void runsTheRulesOnceTheSchemaHolds() {
        assertThat(validator.validate(database("{engine: PostgreSQL, version: '12.4'}")))
                .containsExactly(new FieldError("spec.version", SpecRules.POSTGRESQL_TOO_OLD));
    }

    @Test
    void reportsOnlySchemaErrorsWhileThereAreAny() {
        // replicas: 0 breaks the schema, the port the rules: the rules wait for a sound resource
        assertThat(
                        validator.validate(
                                database(
                                        "{engine: MongoDB, version: '7.0', replicas: 0, exporter:"
                                                + " {port: 27017}}")))
                .containsExactly(new FieldError("spec.replicas", "must be at least 1"));
    }

    @Test
    void acceptsATypedResourceAsTheOperatorReadsItWithStatus() {
        MonitoredDatabase database = database("{engine: MongoDB, version: '7.0.14', replicas: 3}");
        database.getMetadata().setResourceVersion("7");
        database.getMetadata().setGeneration(2L);
        database.setStatus(new MonitoredDatabaseStatus());

        assertThat(validator.validate(database)).isEmpty();
    }

    @Test
    void theRulesSeeTheResourceAsWrittenNotItsDefaults() {
        String external =
                "mode: External, external: {endpoints: [db.example.com:27017],"
                        + " credentialsSecretName: catalog-monitor}";

        assertThat(
                        validator.validate(
                                database("{engine: MongoDB, version: '7.0', " + external + "}")))
                .isEmpty();
        assertThat(
                        validator.validate(
                                database(
                                        "{engine: MongoDB, version: '7.0', replicas: 3, "
                                                + external
                                                + "}")))
                .containsExactly(new FieldError("spec.replicas", SpecRules.EXTERNAL_FIELD_UNUSED));
    }
}
