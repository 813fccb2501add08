package dev.vigil.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

/**
 * Documents that {@code ManifestValidationFuzzTest} found the validation mishandling, shrunk, kept
 * here as plain cases: each failed before its fix.
 */
class FuzzFoundCasesTest {

    private final MonitoredDatabaseValidator validator = new MonitoredDatabaseValidator();

    private static JsonNode database(String spec) {
        return Serialization.jsonMapper()
                .valueToTree(
                        Serialization.unmarshal(
                                """
                                apiVersion: vigil.dev/v1alpha1
                                kind: MonitoredDatabase
                                metadata: {name: aa}
                                spec: %s
                                """
                                        .formatted(spec),
                                Object.class));
    }

    @Test
    void aLongDurationThatMatchesThePatternIsJudgedNotAStackOverflow() {
        // 70,000 characters of "10s": the JDK's regex recursed once per repetition and the
        // validator threw StackOverflowError. Its sum, 233,333 times 10 s, still fits a Duration.
        String scrapeTimeout = "10s".repeat(23_333);

        assertThat(
                        validator.validate(
                                database(
                                        "{engine: MongoDB, version: '5.0', monitoring: {interval:"
                                                + " 15s, scrapeTimeout: "
                                                + scrapeTimeout
                                                + "}}")))
                .extracting(FieldError::field)
                .containsExactly("spec.monitoring.scrapeTimeout");
    }

    @Test
    void aDurationBeyondWhatADurationHoldsIsRefusedAtItsField() {
        // It matched the pattern, wrapped around in a long and overflowed Duration.plusNanos.
        assertThat(
                        validator.validate(
                                database(
                                        "{engine: PostgreSQL, version: '16', replicas: 2,"
                                            + " monitoring: {interval: 15s, scrapeTimeout:"
                                            + " 99999999999999999999h}, healthGate: {timeout:"
                                            + " 3000000h}, upgrade: {steps: [{members: 1, pause:"
                                            + " 9223372036854775808ms}]}}")))
                .containsExactly(
                        new FieldError("spec.healthGate.timeout", SpecDuration.TOO_LONG),
                        new FieldError("spec.monitoring.scrapeTimeout", SpecDuration.TOO_LONG),
                        new FieldError("spec.upgrade.steps[0].pause", SpecDuration.TOO_LONG));
    }

    @Test
    void aSecretReferenceLongerThanTheApiServerTakesIsRefusedAtItsField() {
        // Accepted before, then the API server refused the Deployment or CronJob rendered with it:
        // a Secret's name and a key in it are at most 253 characters.
        String name = "a".repeat(254);
        String key = "k".repeat(254);

        assertThat(
                        validator.validate(
                                database(
                                        "{engine: PostgreSQL, version: '16', mode: External,"
                                                + " external: {host: db.example.com,"
                                                + " credentialsSecretName: "
                                                + name
                                                + ", uriSecret: {name: uri, key: "
                                                + key
                                                + "}}}")))
                .extracting(FieldError::field)
                .contains("spec.external.credentialsSecretName", "spec.external.uriSecret.key");
    }

    @Test
    void anIntegerBeyondJavasIntIsRefusedAtItsFieldNotThrown() {
        // The schema has no maximum for failureLimit; reading it into an Integer threw.
        assertThat(
                        validator.validate(
                                database(
                                        "{engine: MongoDB, version: '7.0', healthGate:"
                                                + " {prometheusUrl: 'http://p:9090', analysis:"
                                                + " [{name: a, query: 'vector(0)',"
                                                + " successCondition: 'result < 1', failureLimit:"
                                                + " 2147483648}]}}")))
                .containsExactly(
                        new FieldError(
                                "spec.healthGate.analysis[0].failureLimit",
                                TypedReading.OUT_OF_RANGE));
    }

    @Test
    void aResourceAmountThatIsNoQuantityIsRefusedBeforeTheServerRefusesTheStatefulSet() {
        assertThat(
                        validator.validate(
                                database(
                                        "{engine: PostgreSQL, version: '16', resources: {requests:"
                                                + " {cpu: surprise, '': '1'}}}")))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "spec.resources.requests.cpu", "spec.resources.requests.");
    }

    @Test
    void anIntegerBeyond64BitsIsRefusedAtItsFieldAsTheApiServerRefusesIt() {
        assertThat(
                        validator.validate(
                                database(
                                        "{engine: MongoDB, version: '7.0', resources: {requests:"
                                                + " {cpu: 9223372036854775808}}}")))
                .containsExactly(
                        new FieldError(
                                "spec.resources.requests.cpu", CrdSchemaValidator.BEYOND_INT64));
    }
}
