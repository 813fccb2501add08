package dev.vigil.engine.mongodb;

import dev.vigil.api.v1alpha1.BootstrapBackup;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.api.v1alpha1.RestoreRecord;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.DatabaseException;
import dev.vigil.engine.PassContext;
import dev.vigil.engine.mongodb.backup.MongoRestoreOutcome;
import dev.vigil.engine.mongodb.backup.MongoRestorePod;
import dev.vigil.engine.mongodb.backup.TransferReport;
import dev.vigil.status.DatabaseHealth;
import dev.vigil.status.Reason;
import dev.vigil.status.StatusEvent;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code spec.bootstrap} of a MongoDB database: once its replica set has a primary, restores the
 * source's dump with the {@link MongoRestorePod}, and records it in {@code status.restoredFrom}.
 * Until then the database is {@value Reason#RESTORING}, or {@value Reason#RESTORE_FAILED} with the
 * reason, never Ready.
 *
 * <p>Vigil never restores over data: the pod is created only while {@code status.restoredFrom} is
 * unset and the replica set holds no database but {@code admin}, {@code config} and {@code local}.
 * A failed restore's pod stays for its logs; deleting it retries, if the failure left no data. The
 * pod of a successful restore is deleted once the status records it.
 */
final class MongoBootstrapRestore {

    static final String EVENT_STARTED = "RestoreStarted";
    static final String EVENT_RESTORED = "Restored";

    /** How long after a restore its pod is looked for, to delete it. */
    static final Duration CLEAN_UP_WINDOW = Duration.ofHours(1);

    private final MongoReplicaSetClient mongo;
    private final Clock clock;

    MongoBootstrapRestore(MongoReplicaSetClient mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * Where the restore is.
     *
     * @param health what the database's health is while it restores or after it failed; empty when
     *     the restore is done (or there is none)
     * @param restored the restore that succeeded in this pass
     * @param events what deserves an Event
     */
    record Progress(
            Optional<DatabaseHealth> health,
            Optional<RestoreRecord> restored,
            List<StatusEvent> events) {

        static Progress done() {
            return new Progress(Optional.empty(), Optional.empty(), List.of());
        }

        static Progress health(DatabaseHealth health, StatusEvent... events) {
            return new Progress(Optional.of(health), Optional.empty(), List.of(events));
        }
    }

    /**
     * One step of the restore of {@code pass}'s database, whose replica set has a primary.
     *
     * @param members {@code host:port} of every member
     */
    Progress advance(PassContext pass, List<String> members, DatabaseCredentials admin) {
        MonitoredDatabase database = pass.defaulted();
        if (database.getSpec().getBootstrap() == null
                || database.getSpec().getBootstrap().getBackup() == null) {
            return Progress.done();
        }
        Optional<RestoreRecord> recorded =
                pass.previous().map(MonitoredDatabaseStatus::getRestoredFrom);
        if (recorded.isPresent()) {
            // Recorded: the pod of the restore that succeeded has served. Looked for only for a
            // while after, so a database restored long ago costs no request per pass.
            if (recent(recorded.get())) {
                restorePod(pass)
                        .filter(p -> ownedBy(p, database))
                        .ifPresent(p -> pass.client().resource(p).delete());
            }
            return Progress.done();
        }
        Optional<Pod> pod = restorePod(pass);
        if (pod.isEmpty()) {
            return start(pass, members, admin);
        }
        if (!ownedBy(pod.get(), database)) {
            return Progress.health(
                    DatabaseHealth.failing(
                            Reason.RESTORE_FAILED,
                            "a pod named "
                                    + MongoRestorePod.name(database)
                                    + " exists that Vigil did not create for this database;"
                                    + " delete it to restore"));
        }
        MongoRestoreOutcome outcome = MongoRestoreOutcome.of(pod.get());
        return switch (outcome.state()) {
            case RUNNING ->
                    Progress.health(DatabaseHealth.converging(Reason.RESTORING, doing(database)));
            case FAILED ->
                    Progress.health(
                            DatabaseHealth.failing(
                                    Reason.RESTORE_FAILED,
                                    outcome.reason()
                                            + " (pod "
                                            + MongoRestorePod.name(database)
                                            + " is kept for its logs; delete it to try again)"));
            case RESTORED -> restored(database, outcome.report());
        };
    }

    private Progress start(PassContext pass, List<String> members, DatabaseCredentials admin) {
        MonitoredDatabase database = pass.defaulted();
        List<String> data;
        try {
            data = mongo.userDatabases(members, admin);
        } catch (DatabaseException e) {
            return Progress.health(
                    DatabaseHealth.converging(
                            Reason.RESTORING,
                            "cannot yet check that the database is empty before the restore: "
                                    + e.getMessage()));
        }
        if (!data.isEmpty()) {
            return Progress.health(
                    DatabaseHealth.failing(
                            Reason.RESTORE_FAILED,
                            "the database already holds data ("
                                    + String.join(", ", data)
                                    + "), and Vigil restores only into an empty database: a"
                                    + " failed restore may have left it; delete and re-create"
                                    + " the MonitoredDatabase and its volumes to restore again"));
        }
        Pod restore = MongoRestorePod.build(database, MongodContainers.image(database));
        try {
            pass.client().resource(restore).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                // The previous pod of that name is still being deleted: the next pass retries.
                return Progress.health(
                        DatabaseHealth.converging(Reason.RESTORING, doing(database)));
            }
            return Progress.health(
                    DatabaseHealth.failing(
                            Reason.RESTORE_FAILED,
                            "cannot create the restore pod "
                                    + MongoRestorePod.name(database)
                                    + ": "
                                    + e.getStatus().getMessage()));
        }
        return Progress.health(
                DatabaseHealth.converging(Reason.RESTORING, doing(database)),
                StatusEvent.normal(
                        EVENT_STARTED,
                        doing(database) + " in pod " + MongoRestorePod.name(database)));
    }

    private Progress restored(MonitoredDatabase database, Optional<TransferReport> report) {
        RestoreRecord record = new RestoreRecord();
        record.setSource(MongoRestorePod.source(database));
        report.map(TransferReport::label).ifPresent(record::setLabel);
        report.map(TransferReport::finishedAt).ifPresent(record::setBackupFinishedAt);
        record.setRestoredAt(clock.instant().toString());
        return new Progress(
                Optional.empty(),
                Optional.of(record),
                List.of(
                        StatusEvent.normal(
                                EVENT_RESTORED,
                                "restored the dump "
                                        + Objects.toString(record.getLabel(), "(unnamed)")
                                        + " of "
                                        + record.getSource()
                                        + (record.getBackupFinishedAt() == null
                                                ? ""
                                                : ", as of " + record.getBackupFinishedAt()))));
    }

    private boolean recent(RestoreRecord record) {
        if (record.getRestoredAt() == null) {
            return true;
        }
        try {
            return Instant.parse(record.getRestoredAt())
                    .plus(CLEAN_UP_WINDOW)
                    .isAfter(clock.instant());
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    private static String doing(MonitoredDatabase database) {
        BootstrapBackup backup = database.getSpec().getBootstrap().getBackup();
        return "restoring the "
                + (backup.getTargetTime() == null
                        ? "newest dump"
                        : "newest dump finished by " + backup.getTargetTime())
                + " of "
                + MongoRestorePod.source(database);
    }

    private static Optional<Pod> restorePod(PassContext pass) {
        MonitoredDatabase database = pass.defaulted();
        return pass.owned().pod(MongoRestorePod.name(database));
    }

    private static boolean ownedBy(Pod pod, MonitoredDatabase database) {
        return pod.getMetadata().getOwnerReferences() != null
                && pod.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> Objects.equals(o.getUid(), database.getMetadata().getUid()));
    }
}
