package dev.vigil.monitoring;

import static dev.vigil.monitoring.AlertScenario.fires;
import static dev.vigil.monitoring.AlertScenario.silent;

import dev.vigil.monitoring.AlertScenario.Firing;
import dev.vigil.monitoring.AlertScenario.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * promtool cases for the backup alerts of {@link RuleTestDatabases#postgresWithBackups} ({@code
 * shop/orders}), on the operator's {@code vigil_backup_*} series. promtool's clock starts at 0, so
 * a timestamp series' value is the second of the test it names.
 */
final class BackupScenarios {

    private static final Map<String, String> OPERATOR =
            Map.of(
                    "namespace", "shop",
                    "database", "orders",
                    "job", "vigil-operator",
                    "instance", "10.1.0.3:8080");
    // Another database's series in the same namespace: they must not fire for orders.
    private static final Map<String, String> OTHER =
            AlertScenario.labels(OPERATOR, "database", "ledger");

    private static final String SUCCESS = "vigil_backup_last_success_timestamp_seconds";
    private static final String FAILURE = "vigil_backup_last_failure_timestamp_seconds";
    private static final String INTERVAL = "vigil_backup_schedule_interval_seconds";
    private static final String LAG = "vigil_backup_wal_archive_lag_seconds";
    private static final String VERIFIED =
            "vigil_backup_verification_last_success_timestamp_seconds";
    private static final String VERIFICATION_FAILED =
            "vigil_backup_verification_last_failure_timestamp_seconds";
    private static final String VERIFY_INTERVAL =
            "vigil_backup_verification_schedule_interval_seconds";

    private BackupScenarios() {}

    /**
     * The cases of the alerts about scheduled backups, which every engine's database with {@code
     * spec.backup} gets, for {@code shop/<database>}.
     */
    static List<AlertScenario> scheduled(String database) {
        Map<String, String> operator = AlertScenario.labels(OPERATOR, "database", database);
        // Another database's series in the same namespace: they must not fire for this one.
        Map<String, String> other = AlertScenario.labels(OPERATOR, "database", "ledger");
        return List.of(
                fires(
                        "VigilBackupFailed",
                        "the last attempt failed after the last success",
                        "5m",
                        new Firing(operator, null),
                        new Series(SUCCESS, operator, "60x10"),
                        new Series(FAILURE, operator, "120x10")),
                fires(
                        "VigilBackupFailed",
                        "every attempt failed: there is no success at all",
                        "5m",
                        new Firing(operator, null),
                        new Series(FAILURE, operator, "60x10")),
                silent(
                        "VigilBackupFailed",
                        "a backup succeeded after the last failure, and another database failed",
                        "5m",
                        new Series(FAILURE, operator, "60x10"),
                        new Series(SUCCESS, operator, "120x10"),
                        new Series(FAILURE, other, "120x10"),
                        new Series(SUCCESS, other, "60x10")),
                silent(
                        "VigilBackupFailed",
                        "a success and no failure",
                        "5m",
                        new Series(SUCCESS, operator, "60x10")),
                fires(
                        "VigilBackupTooOld",
                        "hourly backups, the newest 99 minutes old",
                        "100m",
                        new Firing(operator, "1h 39m 0s"),
                        new Series(SUCCESS, operator, "60x110"),
                        new Series(INTERVAL, operator, "3600x110")),
                silent(
                        "VigilBackupTooOld",
                        "hourly backups, the newest 89 minutes old",
                        "90m",
                        new Series(SUCCESS, operator, "60x110"),
                        new Series(INTERVAL, operator, "3600x110")),
                silent(
                        "VigilBackupTooOld",
                        "hourly backups taken each hour, and another database's daily one",
                        "150m",
                        new Series(SUCCESS, operator, "60x59 3660x60 7260x60"),
                        new Series(INTERVAL, operator, "3600x180"),
                        new Series(SUCCESS, other, "60x180"),
                        new Series(INTERVAL, other, "86400x180")));
    }

    /** The cases of every backup alert of {@code shop/orders}, which archives WAL and verifies. */
    static List<AlertScenario> all() {
        List<AlertScenario> scenarios = new ArrayList<>(scheduled("orders"));
        scenarios.addAll(
                List.of(
                        fires(
                                "VigilWalArchivingBehind",
                                "WAL waits 90 s for longer than 2m",
                                "5m",
                                new Firing(OPERATOR, "1m 30s"),
                                new Series(LAG, OPERATOR, "0 90x10")),
                        silent(
                                "VigilWalArchivingBehind",
                                "WAL waits 90 s for only 1m",
                                "4m",
                                new Series(LAG, OPERATOR, "0 0 0 90 90 0x5")),
                        silent(
                                "VigilWalArchivingBehind",
                                "WAL waits 50 s, under the 60 s target",
                                "10m",
                                new Series(LAG, OPERATOR, "0 50x10"))));
        scenarios.addAll(verification("orders"));
        return scenarios;
    }

    /**
     * The cases of the alerts about verified restores, which every engine's database with {@code
     * spec.backup.verify} gets, for {@code shop/<database>}.
     */
    static List<AlertScenario> verification(String database) {
        Map<String, String> operator = AlertScenario.labels(OPERATOR, "database", database);
        Map<String, String> other = AlertScenario.labels(OPERATOR, "database", "ledger");
        return List.of(
                fires(
                        "VigilBackupVerificationFailed",
                        "the last verification failed after the last verified restore",
                        "5m",
                        new Firing(operator, null),
                        new Series(VERIFIED, operator, "60x10"),
                        new Series(VERIFICATION_FAILED, operator, "120x10")),
                fires(
                        "VigilBackupVerificationFailed",
                        "no restore was ever verified, and one failed",
                        "5m",
                        new Firing(operator, null),
                        new Series(VERIFICATION_FAILED, operator, "60x10")),
                silent(
                        "VigilBackupVerificationFailed",
                        "a restore was verified after the failure, and another database"
                                + " failed",
                        "5m",
                        new Series(VERIFICATION_FAILED, operator, "60x10"),
                        new Series(VERIFIED, operator, "120x10"),
                        new Series(VERIFICATION_FAILED, other, "120x10")),
                fires(
                        "VigilBackupVerificationStale",
                        "hourly verifications, the last verified 99 minutes ago",
                        "100m",
                        new Firing(operator, "1h 39m 0s"),
                        new Series(VERIFIED, operator, "60x110"),
                        new Series(VERIFY_INTERVAL, operator, "3600x110")),
                silent(
                        "VigilBackupVerificationStale",
                        "hourly verifications, the last verified 89 minutes ago, and"
                                + " another database's stale one",
                        "90m",
                        new Series(VERIFIED, operator, "60x110"),
                        new Series(VERIFY_INTERVAL, operator, "3600x110"),
                        new Series(VERIFIED, other, "0x110"),
                        new Series(VERIFY_INTERVAL, other, "60x110")));
    }
}
