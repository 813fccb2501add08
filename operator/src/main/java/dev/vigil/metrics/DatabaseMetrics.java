package dev.vigil.metrics;

import dev.vigil.api.BackupSchedule;
import dev.vigil.api.v1alpha1.BackupRun;
import dev.vigil.api.v1alpha1.BackupSpec;
import dev.vigil.api.v1alpha1.BackupStatus;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.status.ConditionType;
import dev.vigil.status.Phase;
import io.fabric8.kubernetes.api.model.Condition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The operator's per-database metrics ({@link OperatorMetricNames}), labelled {@code namespace} and
 * {@code database}, which Vigil's own alert rules read: Ready, phase, each condition's status,
 * rollouts started, rollbacks, how long rollouts took to pass the health gate, and the backups
 * ({@code vigil_backup_*}).
 *
 * <p>The backup gauges exist only for a database with {@code spec.backup} or {@code status.backup},
 * and each only while its value does: a gauge appears with the first status that has its value (the
 * first successful backup, say) and is removed when a status no longer has it, rather than served
 * as NaN.
 */
public final class DatabaseMetrics {

    private static final List<String> CONDITION_STATUSES = List.of("True", "False", "Unknown");

    private final MeterRegistry registry;
    private final Clock clock;
    // namespace/name -> the last status recorded; gauges read it, so they follow every update.
    private final Map<String, MonitoredDatabaseStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> registered = new ConcurrentHashMap<>();
    // namespace/name -> its spec.backup.schedule, when it has one that parses.
    private final Map<String, BackupSchedule> schedules = new ConcurrentHashMap<>();
    // namespace/name -> its spec.backup.verify.schedule, when it has one that parses.
    private final Map<String, BackupSchedule> verifySchedules = new ConcurrentHashMap<>();
    // namespace/name -> the backup gauges it has now, by name.
    private final Map<String, Map<String, Meter>> backupGauges = new ConcurrentHashMap<>();
    private final List<BackupGauge> backupGaugeKinds;

    public DatabaseMetrics(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    /**
     * @param clock when "now" is for {@link OperatorMetricNames#BACKUP_SCHEDULE_INTERVAL}, which
     *     depends on where in its schedule a database is
     */
    public DatabaseMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.backupGaugeKinds = backupGaugeKinds();
    }

    /**
     * Records {@code status} as the database's current state, and its {@code spec.backup.schedule}
     * (from {@code database}) as the schedule its backups are measured against.
     */
    public void record(MonitoredDatabase database, MonitoredDatabaseStatus status) {
        String key = key(database);
        statuses.put(key, status);
        schedule(database)
                .ifPresentOrElse(
                        schedule -> schedules.put(key, schedule), () -> schedules.remove(key));
        verifySchedule(database)
                .ifPresentOrElse(
                        schedule -> verifySchedules.put(key, schedule),
                        () -> verifySchedules.remove(key));
        Tags tags = tags(database);
        registerOnce(
                key,
                OperatorMetricNames.READY,
                () ->
                        Gauge.builder(OperatorMetricNames.READY, () -> readyValue(key))
                                .description("1 when the database's Ready condition is True")
                                .tags(tags)
                                .register(registry));
        for (Phase phase : Phase.values()) {
            registerOnce(
                    key,
                    OperatorMetricNames.PHASE + phase,
                    () ->
                            Gauge.builder(OperatorMetricNames.PHASE, () -> phaseValue(key, phase))
                                    .description("1 for the database's current phase")
                                    .tags(tags.and("phase", phase.name()))
                                    .register(registry));
        }
        for (Condition condition : conditions(status)) {
            for (String value : CONDITION_STATUSES) {
                String type = condition.getType();
                registerOnce(
                        key,
                        OperatorMetricNames.CONDITION + type + value,
                        () ->
                                Gauge.builder(
                                                OperatorMetricNames.CONDITION,
                                                () -> conditionValue(key, type, value))
                                        .description("1 for each condition's current status")
                                        .tags(tags.and("condition", type, "status", value))
                                        .register(registry));
            }
        }
        recordBackups(key, tags);
    }

    /** Counts a rollout of a new generation that started. */
    public void rolloutStarted(MonitoredDatabase database) {
        Counter.builder(OperatorMetricNames.ROLLOUTS)
                .description("Rollouts of a new generation started")
                .tags(tags(database))
                .register(registry)
                .increment();
    }

    /** Counts a rollback completed: a failed generation was replaced by the last stable spec. */
    public void rolledBack(MonitoredDatabase database) {
        Counter.builder(OperatorMetricNames.ROLLBACKS)
                .description("Rollbacks completed after a failed health gate")
                .tags(tags(database))
                .register(registry)
                .increment();
    }

    /** Records how long a rollout took to pass ({@code outcome} passed) or fail its gate. */
    public void healthGate(MonitoredDatabase database, String outcome, Duration took) {
        Timer.builder(OperatorMetricNames.HEALTH_GATE_SECONDS)
                .description("How long rollouts took to pass or fail the health gate")
                .tags(tags(database).and("outcome", outcome))
                .register(registry)
                .record(took);
    }

    /** Removes the meters of databases that no longer exist. */
    public void retainOnly(Set<String> namespaceAndNames) {
        for (String key : Set.copyOf(statuses.keySet())) {
            if (!namespaceAndNames.contains(key)) {
                statuses.remove(key);
                registered.remove(key);
                schedules.remove(key);
                verifySchedules.remove(key);
                backupGauges.remove(key);
                String[] parts = key.split("/", 2);
                registry.getMeters().stream()
                        .filter(m -> parts[0].equals(m.getId().getTag("namespace")))
                        .filter(m -> parts[1].equals(m.getId().getTag("database")))
                        .toList()
                        .forEach(registry::remove);
            }
        }
    }

    /** {@code namespace/name}, the key of {@link #retainOnly}. */
    public static String key(MonitoredDatabase database) {
        return database.getMetadata().getNamespace() + "/" + database.getMetadata().getName();
    }

    private void registerOnce(String key, String meter, Runnable register) {
        if (registered.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(meter)) {
            register.run();
        }
    }

    private double readyValue(String key) {
        return conditionValue(key, ConditionType.READY, "True");
    }

    private double phaseValue(String key, Phase phase) {
        MonitoredDatabaseStatus status = statuses.get(key);
        return status != null && phase.name().equals(status.getPhase()) ? 1 : 0;
    }

    private double conditionValue(String key, String type, String value) {
        MonitoredDatabaseStatus status = statuses.get(key);
        return conditions(status).stream()
                        .anyMatch(
                                c ->
                                        type.equals(c.getType())
                                                && Objects.equals(value, c.getStatus()))
                ? 1
                : 0;
    }

    /** One backup gauge: its name, its description, and its value for a database's key. */
    private record BackupGauge(
            String name, String description, Function<String, Optional<Double>> value) {}

    private List<BackupGauge> backupGaugeKinds() {
        return List.of(
                new BackupGauge(
                        OperatorMetricNames.BACKUP_LAST_SUCCESS,
                        "When the newest backup in the repository finished, in Unix seconds",
                        key -> lastSuccessful(key).flatMap(run -> seconds(run.getFinishedAt()))),
                new BackupGauge(
                        OperatorMetricNames.BACKUP_LAST_FAILURE,
                        "When the last failed backup attempt ended, in Unix seconds",
                        key ->
                                backup(key)
                                        .map(BackupStatus::getLastFailed)
                                        .flatMap(run -> seconds(run.getFinishedAt()))),
                new BackupGauge(
                        OperatorMetricNames.BACKUP_LAST_SIZE,
                        "The database's size in the newest backup, in bytes",
                        key ->
                                lastSuccessful(key)
                                        .map(BackupRun::getSizeBytes)
                                        .map(Long::doubleValue)),
                new BackupGauge(
                        OperatorMetricNames.BACKUP_LAST_DURATION,
                        "How long the newest backup took, in seconds",
                        key -> lastSuccessful(key).map(BackupRun::getDurationSeconds)),
                new BackupGauge(
                        OperatorMetricNames.BACKUP_SCHEDULE_INTERVAL,
                        "The time between two scheduled backups, in seconds",
                        key ->
                                Optional.ofNullable(schedules.get(key))
                                        .map(schedule -> interval(schedule, clock.instant()))
                                        .filter(interval -> !interval.isZero())
                                        .map(interval -> interval.toMillis() / 1000.0)),
                new BackupGauge(
                        OperatorMetricNames.BACKUP_RECOVERABLE_FROM,
                        "The earliest moment a restore can reach, in Unix seconds",
                        key -> backup(key).flatMap(backup -> seconds(backup.getRecoverableFrom()))),
                new BackupGauge(
                        OperatorMetricNames.BACKUP_RECOVERABLE_TO,
                        "The latest moment a restore can reach, in Unix seconds",
                        key -> backup(key).flatMap(backup -> seconds(backup.getRecoverableTo()))),
                new BackupGauge(
                        OperatorMetricNames.BACKUP_WAL_ARCHIVE_LAG,
                        "How long the oldest WAL segment not yet archived has waited, in seconds",
                        key -> backup(key).map(BackupStatus::getWalArchiveLagSeconds)),
                new BackupGauge(
                        OperatorMetricNames.VERIFICATION_LAST_SUCCESS,
                        "When the last verified restore ended, in Unix seconds",
                        key ->
                                backup(key)
                                        .map(BackupStatus::getLastVerifiedRestore)
                                        .flatMap(v -> seconds(v.getFinishedAt()))),
                new BackupGauge(
                        OperatorMetricNames.VERIFICATION_LAST_FAILURE,
                        "When the last failed verification of a restore ended, in Unix seconds",
                        key ->
                                backup(key)
                                        .map(BackupStatus::getLastFailedVerification)
                                        .flatMap(v -> seconds(v.getFinishedAt()))),
                new BackupGauge(
                        OperatorMetricNames.VERIFICATION_RESTORE_SECONDS,
                        "The measured RTO of the last verified restore: from the start of the"
                                + " restore until the server answered, in seconds",
                        key ->
                                backup(key)
                                        .map(BackupStatus::getLastVerifiedRestore)
                                        .map(v -> v.getRestoreSeconds())),
                new BackupGauge(
                        OperatorMetricNames.VERIFICATION_SCHEDULE_INTERVAL,
                        "The time between two scheduled verifications of a restore, in seconds",
                        key ->
                                Optional.ofNullable(verifySchedules.get(key))
                                        .map(schedule -> interval(schedule, clock.instant()))
                                        .filter(interval -> !interval.isZero())
                                        .map(interval -> interval.toMillis() / 1000.0)));
    }

    /**
     * Registers each backup gauge whose value the database now has and removes each it no longer
     * has: an absent series, not NaN, is what the backup alerts and panels expect.
     */
    private void recordBackups(String key, Tags tags) {
        Map<String, Meter> gauges =
                backupGauges.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
        for (BackupGauge gauge : backupGaugeKinds) {
            boolean present = gauge.value().apply(key).isPresent();
            Meter meter = gauges.get(gauge.name());
            if (present && meter == null) {
                gauges.put(
                        gauge.name(),
                        Gauge.builder(
                                        gauge.name(),
                                        () -> gauge.value().apply(key).orElse(Double.NaN))
                                .description(gauge.description())
                                .tags(tags)
                                .register(registry));
            } else if (!present && meter != null) {
                registry.remove(meter);
                gauges.remove(gauge.name());
            }
        }
    }

    private Optional<BackupStatus> backup(String key) {
        return Optional.ofNullable(statuses.get(key)).map(MonitoredDatabaseStatus::getBackup);
    }

    private Optional<BackupRun> lastSuccessful(String key) {
        return backup(key).map(BackupStatus::getLastSuccessful);
    }

    /**
     * The time between scheduled backups that the newest one's age is measured against: the longer
     * of the gap {@code now} lies in and the one before it. Both are the same in a regular
     * schedule; in an irregular one (weekdays only) the long gap (Friday to Monday) stays the
     * interval until the run after Monday's, so neither the weekend nor Monday's run, while it is
     * going, makes Friday's backup read as late.
     */
    static Duration interval(BackupSchedule schedule, Instant now) {
        Optional<Instant> last = schedule.lastAtOrBefore(now);
        if (last.isEmpty()) {
            return schedule.interval(now);
        }
        // interval(at) measures between the next two runs after at: just before a run, that is
        // the gap the run opens.
        Duration current = schedule.interval(last.get().minusSeconds(1));
        Duration previous =
                schedule.lastAtOrBefore(last.get().minusSeconds(1))
                        .map(before -> schedule.interval(before.minusSeconds(1)))
                        .orElse(Duration.ZERO);
        return current.compareTo(previous) >= 0 ? current : previous;
    }

    private static Optional<BackupSchedule> schedule(MonitoredDatabase database) {
        BackupSpec backup = database.getSpec() == null ? null : database.getSpec().getBackup();
        if (backup == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(BackupSchedule.parse(backup.getSchedule()));
        } catch (IllegalArgumentException e) {
            // The reconciler reports an invalid schedule; there is no interval to serve.
            return Optional.empty();
        }
    }

    private static Optional<BackupSchedule> verifySchedule(MonitoredDatabase database) {
        BackupSpec backup = database.getSpec() == null ? null : database.getSpec().getBackup();
        if (backup == null || backup.getVerify() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(BackupSchedule.parse(backup.getVerify().getSchedule()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** An RFC 3339 time as Unix seconds; empty when absent or not a time. */
    private static Optional<Double> seconds(String rfc3339) {
        if (rfc3339 == null || rfc3339.isBlank()) {
            return Optional.empty();
        }
        try {
            Instant instant = OffsetDateTime.parse(rfc3339.trim()).toInstant();
            return Optional.of(instant.getEpochSecond() + instant.getNano() / 1e9);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static List<Condition> conditions(MonitoredDatabaseStatus status) {
        return status == null || status.getConditions() == null
                ? List.of()
                : status.getConditions();
    }

    private static Tags tags(MonitoredDatabase database) {
        return Tags.of(
                "namespace",
                database.getMetadata().getNamespace(),
                "database",
                database.getMetadata().getName());
    }
}
