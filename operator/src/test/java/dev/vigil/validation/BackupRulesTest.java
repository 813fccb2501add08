package dev.vigil.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.ValidationMessages;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class BackupRulesTest {

    private static MonitoredDatabase postgres(String backup) {
        return Serialization.unmarshal(
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: orders, namespace: shop}
                spec:
                  engine: PostgreSQL
                  version: "16.4"
                  backup: %s
                """
                        .formatted(backup),
                MonitoredDatabase.class);
    }

    @Test
    void aValidBackupSpecPasses() {
        assertThat(
                        SpecRules.check(
                                postgres(
                                        "{schedule: '0 2 * * *', retention: {days: 30}, store:"
                                                + " {volume: {claimName: backups}}}")))
                .isEmpty();
    }

    @Test
    void aScheduleThatIsNotCronNamesTheFieldAndTheExpectedForm() {
        assertThat(
                        SpecRules.check(
                                postgres(
                                        "{schedule: 'daily at two', store: {volume: {claimName:"
                                                + " backups}}}")))
                .singleElement()
                .satisfies(
                        error -> {
                            assertThat(error.field()).isEqualTo("spec.backup.schedule");
                            assertThat(error.reason()).contains("five fields", "0 2 * * *");
                        });
    }

    @Test
    void aVerifyScheduleThatIsNotCronNamesItsOwnField() {
        assertThat(
                        SpecRules.check(
                                postgres(
                                        "{schedule: '0 2 * * *', verify: {schedule: 'weekly'},"
                                                + " store: {volume: {claimName: backups}}}")))
                .singleElement()
                .satisfies(
                        error -> {
                            assertThat(error.field()).isEqualTo("spec.backup.verify.schedule");
                            assertThat(error.reason()).contains("five fields", "0 2 * * *");
                        });
    }

    @Test
    void aValidVerifySchedulePasses() {
        assertThat(
                        SpecRules.check(
                                postgres(
                                        "{schedule: '0 2 * * *', verify: {schedule: '0 5 * * 0'},"
                                                + " store: {volume: {claimName: backups}}}")))
                .isEmpty();
    }

    private static MonitoredDatabase mongo(String mode, String backup) {
        return Serialization.unmarshal(
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: catalog, namespace: shop}
                spec:
                  engine: MongoDB
                  version: "7.0.14"
                  mode: %s
                  backup: %s
                """
                        .formatted(mode, backup),
                MonitoredDatabase.class);
    }

    @Test
    void aManagedMongoDbDatabaseMayBeBackedUp() {
        assertThat(
                        SpecRules.check(
                                mongo(
                                        "Managed",
                                        "{schedule: '0 2 * * *', retention: {count: 3}, store:"
                                                + " {volume: {claimName: backups}}}")))
                .isEmpty();
    }

    @Test
    void mongoDbRefusesContinuousArchivingNamingTheField() {
        assertThat(
                        SpecRules.check(
                                mongo(
                                        "Managed",
                                        "{schedule: '0 2 * * *', archiving: true, verify:"
                                                + " {schedule: '0 5 * * 0'}, store: {volume:"
                                                + " {claimName: backups}}}")))
                .containsExactly(
                        new FieldError(
                                "spec.backup.archiving",
                                ValidationMessages.BACKUP_MONGODB_ARCHIVING));
    }

    @Test
    void archivingOffIsAcceptedForMongoDb() {
        assertThat(
                        SpecRules.check(
                                mongo(
                                        "Managed",
                                        "{schedule: '0 2 * * *', archiving: false, store: {volume:"
                                                + " {claimName: backups}}}")))
                .isEmpty();
    }

    @Test
    void anExternalDatabaseIsNotBackedUpByVigil() {
        MonitoredDatabase external =
                mongo("External", "{schedule: '0 2 * * *', store: {volume: {claimName: b}}}");
        external.getSpec().setExternal(new dev.vigil.api.v1alpha1.ExternalSpec());

        assertThat(SpecRules.check(external))
                .filteredOn(error -> error.field().equals("spec.backup"))
                .singleElement()
                .satisfies(
                        error ->
                                assertThat(error.reason())
                                        .isEqualTo(ValidationMessages.BACKUP_MANAGED));
    }
}
