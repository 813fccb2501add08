package dev.vigil.reconciler;

import dev.vigil.api.BackupSchedule;
import dev.vigil.api.v1alpha1.BackupStatus;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.api.v1alpha1.RestoreVerification;
import dev.vigil.api.v1alpha1.TableCount;
import dev.vigil.engine.PassContext;
import dev.vigil.engine.mongodb.MongoBackupVerification;
import dev.vigil.engine.postgres.PostgresBackupVerification;
import dev.vigil.engine.verification.VerificationOutcome;
import dev.vigil.engine.verification.VerificationPods;
import dev.vigil.status.StatusEvent;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code spec.backup.verify}: proves restores on a schedule. When a verification is due (the first
 * as soon as a backup exists, then at each time of the schedule) it creates the throwaway {@link
 * VerificationPod}; at each later pass it reads the pod, and once the verification has ended it
 * records the outcome in {@code status.backup} ({@code lastVerifiedRestore} or {@code
 * lastFailedVerification}), tells it with an Event and deletes the pod. The pod is looked at on
 * every pass and at least every {@link #WATCH_INTERVAL} while it runs.
 */
final class RestoreVerifications {

    /** How often a running verification is looked at. */
    static final Duration WATCH_INTERVAL = Duration.ofSeconds(15);

    static final String VERIFIED = "RestoreVerified";
    static final String FAILED = "RestoreVerificationFailed";

    private static final Logger LOG = LoggerFactory.getLogger(RestoreVerifications.class);

    private final Clock clock;

    RestoreVerifications(Clock clock) {
        this.clock = clock;
    }

    /**
     * Reads, records and starts verifications of {@code pass}'s database, updating {@code
     * status.backup}.
     *
     * @return whether a verification is running after this pass
     */
    boolean update(PassContext pass, MonitoredDatabaseStatus status) {
        MonitoredDatabase database = pass.defaulted();
        if (!BackupReport.followed(database)) {
            return false;
        }
        Instant now = clock.instant();
        boolean running = false;
        for (Pod pod : pods(pass)) {
            Optional<RestoreVerification> ended = VerificationOutcome.of(pod, now);
            if (ended.isEmpty() && VerificationPods.enabled(database)) {
                running = true;
                continue;
            }
            ended.ifPresent(outcome -> record(pass, status, outcome));
            delete(pass, pod);
        }
        if (running || !VerificationPods.enabled(database)) {
            return running;
        }
        Optional<Instant> due = due(database, status.getBackup(), now);
        if (due.isEmpty()) {
            return false;
        }
        Pod pod = pod(database, due.get());
        pod.getMetadata()
                .setAnnotations(
                        new LinkedHashMap<>(
                                Map.of(VerificationOutcome.STARTED_AT, now.toString())));
        try {
            pass.client().resource(pod).create();
            LOG.info(
                    "verifying a restore of {}/{} in pod {}",
                    database.getMetadata().getNamespace(),
                    database.getMetadata().getName(),
                    pod.getMetadata().getName());
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                // The previous pod of that name is still being deleted: the next pass retries.
                return true;
            }
            RestoreVerification failed = new RestoreVerification();
            failed.setStartedAt(now.toString());
            failed.setFinishedAt(now.toString());
            failed.setMessage(
                    "cannot create the verification pod "
                            + pod.getMetadata().getName()
                            + ": "
                            + e.getStatus().getMessage());
            record(pass, status, failed);
            return false;
        }
    }

    /**
     * When the verification to start now was due: the latest time of the schedule after the last
     * verification started, or now when there has been none; empty when none is due or no backup
     * exists yet.
     */
    static Optional<Instant> due(MonitoredDatabase database, BackupStatus backup, Instant now) {
        if (backup == null || backup.getLastSuccessful() == null) {
            return Optional.empty();
        }
        BackupSchedule schedule;
        try {
            schedule =
                    BackupSchedule.parse(database.getSpec().getBackup().getVerify().getSchedule());
        } catch (IllegalArgumentException e) {
            // Validation reports it; nothing is due on a schedule that does not parse.
            return Optional.empty();
        }
        Optional<Instant> last =
                latest(
                        started(backup.getLastVerifiedRestore()),
                        started(backup.getLastFailedVerification()));
        if (last.isEmpty()) {
            return Optional.of(now.truncatedTo(ChronoUnit.MINUTES));
        }
        return schedule.lastAtOrBefore(now).filter(time -> time.isAfter(last.get()));
    }

    private void record(
            PassContext pass, MonitoredDatabaseStatus status, RestoreVerification outcome) {
        BackupStatus backup = status.getBackup();
        if (backup == null) {
            backup = new BackupStatus();
            status.setBackup(backup);
        }
        if (outcome.getMessage() == null) {
            backup.setLastVerifiedRestore(outcome);
            pass.tell(
                    StatusEvent.normal(
                            VERIFIED,
                            "a restore of the newest backup was verified: the server answered "
                                    + Math.round(outcome.getRestoreSeconds())
                                    + " s after the restore began"
                                    + (outcome.getRecoveredTo() == null
                                            ? ""
                                            : ", recovered to " + outcome.getRecoveredTo())
                                    + counts(outcome.getTables())));
        } else {
            backup.setLastFailedVerification(outcome);
            pass.tell(
                    StatusEvent.warning(
                            FAILED,
                            "the verification of a restore failed: " + outcome.getMessage()));
        }
    }

    private static String counts(List<TableCount> tables) {
        if (tables == null || tables.isEmpty()) {
            return "; no user table";
        }
        return "; rows: "
                + tables.stream()
                        .map(t -> t.getDatabase() + "." + t.getTable() + "=" + t.getRows())
                        .collect(Collectors.joining(", "));
    }

    private static List<Pod> pods(PassContext pass) {
        MonitoredDatabase database = pass.resource();
        return pass.owned().pods(VerificationPods.selector(pass.defaulted())).stream()
                .filter(pod -> ownedBy(pod, database))
                .toList();
    }

    /** The engine's verification pod of {@code database} due at {@code due}. */
    private static Pod pod(MonitoredDatabase database, Instant due) {
        return switch (database.getSpec().getEngine()) {
            case PostgreSQL -> PostgresBackupVerification.pod(database, due);
            case MongoDB -> MongoBackupVerification.pod(database, due);
        };
    }

    private static void delete(PassContext pass, Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() == null) {
            pass.client().resource(pod).delete();
        }
    }

    private static boolean ownedBy(Pod pod, MonitoredDatabase database) {
        return pod.getMetadata().getOwnerReferences() != null
                && pod.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> Objects.equals(o.getUid(), database.getMetadata().getUid()));
    }

    private static Optional<Instant> started(RestoreVerification verification) {
        if (verification == null || verification.getStartedAt() == null) {
            return Optional.empty();
        }
        return Optional.of(OffsetDateTime.parse(verification.getStartedAt()).toInstant());
    }

    private static Optional<Instant> latest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return Optional.of(a.get().isAfter(b.get()) ? a.get() : b.get());
    }
}
