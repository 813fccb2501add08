package dev.vigil.metrics;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.status.ConditionType;
import dev.vigil.status.Phase;
import io.fabric8.kubernetes.api.model.Condition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's per-database metrics ({@link OperatorMetricNames}), labelled {@code namespace} and
 * {@code database}, which Vigil's own alert rules read: Ready, phase, each condition's status,
 * rollouts started, rollbacks, and how long rollouts took to pass the health gate.
 */
public final class DatabaseMetrics {

    private static final List<String> CONDITION_STATUSES = List.of("True", "False", "Unknown");

    private final MeterRegistry registry;
    // namespace/name -> the last status recorded; gauges read it, so they follow every update.
    private final Map<String, MonitoredDatabaseStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> registered = new ConcurrentHashMap<>();

    public DatabaseMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records {@code status} as the database's current state. */
    public void record(MonitoredDatabase database, MonitoredDatabaseStatus status) {
        String key = key(database);
        statuses.put(key, status);
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
