package dev.vigil.reconciler;

import dev.vigil.api.v1alpha1.BackupRun;
import dev.vigil.api.v1alpha1.BackupStatus;
import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.engine.BackupStatusSource;
import dev.vigil.engine.PassContext;
import dev.vigil.engine.mongodb.backup.MongoBackupJobs;
import dev.vigil.engine.postgres.BackupAgentClient;
import dev.vigil.engine.postgres.PostgresBackupAgents;
import dev.vigil.status.StatusEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code status.backup}: what the engine's backups report, read once a pass (PostgreSQL: the
 * primary's backup agent; MongoDB: the pods of the backup CronJob), with an Event for each new
 * backup and each new failure. When nothing can be read (the primary is restarting, or there is
 * none yet) the last report stands; it is never erased, not even when {@code spec.backup} is
 * removed, since the backups in the store outlive it.
 */
final class BackupReport {

    /** How often a database with backups is looked at, so the status follows the agent's runs. */
    static final Duration POLL_INTERVAL = Duration.ofMinutes(1);

    private final Map<Engine, BackupStatusSource> sources;

    BackupReport(BackupAgentClient agents) {
        this.sources =
                Map.of(
                        Engine.PostgreSQL,
                        new PostgresBackupAgents(agents),
                        Engine.MongoDB,
                        new MongoBackupJobs());
    }

    /** Whether {@code database} has backups to follow. */
    static boolean followed(MonitoredDatabase database) {
        return database.getSpec().getBackup() != null;
    }

    /** The report to put in the status this pass; empty when there has never been one. */
    Optional<BackupStatus> read(PassContext pass) {
        Optional<BackupStatus> previous = pass.previous().map(MonitoredDatabaseStatus::getBackup);
        MonitoredDatabase database = pass.defaulted();
        if (!followed(database)) {
            return previous;
        }
        Optional<BackupStatus> reported = sources.get(database.getSpec().getEngine()).read(pass);
        if (reported.isEmpty()) {
            return previous;
        }
        BackupStatus merged = merge(previous.orElse(null), reported.get());
        tellChanges(pass, previous.orElse(null), merged);
        return Optional.of(merged);
    }

    /**
     * The new report, keeping what it does not know: an agent that started after a failover has not
     * seen the previous primary's failures, and Kubernetes keeps the pods of a few runs only.
     */
    static BackupStatus merge(BackupStatus previous, BackupStatus reported) {
        if (previous == null) {
            return reported;
        }
        BackupStatus merged = new BackupStatus();
        merged.setLastSuccessful(newer(previous.getLastSuccessful(), reported.getLastSuccessful()));
        merged.setLastFailed(newer(previous.getLastFailed(), reported.getLastFailed()));
        // A report without a window (MongoDB's, when only failed runs are kept) keeps the last.
        merged.setRecoverableFrom(
                reported.getRecoverableFrom() != null
                        ? reported.getRecoverableFrom()
                        : previous.getRecoverableFrom());
        merged.setRecoverableTo(
                reported.getRecoverableTo() != null
                        ? reported.getRecoverableTo()
                        : previous.getRecoverableTo());
        merged.setWalArchiveLagSeconds(reported.getWalArchiveLagSeconds());
        // The reports know nothing of verifications: the operator records them
        // (RestoreVerifications).
        merged.setLastVerifiedRestore(previous.getLastVerifiedRestore());
        merged.setLastFailedVerification(previous.getLastFailedVerification());
        return merged;
    }

    private static BackupRun newer(BackupRun known, BackupRun reported) {
        if (reported == null || reported.getFinishedAt() == null) {
            return known;
        }
        if (known == null || known.getFinishedAt() == null) {
            return reported;
        }
        return instant(reported.getFinishedAt()).isBefore(instant(known.getFinishedAt()))
                ? known
                : reported;
    }

    private static Instant instant(String rfc3339) {
        return OffsetDateTime.parse(rfc3339).toInstant();
    }

    private static void tellChanges(PassContext pass, BackupStatus before, BackupStatus after) {
        BackupRun success = after.getLastSuccessful();
        if (success != null
                && !sameRun(before == null ? null : before.getLastSuccessful(), success)) {
            pass.tell(
                    StatusEvent.normal(
                            "BackupSucceeded",
                            "backup "
                                    + success.getLabel()
                                    + " finished at "
                                    + success.getFinishedAt()
                                    + sizeAndDuration(success)));
        }
        BackupRun failure = after.getLastFailed();
        if (failure != null && !sameRun(before == null ? null : before.getLastFailed(), failure)) {
            pass.tell(
                    StatusEvent.warning(
                            "BackupFailed",
                            "backup failed at "
                                    + failure.getFinishedAt()
                                    + (failure.getMessage() == null
                                            ? ""
                                            : ": " + failure.getMessage())));
        }
    }

    private static boolean sameRun(BackupRun a, BackupRun b) {
        return a != null && Objects.equals(a.getFinishedAt(), b.getFinishedAt());
    }

    private static String sizeAndDuration(BackupRun run) {
        StringBuilder text = new StringBuilder();
        if (run.getSizeBytes() != null) {
            text.append(", ").append(run.getSizeBytes()).append(" bytes");
        }
        if (run.getDurationSeconds() != null) {
            text.append(", in ").append(Math.round(run.getDurationSeconds())).append(" s");
        }
        return text.toString();
    }
}
