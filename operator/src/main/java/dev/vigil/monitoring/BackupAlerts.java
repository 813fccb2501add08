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

    public static final List<DefaultAlert> ALL =
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
                            false),
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

    private BackupAlerts() {}
}
