package dev.vigil.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.BackupSchedule;
import dev.vigil.api.v1alpha1.BackupRun;
import dev.vigil.api.v1alpha1.BackupStatus;
import dev.vigil.api.v1alpha1.BackupVerifySpec;
import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.api.v1alpha1.RestoreVerification;
import dev.vigil.engine.DatabaseEngines;
import dev.vigil.monitoring.DefaultAlerts;
import dev.vigil.status.ConditionFactory;
import dev.vigil.status.ConditionType;
import dev.vigil.status.Phase;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatabaseMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DatabaseMetrics metrics = new DatabaseMetrics(registry);
    private final ConditionFactory conditions =
            new ConditionFactory(
                    Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    private static MonitoredDatabase database(String name) {
        return Serialization.unmarshal(
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: %s, namespace: shop}
                spec: {engine: MongoDB, version: "7.0.14"}
                """
                        .formatted(name),
                MonitoredDatabase.class);
    }

    private static MonitoredDatabase backedUp(String name, String schedule) {
        return Serialization.unmarshal(
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: %s, namespace: shop}
                spec:
                  engine: PostgreSQL
                  version: "16.4"
                  backup:
                    schedule: "%s"
                    store: {volume: {claimName: backups}}
                """
                        .formatted(name, schedule),
                MonitoredDatabase.class);
    }

    private static BackupRun run(String finishedAt, Long sizeBytes, Double durationSeconds) {
        BackupRun run = new BackupRun();
        run.setFinishedAt(finishedAt);
        run.setSizeBytes(sizeBytes);
        run.setDurationSeconds(durationSeconds);
        return run;
    }

    private MonitoredDatabaseStatus status(Phase phase, boolean ready) {
        MonitoredDatabaseStatus status = new MonitoredDatabaseStatus();
        status.setPhase(phase.name());
        status.setConditions(
                List.of(conditions.condition(List.of(), ConditionType.READY, ready, "r", "", 1L)));
        return status;
    }

    @Test
    void gaugesFollowTheLatestStatus() {
        MonitoredDatabase catalog = database("catalog");
        metrics.record(catalog, status(Phase.Creating, false));

        assertThat(registry.get("vigil_database_ready").gauge().value()).isZero();
        assertThat(registry.get("vigil_database_phase").tag("phase", "Creating").gauge().value())
                .isEqualTo(1.0);

        metrics.record(catalog, status(Phase.Ready, true));

        assertThat(registry.get("vigil_database_ready").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("vigil_database_phase").tag("phase", "Creating").gauge().value())
                .isZero();
        assertThat(
                        registry.get("vigil_database_condition")
                                .tags("condition", "Ready", "status", "True")
                                .gauge()
                                .value())
                .isEqualTo(1.0);
    }

    @Test
    void countersAndTimersAreKeptPerDatabase() {
        metrics.rolloutStarted(database("catalog"));
        metrics.rolloutStarted(database("catalog"));
        metrics.healthGate(database("orders"), "passed", Duration.ofSeconds(42));

        assertThat(
                        registry.get("vigil_database_rollouts_total")
                                .tag("database", "catalog")
                                .counter()
                                .count())
                .isEqualTo(2.0);
        assertThat(
                        registry.get("vigil_database_health_gate_seconds")
                                .tags("database", "orders", "outcome", "passed")
                                .timer()
                                .totalTime(java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(42.0);
    }

    @Test
    void rollbacksAreServedUnderTheNameTheRolledBackAlertReads() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DatabaseMetrics served = new DatabaseMetrics(prometheus);

        served.rolledBack(database("catalog"));

        assertThat(prometheus.scrape())
                .contains(
                        OperatorMetricNames.ROLLBACKS
                                + "{database=\"catalog\",namespace=\"shop\"} 1.0");
        assertThat(
                        DefaultAlerts.of(DatabaseEngines.monitoring(Engine.MongoDB)).stream()
                                .filter(a -> a.alert().equals("VigilDatabaseRolledBack"))
                                .findFirst()
                                .orElseThrow()
                                .exprTemplate())
                .contains(OperatorMetricNames.ROLLBACKS + "{");
    }

    @Test
    void metersOfDeletedDatabasesGoAway() {
        metrics.record(database("catalog"), status(Phase.Ready, true));
        metrics.record(database("orders"), status(Phase.Ready, true));

        metrics.retainOnly(Set.of("shop/orders"));

        assertThat(registry.find("vigil_database_ready").tag("database", "catalog").gauge())
                .isNull();
        assertThat(registry.find("vigil_database_ready").tag("database", "orders").gauge())
                .isNotNull();
    }

    private static final Instant NOON = Instant.parse("2026-12-05T12:00:00Z");

    private final DatabaseMetrics atNoon =
            new DatabaseMetrics(registry, Clock.fixed(NOON, ZoneOffset.UTC));

    @Test
    void backupGaugesReadTheLastRecordedBackupStatus() {
        MonitoredDatabaseStatus status = status(Phase.Ready, true);
        BackupStatus backup = new BackupStatus();
        backup.setLastSuccessful(run("2026-12-05T02:00:42Z", 123_456_789L, 42.5));
        backup.setLastFailed(run("2026-12-04T02:00:03.5+01:00", null, 3.5));
        backup.setRecoverableFrom("2026-11-28T02:00:40Z");
        backup.setRecoverableTo("2026-12-05T11:59:30Z");
        backup.setWalArchiveLagSeconds(12.0);
        status.setBackup(backup);

        atNoon.record(backedUp("orders", "0 2 * * *"), status);

        assertThat(gauge("vigil_backup_last_success_timestamp_seconds"))
                .isEqualTo(Instant.parse("2026-12-05T02:00:42Z").getEpochSecond());
        assertThat(gauge("vigil_backup_last_failure_timestamp_seconds"))
                .isEqualTo(Instant.parse("2026-12-04T01:00:03Z").getEpochSecond() + 0.5);
        assertThat(gauge("vigil_backup_last_size_bytes")).isEqualTo(123_456_789.0);
        assertThat(gauge("vigil_backup_last_duration_seconds")).isEqualTo(42.5);
        assertThat(gauge("vigil_backup_schedule_interval_seconds")).isEqualTo(86_400.0);
        assertThat(gauge("vigil_backup_recoverable_from_timestamp_seconds"))
                .isEqualTo(Instant.parse("2026-11-28T02:00:40Z").getEpochSecond());
        assertThat(gauge("vigil_backup_recoverable_to_timestamp_seconds"))
                .isEqualTo(Instant.parse("2026-12-05T11:59:30Z").getEpochSecond());
        assertThat(gauge("vigil_backup_wal_archive_lag_seconds")).isEqualTo(12.0);

        backup.setWalArchiveLagSeconds(0.0);
        atNoon.record(backedUp("orders", "0 2 * * *"), status);

        assertThat(gauge("vigil_backup_wal_archive_lag_seconds")).isZero();
    }

    @Test
    void verificationGaugesReadTheLastVerifiedAndFailedRestores() {
        MonitoredDatabase orders = backedUp("orders", "0 2 * * *");
        MonitoredDatabaseStatus status = status(Phase.Ready, true);
        status.setBackup(new BackupStatus());
        status.getBackup().setLastSuccessful(run("2026-12-05T02:00:42Z", 1L, 1.0));

        atNoon.record(orders, status);

        assertThat(registry.find("vigil_backup_verification_schedule_interval_seconds").gauge())
                .as("no spec.backup.verify")
                .isNull();
        assertThat(registry.find("vigil_backup_verification_restore_seconds").gauge()).isNull();

        orders.getSpec().getBackup().setVerify(new BackupVerifySpec());
        orders.getSpec().getBackup().getVerify().setSchedule("0 5 * * 0");
        RestoreVerification verified = new RestoreVerification();
        verified.setStartedAt("2026-12-05T05:00:00Z");
        verified.setFinishedAt("2026-12-05T05:03:20Z");
        verified.setRestoreSeconds(187.25);
        status.getBackup().setLastVerifiedRestore(verified);
        RestoreVerification failed = new RestoreVerification();
        failed.setFinishedAt("2026-11-28T05:00:09Z");
        failed.setMessage("the restore failed: ERROR: [039]");
        status.getBackup().setLastFailedVerification(failed);
        atNoon.record(orders, status);

        assertThat(gauge("vigil_backup_verification_restore_seconds")).isEqualTo(187.25);
        assertThat(gauge("vigil_backup_verification_last_success_timestamp_seconds"))
                .isEqualTo(Instant.parse("2026-12-05T05:03:20Z").getEpochSecond());
        assertThat(gauge("vigil_backup_verification_last_failure_timestamp_seconds"))
                .isEqualTo(Instant.parse("2026-11-28T05:00:09Z").getEpochSecond());
        assertThat(gauge("vigil_backup_verification_schedule_interval_seconds"))
                .isEqualTo(7 * 86_400.0);
    }

    @Test
    void aBackupGaugeExistsOnlyWhileItsValueDoes() {
        MonitoredDatabase orders = backedUp("orders", "0 * * * *");

        // Configured, nothing reported yet: only the schedule is known.
        atNoon.record(orders, status(Phase.Ready, true));

        assertThat(registry.find("vigil_backup_schedule_interval_seconds").gauge()).isNotNull();
        assertThat(gauge("vigil_backup_schedule_interval_seconds")).isEqualTo(3_600.0);
        assertThat(registry.find("vigil_backup_last_success_timestamp_seconds").gauge()).isNull();
        assertThat(registry.find("vigil_backup_last_failure_timestamp_seconds").gauge()).isNull();
        assertThat(registry.find("vigil_backup_wal_archive_lag_seconds").gauge()).isNull();

        // A failure, then a status without it (say, the agent restarted and forgot it).
        MonitoredDatabaseStatus failed = status(Phase.Ready, true);
        failed.setBackup(new BackupStatus());
        failed.getBackup().setLastFailed(run("not a time", null, null));
        atNoon.record(orders, failed);
        assertThat(registry.find("vigil_backup_last_failure_timestamp_seconds").gauge()).isNull();

        failed.getBackup().setLastFailed(run("2026-12-05T11:00:01Z", null, 1.0));
        atNoon.record(orders, failed);
        assertThat(gauge("vigil_backup_last_failure_timestamp_seconds"))
                .isEqualTo(Instant.parse("2026-12-05T11:00:01Z").getEpochSecond());

        atNoon.record(orders, status(Phase.Ready, true));
        assertThat(registry.find("vigil_backup_last_failure_timestamp_seconds").gauge()).isNull();
    }

    @Test
    void aDatabaseWithoutBackupsHasNoBackupGauge() {
        atNoon.record(database("catalog"), status(Phase.Ready, true));

        assertThat(registry.getMeters())
                .noneMatch(meter -> meter.getId().getName().startsWith("vigil_backup_"));
    }

    @Test
    void backupGaugesOfDeletedDatabasesGoAway() {
        atNoon.record(backedUp("orders", "0 2 * * *"), status(Phase.Ready, true));

        atNoon.retainOnly(Set.of());

        assertThat(registry.find("vigil_backup_schedule_interval_seconds").gauge()).isNull();
    }

    @Test
    void backupGaugesAreServedUnderTheNamesTheBackupAlertsRead() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DatabaseMetrics served = new DatabaseMetrics(prometheus, Clock.fixed(NOON, ZoneOffset.UTC));
        MonitoredDatabaseStatus status = status(Phase.Ready, true);
        status.setBackup(new BackupStatus());
        status.getBackup().setLastSuccessful(run("2026-12-05T02:00:00Z", 1L, 1.0));
        status.getBackup().setLastFailed(run("2026-12-04T02:00:00Z", null, 1.0));
        status.getBackup().setWalArchiveLagSeconds(3.0);

        served.record(backedUp("orders", "0 2 * * *"), status);

        String scrape = prometheus.scrape();
        for (String name :
                List.of(
                        OperatorMetricNames.BACKUP_LAST_SUCCESS,
                        OperatorMetricNames.BACKUP_LAST_FAILURE,
                        OperatorMetricNames.BACKUP_SCHEDULE_INTERVAL,
                        OperatorMetricNames.BACKUP_WAL_ARCHIVE_LAG)) {
            assertThat(scrape).contains(name + "{database=\"orders\",namespace=\"shop\"} ");
        }
        List<String> backupAlertExprs =
                DefaultAlerts.of(DatabaseEngines.monitoring(Engine.PostgreSQL)).stream()
                        .filter(
                                a ->
                                        a.alert().startsWith("VigilBackup")
                                                || a.alert().startsWith("VigilWal"))
                        .map(a -> a.exprTemplate())
                        .toList();
        assertThat(String.join("\n", backupAlertExprs))
                .contains(OperatorMetricNames.BACKUP_LAST_SUCCESS + "{")
                .contains(OperatorMetricNames.BACKUP_LAST_FAILURE + "{")
                .contains(OperatorMetricNames.BACKUP_SCHEDULE_INTERVAL + "{")
                .contains(OperatorMetricNames.BACKUP_WAL_ARCHIVE_LAG + "{");
    }

    @Test
    void theScheduleIntervalIsTheLongerOfTheCurrentGapAndTheOneBefore() {
        BackupSchedule weekdays = BackupSchedule.parse("0 2 * * 1-5");
        Duration day = Duration.ofDays(1);
        Duration weekend = Duration.ofDays(3);

        // 2026-12-05 is a Saturday: the gap from Friday's run to Monday's.
        assertThat(DatabaseMetrics.interval(weekdays, Instant.parse("2026-12-05T12:00:00Z")))
                .isEqualTo(weekend);
        // Monday's run is going: the newest backup is still Friday's, which is not late.
        assertThat(DatabaseMetrics.interval(weekdays, Instant.parse("2026-12-07T02:00:30Z")))
                .isEqualTo(weekend);
        // From Tuesday's run on, the days are a day apart again.
        assertThat(DatabaseMetrics.interval(weekdays, Instant.parse("2026-12-08T02:00:00Z")))
                .isEqualTo(day);
        assertThat(
                        DatabaseMetrics.interval(
                                BackupSchedule.parse("*/15 * * * *"),
                                Instant.parse("2026-12-05T12:07:00Z")))
                .isEqualTo(Duration.ofMinutes(15));
    }

    private double gauge(String name) {
        return registry.get(name).tags("namespace", "shop", "database", "orders").gauge().value();
    }
}
