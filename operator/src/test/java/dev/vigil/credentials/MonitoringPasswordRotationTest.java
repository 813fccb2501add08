package dev.vigil.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.CredentialKeys;
import dev.vigil.resources.ConfigHash;
import dev.vigil.testing.TestDatabases;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MonitoringPasswordRotationTest {

    /** A PostgreSQL database; {@code credentials} and {@code annotations} are YAML flow maps. */
    private static MonitoredDatabase database(String annotations, String credentials) {
        return SchemaDefaults.withDefaults(
                TestDatabases.parse(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: notes, namespace: apps, annotations: %s}
                        spec: {engine: PostgreSQL, version: "17.2", credentials: %s}
                        """
                                .formatted(annotations, credentials)));
    }

    private static MonitoredDatabase withSpecToken(String token) {
        return database("{}", "{rotateMonitoringPassword: '" + token + "'}");
    }

    private static Secret generated(String recordedToken) {
        SecretBuilder secret =
                new SecretBuilder()
                        .withNewMetadata()
                        .withName("notes-monitoring")
                        .withNamespace("apps")
                        .withResourceVersion("7")
                        .endMetadata()
                        .addToStringData(CredentialKeys.USERNAME, "vigil_monitor")
                        .addToStringData(CredentialKeys.PASSWORD, "old-password");
        if (recordedToken != null) {
            secret.editMetadata()
                    .addToAnnotations(
                            MonitoringPasswordRotation.RECORDED_TOKEN_ANNOTATION, recordedToken)
                    .endMetadata();
        }
        return secret.build();
    }

    private static String decoded(Secret secret, String key) {
        return new String(
                Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    @Test
    void theTokenComesFromTheSpecTheAnnotationOrBoth() {
        assertThat(MonitoringPasswordRotation.token(database("{}", "{}"))).isEmpty();
        assertThat(MonitoringPasswordRotation.token(withSpecToken("2026-11-23")))
                .contains("2026-11-23");
        assertThat(
                        MonitoringPasswordRotation.token(
                                database("{vigil.dev/rotate-monitoring-password: a1}", "{}")))
                .contains("a1");
        assertThat(
                        MonitoringPasswordRotation.token(
                                database(
                                        "{vigil.dev/rotate-monitoring-password: a1}",
                                        "{rotateMonitoringPassword: s1}")))
                .contains("spec=s1;annotation=a1");
        assertThat(MonitoringPasswordRotation.token(withSpecToken(""))).isEmpty();
    }

    @Test
    void aTokenDifferentFromTheRecordedOneIsDue() {
        MonitoredDatabase database = withSpecToken("b");

        assertThat(MonitoringPasswordRotation.due(database, database, Optional.of(generated("a"))))
                .isTrue();
        assertThat(MonitoringPasswordRotation.due(database, database, Optional.of(generated("b"))))
                .isFalse();
    }

    @Test
    void theFirstTokenRotatesASecretThatRecordsNone() {
        MonitoredDatabase database = withSpecToken("first");

        assertThat(MonitoringPasswordRotation.due(database, database, Optional.of(generated(null))))
                .isTrue();
    }

    @Test
    void nothingIsDueWithoutATokenOrWithoutTheGeneratedSecret() {
        MonitoredDatabase noToken = database("{}", "{}");
        assertThat(MonitoringPasswordRotation.due(noToken, noToken, Optional.of(generated(null))))
                .isFalse();

        MonitoredDatabase token = withSpecToken("b");
        assertThat(MonitoringPasswordRotation.due(token, token, Optional.empty())).isFalse();
    }

    @Test
    void aSecretTheUserNamesIsNeverRotated() {
        MonitoredDatabase database =
                database("{}", "{monitoringSecretName: my-monitor, rotateMonitoringPassword: b}");

        assertThat(MonitoringPasswordRotation.due(database, database, Optional.of(generated("a"))))
                .isFalse();
    }

    @Test
    void withTheExporterOffNothingIsRotated() {
        MonitoredDatabase database =
                SchemaDefaults.withDefaults(
                        TestDatabases.parse(
                                """
                                apiVersion: vigil.dev/v1alpha1
                                kind: MonitoredDatabase
                                metadata: {name: notes, namespace: apps}
                                spec:
                                  engine: PostgreSQL
                                  version: "17.2"
                                  exporter: {enabled: false}
                                  credentials: {rotateMonitoringPassword: b}
                                """));

        assertThat(MonitoringPasswordRotation.due(database, database, Optional.of(generated("a"))))
                .isFalse();
    }

    @Test
    void theTokenIsReadFromTheStoredResourceNotFromARestoredSpec() {
        // A rollback runs the last stable spec, whose older token was carried out long ago; the
        // resource as stored holds the token already recorded.
        MonitoredDatabase stored = withSpecToken("new");
        MonitoredDatabase restored = withSpecToken("old");

        assertThat(MonitoringPasswordRotation.due(stored, restored, Optional.of(generated("new"))))
                .isFalse();
    }

    @Test
    void theRotatedSecretHoldsTheNewPasswordAndTheTokenAndKeepsTheRest() {
        Secret rotated = MonitoringPasswordRotation.rotated(generated("a"), "new-password", "b");

        assertThat(decoded(rotated, CredentialKeys.PASSWORD)).isEqualTo("new-password");
        assertThat(decoded(rotated, CredentialKeys.USERNAME)).isEqualTo("vigil_monitor");
        assertThat(rotated.getStringData()).isNullOrEmpty();
        assertThat(MonitoringPasswordRotation.recordedToken(rotated)).contains("b");
        assertThat(rotated.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(rotated.getMetadata().getName()).isEqualTo("notes-monitoring");
    }

    @Test
    void aMonitoringSecretCreatedWhileATokenIsSetRecordsIt() {
        MonitoredDatabase database = withSpecToken("b");
        Secret created = MonitoringPasswordRotation.recordedOnCreation(database, generated(null));
        Secret admin =
                MonitoringPasswordRotation.recordedOnCreation(
                        database,
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName("notes-admin")
                                .endMetadata()
                                .build());

        assertThat(MonitoringPasswordRotation.recordedToken(created)).contains("b");
        assertThat(MonitoringPasswordRotation.due(database, database, Optional.of(created)))
                .isFalse();
        assertThat(MonitoringPasswordRotation.recordedToken(admin)).isEmpty();
    }

    @Test
    void thePodTemplateCarriesTheTokenOnlyWhenOneIsSet() {
        MonitoredDatabase database = withSpecToken("b");
        PodTemplateSpec template =
                new PodTemplateSpecBuilder()
                        .withNewMetadata()
                        .addToAnnotations(ConfigHash.ANNOTATION, "abc")
                        .endMetadata()
                        .build();
        PodTemplateSpec untouched = new PodTemplateSpecBuilder(template).build();

        MonitoringPasswordRotation.annotate(database, untouched, Optional.empty());
        MonitoringPasswordRotation.annotate(database, template, Optional.of("b"));

        assertThat(untouched.getMetadata().getAnnotations())
                .containsOnlyKeys(ConfigHash.ANNOTATION);
        assertThat(template.getMetadata().getAnnotations())
                .containsEntry(ConfigHash.ANNOTATION, "abc")
                .containsEntry(MonitoringPasswordRotation.POD_ANNOTATION, "b");
    }
}
