package dev.vigil.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.DatabaseEngines;
import dev.vigil.monitoring.promql.PromQlSyntax;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DefaultAlertsTest {

    private static final List<String> SHARED =
            List.of(
                    "DatabaseVolumeAlmostFull",
                    "DatabaseVolumeCriticallyFull",
                    "DatabaseCpuNearLimit",
                    "DatabaseMemoryNearLimit",
                    "DatabasePodRestarting",
                    "VigilDatabaseNotReady",
                    "VigilRolloutStuck",
                    "VigilDatabaseRolledBack");

    private static final List<String> BACKUP =
            List.of("VigilBackupFailed", "VigilBackupTooOld", "VigilWalArchivingBehind");

    @Test
    void mongoDbHasItsExporterAlertsThenTheSharedOnes() {
        assertThat(names(DefaultAlerts.of(DatabaseEngines.monitoring(Engine.MongoDB))))
                .startsWith(
                        "MongoDBDown",
                        "MongoDBExporterDown",
                        "MongoDBReplicaSetMemberUnhealthy",
                        "MongoDBReplicationLagHigh",
                        "MongoDBConnectionsNearLimit",
                        "MongoDBLongRunningOperation",
                        "MongoDBCursorsTimingOut",
                        "MongoDBQueryLatencyHigh",
                        "VigilBackupFailed",
                        "VigilBackupTooOld",
                        "VigilBackupVerificationFailed",
                        "VigilBackupVerificationStale")
                .endsWith(SHARED.toArray(String[]::new))
                .doesNotHaveDuplicates();
    }

    @Test
    void postgreSqlHasItsExporterAlertsThenItsBackupAlertsThenTheSharedOnes() {
        assertThat(names(DefaultAlerts.of(DatabaseEngines.monitoring(Engine.PostgreSQL))))
                .startsWith(
                        "PostgreSQLDown",
                        "PostgreSQLExporterDown",
                        "PostgreSQLExporterScrapeError",
                        "PostgreSQLReplicationLagHigh",
                        "PostgreSQLStandbyNotStreaming",
                        "PostgreSQLConnectionsNearLimit",
                        "PostgreSQLLongRunningTransaction",
                        "PostgreSQLDeadlocks",
                        "PostgreSQLQueryLatencyHigh",
                        "PostgreSQLSlowQueries",
                        "VigilBackupFailed",
                        "VigilBackupTooOld",
                        "VigilWalArchivingBehind",
                        "VigilBackupVerificationFailed",
                        "VigilBackupVerificationStale")
                .endsWith(SHARED.toArray(String[]::new))
                .doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aThresholdIsDeclaredExactlyWhenTheExpressionCompares(Engine engine) {
        for (DefaultAlert alert : DefaultAlerts.of(DatabaseEngines.monitoring(engine))) {
            assertThat(alert.threshold() != null)
                    .as(alert.alert())
                    .isEqualTo(alert.exprTemplate().contains("{{threshold}}"));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void everyPlaceholderIsReplaced(Engine engine) {
        MonitoredDatabase database =
                engine == Engine.MongoDB
                        ? RuleTestDatabases.mongo(3)
                        : RuleTestDatabases.postgres(3);
        for (DefaultAlert alert : DefaultAlerts.of(DatabaseEngines.monitoring(engine))) {
            AlertRule rule =
                    alert.instantiate(
                            database,
                            alert.threshold(),
                            alert.forDuration(),
                            alert.priority(),
                            Map.of(),
                            "");
            assertThat(rule.expr()).as(alert.alert()).doesNotContain("{{");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void vigilsOwnPromQlCheckAcceptsEveryDefaultAlert(Engine engine) {
        MonitoredDatabase database =
                engine == Engine.MongoDB
                        ? RuleTestDatabases.mongo(3)
                        : RuleTestDatabases.postgresWithBackups(3);
        for (DefaultAlert alert : DefaultAlerts.of(DatabaseEngines.monitoring(engine))) {
            AlertRule rule =
                    alert.instantiate(
                            database,
                            alert.threshold(),
                            alert.forDuration(),
                            alert.priority(),
                            Map.of(),
                            "");
            assertThat(PromQlSyntax.check(rule.expr())).as(alert.alert()).isEmpty();
        }
    }

    @Test
    void aSingleMemberGetsNoReplicationAlerts() {
        assertThat(
                        names(
                                DefaultAlerts.applicable(
                                        RuleTestDatabases.mongo(1),
                                        DatabaseEngines.of(RuleTestDatabases.mongo(1).getSpec())
                                                .monitoring())))
                .doesNotContain("MongoDBReplicaSetMemberUnhealthy", "MongoDBReplicationLagHigh")
                .contains("MongoDBDown", "DatabaseVolumeAlmostFull");
        assertThat(
                        names(
                                DefaultAlerts.applicable(
                                        RuleTestDatabases.postgres(1),
                                        DatabaseEngines.of(RuleTestDatabases.postgres(1).getSpec())
                                                .monitoring())))
                .doesNotContain("PostgreSQLReplicationLagHigh", "PostgreSQLStandbyNotStreaming")
                .contains("PostgreSQLDown", "DatabaseVolumeAlmostFull");
    }

    @Test
    void severalMembersGetEveryAlert() {
        assertThat(
                        DefaultAlerts.applicable(
                                RuleTestDatabases.mongoWithBackups(3),
                                DatabaseEngines.of(RuleTestDatabases.mongoWithBackups(3).getSpec())
                                        .monitoring()))
                .isEqualTo(DefaultAlerts.of(DatabaseEngines.monitoring(Engine.MongoDB)));
        assertThat(
                        DefaultAlerts.applicable(
                                RuleTestDatabases.postgresWithBackups(3),
                                DatabaseEngines.of(
                                                RuleTestDatabases.postgresWithBackups(3).getSpec())
                                        .monitoring()))
                .isEqualTo(DefaultAlerts.of(DatabaseEngines.monitoring(Engine.PostgreSQL)));
    }

    @Test
    void onlyADatabaseThatVerifiesRestoresGetsTheVerificationAlerts() {
        List<String> verification =
                List.of("VigilBackupVerificationFailed", "VigilBackupVerificationStale");
        MonitoredDatabase verifies = RuleTestDatabases.postgresWithBackups(3);
        assertThat(
                        names(
                                DefaultAlerts.applicable(
                                        verifies, DatabaseEngines.monitoring(Engine.PostgreSQL))))
                .containsAll(verification);
        MonitoredDatabase backsUpOnly = RuleTestDatabases.postgresWithBackups(3);
        backsUpOnly.getSpec().getBackup().setVerify(null);
        assertThat(
                        names(
                                DefaultAlerts.applicable(
                                        backsUpOnly,
                                        DatabaseEngines.monitoring(Engine.PostgreSQL))))
                .containsAll(BACKUP)
                .doesNotContainAnyElementsOf(verification);
    }

    @Test
    void onlyADatabaseWithBackupsGetsTheBackupAlerts() {
        assertThat(names(DefaultAlerts.of(DatabaseEngines.monitoring(Engine.PostgreSQL))))
                .containsSubsequence("PostgreSQLDeadlocks", BACKUP.get(0))
                .containsAll(BACKUP);
        assertThat(names(DefaultAlerts.of(DatabaseEngines.monitoring(Engine.MongoDB))))
                .as("MongoDB's dumps: no WAL")
                .contains("VigilBackupFailed", "VigilBackupTooOld")
                .doesNotContain("VigilWalArchivingBehind");
        assertThat(
                        names(
                                DefaultAlerts.applicable(
                                        RuleTestDatabases.postgresWithBackups(1),
                                        DatabaseEngines.monitoring(Engine.PostgreSQL))))
                .containsAll(BACKUP);
        MonitoredDatabase mongoWithBackups = RuleTestDatabases.mongo(3);
        mongoWithBackups.getSpec().setBackup(new dev.vigil.api.v1alpha1.BackupSpec());
        assertThat(
                        names(
                                DefaultAlerts.applicable(
                                        mongoWithBackups,
                                        DatabaseEngines.monitoring(Engine.MongoDB))))
                .contains("VigilBackupFailed", "VigilBackupTooOld");
        for (MonitoredDatabase without :
                List.of(
                        RuleTestDatabases.postgres(3),
                        RuleTestDatabases.postgres(1),
                        RuleTestDatabases.externalPostgres(),
                        RuleTestDatabases.mongo(3))) {
            assertThat(
                            names(
                                    DefaultAlerts.applicable(
                                            without,
                                            DatabaseEngines.of(without.getSpec()).monitoring())))
                    .as(without.getMetadata().getName())
                    .doesNotContainAnyElementsOf(BACKUP);
        }
    }

    @Test
    void anExternalDatabaseHasNoVolumeAlertButWatchesItsExporterPodRestarts() {
        MonitoredDatabase external = RuleTestDatabases.externalMongo();
        List<AlertRule> rules =
                PrometheusRuleBuilder.defaults(
                        external,
                        DatabaseEngines.of(external.getSpec()).monitoring(),
                        MonitoringContext.DEFAULT_RUNBOOK_BASE_URL);

        assertThat(rules).extracting(AlertRule::alert).doesNotContain("DatabaseVolumeAlmostFull");
        assertThat(rules)
                .filteredOn(rule -> rule.alert().equals("DatabasePodRestarting"))
                .singleElement()
                .extracting(AlertRule::expr)
                .asString()
                .contains("pod=~\"legacy-exporter-[a-z0-9]+-[a-z0-9]+\"");
        assertThat(
                        names(
                                DefaultAlerts.applicable(
                                        RuleTestDatabases.externalPostgres(),
                                        DatabaseEngines.of(
                                                        RuleTestDatabases.externalPostgres()
                                                                .getSpec())
                                                .monitoring())))
                .doesNotContain("DatabaseVolumeAlmostFull")
                .contains("PostgreSQLDown", "PostgreSQLExporterDown", "DatabasePodRestarting");
    }

    private static List<String> names(List<DefaultAlert> alerts) {
        return alerts.stream().map(DefaultAlert::alert).toList();
    }
}
