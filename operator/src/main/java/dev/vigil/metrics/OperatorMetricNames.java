package dev.vigil.metrics;

/**
 * Names of the per-database metrics the operator serves on {@code /metrics}, each labelled {@code
 * namespace} and {@code database}. Vigil's own alert rules read them; they are defined once here.
 */
public final class OperatorMetricNames {

    /** Gauge: 1 when the database's Ready condition is True, else 0. */
    public static final String READY = "vigil_database_ready";

    /** Gauge: 1 for the database's current phase (label {@code phase}), 0 for the others. */
    public static final String PHASE = "vigil_database_phase";

    /**
     * Gauge: 1 for each condition's current status (labels {@code condition} and {@code status}:
     * True, False or Unknown), 0 for the other statuses.
     */
    public static final String CONDITION = "vigil_database_condition";

    /** Counter: rollouts of a new generation started. */
    public static final String ROLLOUTS = "vigil_database_rollouts_total";

    /** Counter: rollbacks completed after a failed health gate. */
    public static final String ROLLBACKS = "vigil_database_rollbacks_total";

    /** Summary/histogram: how long health gates took, in seconds (label {@code outcome}). */
    public static final String HEALTH_GATE_SECONDS = "vigil_database_health_gate_seconds";

    /** Gauge: when the newest backup in the repository finished, in Unix seconds. */
    public static final String BACKUP_LAST_SUCCESS = "vigil_backup_last_success_timestamp_seconds";

    /** Gauge: when the last failed backup attempt ended, in Unix seconds. */
    public static final String BACKUP_LAST_FAILURE = "vigil_backup_last_failure_timestamp_seconds";

    /** Gauge: the database's size in the newest backup, in bytes. */
    public static final String BACKUP_LAST_SIZE = "vigil_backup_last_size_bytes";

    /** Gauge: how long the newest backup took, in seconds. */
    public static final String BACKUP_LAST_DURATION = "vigil_backup_last_duration_seconds";

    /**
     * Gauge: the time between two scheduled backups ({@code spec.backup.schedule}), in seconds:
     * what the age of the newest backup is measured against.
     */
    public static final String BACKUP_SCHEDULE_INTERVAL = "vigil_backup_schedule_interval_seconds";

    /** Gauge: the earliest moment a restore can reach, in Unix seconds. */
    public static final String BACKUP_RECOVERABLE_FROM =
            "vigil_backup_recoverable_from_timestamp_seconds";

    /** Gauge: the latest moment a restore can reach (the newest archived WAL), in Unix seconds. */
    public static final String BACKUP_RECOVERABLE_TO =
            "vigil_backup_recoverable_to_timestamp_seconds";

    /** Gauge: how long the oldest WAL segment not yet archived has waited, in seconds. */
    public static final String BACKUP_WAL_ARCHIVE_LAG = "vigil_backup_wal_archive_lag_seconds";

    /** Gauge: when the last verified restore ({@code spec.backup.verify}) ended, Unix seconds. */
    public static final String VERIFICATION_LAST_SUCCESS =
            "vigil_backup_verification_last_success_timestamp_seconds";

    /** Gauge: when the last failed verification of a restore ended, in Unix seconds. */
    public static final String VERIFICATION_LAST_FAILURE =
            "vigil_backup_verification_last_failure_timestamp_seconds";

    /**
     * Gauge: the measured RTO of the last verified restore: from the start of the restore until the
     * restored server answered, in seconds.
     */
    public static final String VERIFICATION_RESTORE_SECONDS =
            "vigil_backup_verification_restore_seconds";

    /**
     * Gauge: the time between two scheduled verifications ({@code spec.backup.verify.schedule}), in
     * seconds: what the age of the last verified restore is measured against.
     */
    public static final String VERIFICATION_SCHEDULE_INTERVAL =
            "vigil_backup_verification_schedule_interval_seconds";

    private OperatorMetricNames() {}
}
