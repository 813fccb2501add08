package dev.vigil.monitoring;

import dev.vigil.api.v1alpha1.Priority;
import dev.vigil.metrics.OperatorMetricNames;
import java.util.List;

/**
 * Vigil's alerts about the backups of a database ({@code spec.backup}), read from the operator's
 * {@code /metrics} ({@link OperatorMetricNames}{@code .BACKUP_*}), which the backup agent's reports
 * in {@code status.backup} feed. An engine that takes backups lists them among its alerts; {@link
 * DefaultAlerts#applicable} keeps them only for the databases that have {@code spec.backup}.
 */
public final class BackupAlerts {

    private static final String LAST_SUCCESS =
            OperatorMetricNames.BACKUP_LAST_SUCCESS + "{{{operator}}}";
    private static final String LAST_FAILURE =
            OperatorMetricNames.BACKUP_LAST_FAILURE + "{{{operator}}}";

    /** The alerts about scheduled backups, whatever the engine. */
    public static final List<DefaultAlert> SCHEDULED =
            List.of(
                    new DefaultAlert(
                            "VigilBackupFailed",
                            // A failure, unless a backup finished at or after it. A database whose
                            // every attempt failed has no success series: it fires too.
                            LAST_FAILURE + " unless " + LAST_FAILURE + " <= " + LAST_SUCCESS,
                            null,
                            null,
                            Priority.P2,
                            "The last backup of {{ $labels.namespace }}/{{ $labels.database }}"
                                    + " failed",
                            "No backup has succeeded since the last attempt failed;"
                                    + " status.backup.lastFailed.message says why (kubectl get"
                                    + " mdb -o yaml).",
                            false),
                    new DefaultAlert(
                            "VigilBackupTooOld",
                            // The threshold is a factor of the schedule's interval: 1.5 lets the
                            // run that is due finish before the newest backup is called too old.
                            "time() - "
                                    + LAST_SUCCESS
                                    + " > {{threshold}} * "
                                    + OperatorMetricNames.BACKUP_SCHEDULE_INTERVAL
                                    + "{{{operator}}}",
                            "1.5",
                            null,
                            Priority.P2,
                            "The newest backup of {{ $labels.namespace }}/{{ $labels.database }}"
                                    + " finished {{ $value | humanizeDuration }} ago",
                            "Scheduled backups have stopped completing: a restore starts from an"
                                    + " older backup than the schedule promises and replays more"
                                    + " WAL, and nothing newer survives a loss of the archive.",
                            false));

    /** The alert about PostgreSQL's continuous WAL archiving. */
    public static final List<DefaultAlert> WAL_ARCHIVING =
            List.of(
                    new DefaultAlert(
                            "VigilWalArchivingBehind",
                            OperatorMetricNames.BACKUP_WAL_ARCHIVE_LAG
                                    + "{{{operator}}} > {{threshold}}",
                            "60",
                            "2m",
                            Priority.P2,
                            "WAL of {{ $labels.namespace }}/{{ $labels.database }} has waited"
                                    + " {{ $value | humanizeDuration }} to be archived",
                            "WAL segments are not reaching the backup repository: the writes a"
                                    + " lost primary would take with it exceed the RPO target, and"
                                    + " its volume fills with WAL kept for archiving.",
                            false));

    /** Every alert about backups and archiving, which only databases with spec.backup get. */
    public static final List<DefaultAlert> ALL =
            java.util.stream.Stream.of(SCHEDULED, WAL_ARCHIVING).flatMap(List::stream).toList();

    private static final String VERIFIED =
            OperatorMetricNames.VERIFICATION_LAST_SUCCESS + "{{{operator}}}";
    private static final String VERIFICATION_FAILED =
            OperatorMetricNames.VERIFICATION_LAST_FAILURE + "{{{operator}}}";

    /**
     * The alerts about verified restores ({@code spec.backup.verify}); {@link
     * DefaultAlerts#applicable} keeps them only for the databases that verify.
     */
    public static final List<DefaultAlert> VERIFICATION =
            List.of(
                    new DefaultAlert(
                            "VigilBackupVerificationFailed",
                            // A failure, unless a verification succeeded at or after it.
                            VERIFICATION_FAILED
                                    + " unless "
                                    + VERIFICATION_FAILED
                                    + " <= "
                                    + VERIFIED,
                            null,
                            null,
                            Priority.P2,
                            "The last restore verification of {{ $labels.namespace }}/{{"
                                    + " $labels.database }} failed",
                            "The newest backup could not be restored and checked in a"
                                    + " throwaway pod; status.backup.lastFailedVerification.message"
                                    + " says why (kubectl get mdb -o yaml).",
                            false),
                    new DefaultAlert(
                            "VigilBackupVerificationStale",
                            // 1.5 intervals: the verification that is due may finish first.
                            "time() - "
                                    + VERIFIED
                                    + " > {{threshold}} * "
                                    + OperatorMetricNames.VERIFICATION_SCHEDULE_INTERVAL
                                    + "{{{operator}}}",
                            "1.5",
                            null,
                            Priority.P3,
                            "The last verified restore of {{ $labels.namespace }}/{{"
                                    + " $labels.database }} ended {{ $value | humanizeDuration }}"
                                    + " ago",
                            "Scheduled restore verifications have stopped succeeding: nothing"
                                    + " proves the recent backups can be restored, nor how long"
                                    + " a restore takes.",
                            false));

    private BackupAlerts() {}
}
