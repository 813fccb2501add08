package dev.vigil.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.ValidationMessages;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class BootstrapRulesTest {

    private static final String S3 =
            "{s3: {endpoint: 'https://minio.storage.svc:9000', bucket: backups, prefix: vigil,"
                    + " accessKeyId: {name: store, key: id}, secretAccessKey: {name: store, key:"
                    + " secret}}}";

    private static MonitoredDatabase postgres(String name, String more) {
        return Serialization.unmarshal(
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: %s, namespace: shop}
                spec:
                  engine: PostgreSQL
                  version: "16.4"
                %s
                """
                        .formatted(name, more.indent(2)),
                MonitoredDatabase.class);
    }

    private static String bootstrap(String store, String database, String targetTime) {
        return "bootstrap: {backup: {store: "
                + store
                + ", database: "
                + database
                + (targetTime == null ? "" : ", targetTime: '" + targetTime + "'")
                + "}}";
    }

    @Test
    void restoringAnotherDatabaseToATimePasses() {
        assertThat(
                        SpecRules.check(
                                postgres(
                                        "orders-restored",
                                        bootstrap(S3, "{name: orders}", "2026-12-05T09:00:00Z")
                                                + "\nbackup: {schedule: '0 2 * * *', store: "
                                                + S3
                                                + "}")))
                .isEmpty();
    }

    @Test
    void theOwnRepositoryAsTheSourceIsRefused() {
        // Recreating orders from its own backups, archiving into the same repository.
        String sameStoreOtherSpelling = S3.replace("svc:9000", "SVC:9000");
        assertThat(
                        SpecRules.check(
                                postgres(
                                        "orders",
                                        bootstrap(S3, "{name: orders, namespace: shop}", null)
                                                + "\nbackup: {schedule: '0 2 * * *', store: "
                                                + sameStoreOtherSpelling
                                                + "}")))
                .containsExactly(
                        new FieldError(
                                "spec.bootstrap.backup",
                                ValidationMessages.BOOTSTRAP_SAME_REPOSITORY));
    }

    @Test
    void theSameNameUnderAnotherPrefixOrInAnotherNamespaceIsAnotherRepository() {
        assertThat(
                        SpecRules.check(
                                postgres(
                                        "orders",
                                        bootstrap(S3, "{name: orders}", null)
                                                + "\nbackup: {schedule: '0 2 * * *', store: "
                                                + S3.replace("prefix: vigil", "prefix: vigil/v2")
                                                + "}")))
                .isEmpty();
        assertThat(
                        SpecRules.check(
                                postgres(
                                        "orders",
                                        bootstrap(S3, "{name: orders, namespace: shop-old}", null)
                                                + "\nbackup: {schedule: '0 2 * * *', store: "
                                                + S3
                                                + "}")))
                .isEmpty();
    }

    @Test
    void aVolumeSourceIsTheSameRepositoryOnlyOnTheSameClaimForTheSameDatabase() {
        String volume = "{volume: {claimName: backups}}";
        assertThat(
                        SpecRules.check(
                                postgres(
                                        "notes",
                                        bootstrap(volume, "{name: notes}", null)
                                                + "\nbackup: {schedule: '0 2 * * *', store: "
                                                + volume
                                                + "}")))
                .extracting(FieldError::field)
                .containsExactly("spec.bootstrap.backup");
        assertThat(
                        SpecRules.check(
                                postgres(
                                        "notes",
                                        bootstrap(volume, "{name: notes}", null)
                                                + "\nbackup: {schedule: '0 2 * * *', store:"
                                                + " {volume: {claimName: new-backups}}}")))
                .isEmpty();
    }

    @Test
    void aTargetTimeThatIsNoDateIsRefusedNamingTheField() {
        assertThat(
                        SpecRules.check(
                                postgres(
                                        "orders-restored",
                                        bootstrap(S3, "{name: orders}", "2026-02-30T09:00:00Z"))))
                .singleElement()
                .satisfies(
                        error -> {
                            assertThat(error.field()).isEqualTo("spec.bootstrap.backup.targetTime");
                            assertThat(error.reason()).contains("RFC 3339");
                        });
    }

    @Test
    void aManagedMongoDbDatabaseMayBeBootstrappedFromItsSourcesDumps() {
        assertThat(SpecRules.check(mongo("Managed"))).isEmpty();
    }

    @Test
    void anExternalDatabaseCannotBeBootstrapped() {
        MonitoredDatabase external = mongo("External");
        external.getSpec().setExternal(new dev.vigil.api.v1alpha1.ExternalSpec());

        assertThat(SpecRules.check(external))
                .contains(new FieldError("spec.bootstrap", ValidationMessages.BOOTSTRAP_MANAGED));
    }

    private static MonitoredDatabase mongo(String mode) {
        return Serialization.unmarshal(
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: catalog, namespace: shop}
                spec:
                  engine: MongoDB
                  version: "7.0.14"
                  mode: %s
                  bootstrap: {backup: {store: {volume: {claimName: b}}, database: {name: c},
                              targetTime: "2026-12-05T09:00:00Z"}}
                """
                        .formatted(mode),
                MonitoredDatabase.class);
    }

    @Test
    void bootstrapIsSetAtCreationOnlyButMayBeRemoved() {
        MonitoredDatabase without = SchemaDefaults.withDefaults(postgres("orders", ""));
        MonitoredDatabase with =
                SchemaDefaults.withDefaults(
                        postgres("orders", bootstrap(S3, "{name: old-orders}", null)));
        MonitoredDatabase changed =
                SchemaDefaults.withDefaults(
                        postgres(
                                "orders",
                                bootstrap(S3, "{name: old-orders}", "2026-12-05T09:00:00Z")));
        FieldError immutable =
                new FieldError("spec.bootstrap", ValidationMessages.BOOTSTRAP_IMMUTABLE);

        assertThat(ImmutableFields.check(without, with)).containsExactly(immutable);
        assertThat(ImmutableFields.check(with, changed)).containsExactly(immutable);
        assertThat(ImmutableFields.check(with, with)).isEmpty();
        assertThat(ImmutableFields.check(with, without)).isEmpty();
    }
}
