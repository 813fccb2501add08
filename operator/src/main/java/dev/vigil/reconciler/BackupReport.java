package dev.vigil.reconciler;

import dev.vigil.api.v1alpha1.BackupRun;
import dev.vigil.api.v1alpha1.BackupStatus;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.engine.DatabaseException;
import dev.vigil.engine.PassContext;
import dev.vigil.engine.postgres.BackupAgentClient;
import dev.vigil.engine.postgres.backup.BackupPaths;
import dev.vigil.names.ResourceNames;
import dev.vigil.status.StatusEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code status.backup}: what the primary's backup agent reports, asked once a pass, with an Event
 * for each new backup and each new failure. When the agent cannot be asked (the primary is
 * restarting, or there is none yet) the last report stands; it is never erased, not even when
 * {@code spec.backup} is removed, since the backups in the store outlive it.
 */
final class BackupReport {

    /** How often a database with backups is looked at, so the status follows the agent's runs. */
    static final Duration POLL_INTERVAL = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(BackupReport.class);

    private final BackupAgentClient agents;

    BackupReport(BackupAgentClient agents) {
        this.agents = agents;
    }

    /** Whether {@code database} has backups to follow. */
    static boolean followed(MonitoredDatabase database) {
        return database.getSpec().getBackup() != null;
    }

    /** The report to put in the status this pass; empty when there has never been one. */
    Optional<BackupStatus> read(PassContext pass) {
        Optional<BackupStatus> previous = pass.previous().map(MonitoredDatabaseStatus::getBackup);
        MonitoredDatabase database = pass.defaulted();
        OptionalInt primary = pass.outcome().primaryOrdinal();
        if (!followed(database) || primary.isEmpty()) {
            return previous;
        }
        String host = ResourceNames.memberHost(database, primary.getAsInt(), pass.clusterDomain());
        BackupStatus reported;
        try {
            reported = agents.status(host, BackupPaths.AGENT_PORT);
        } catch (DatabaseException e) {
            LOG.debug("backup status of {} not read: {}", host, e.getMessage());
            return previous;
        }
        BackupStatus merged = merge(previous.orElse(null), reported);
        tellChanges(pass, previous.orElse(null), merged);
        return Optional.of(merged);
    }

    /**
     * The agent's report, keeping what it does not know: an agent that started after a failover has
     * not seen the previous primary's failures.
     */
    static BackupStatus merge(BackupStatus previous, BackupStatus reported) {
        if (previous == null) {
            return reported;
        }
        BackupStatus merged = new BackupStatus();
        merged.setLastSuccessful(newer(previous.getLastSuccessful(), reported.getLastSuccessful()));
        merged.setLastFailed(newer(previous.getLastFailed(), reported.getLastFailed()));
        merged.setRecoverableFrom(reported.getRecoverableFrom());
        merged.setRecoverableTo(reported.getRecoverableTo());
        merged.setWalArchiveLagSeconds(reported.getWalArchiveLagSeconds());
        // The agent knows nothing of verifications: the operator records them
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
