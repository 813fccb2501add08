package dev.vigil.status;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.validation.FieldError;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Computes a MonitoredDatabase's status from what was observed: a pure function of the resource,
 * its previous status, the observation and the clock.
 */
public final class DatabaseStatusBuilder {

    private static final java.util.Set<String> RESTORE =
            java.util.Set.of(Reason.RESTORING, Reason.RESTORE_FAILED);

    private final ConditionFactory conditions;

    public DatabaseStatusBuilder(ConditionFactory conditions) {
        this.conditions = conditions;
    }

    /** One condition's status, reason and message, before it gets its times. */
    private record Verdict(boolean status, String reason, String message) {}

    /**
     * The status of a resource whose spec cannot be applied. What was observed before stays, as
     * nothing running was touched.
     */
    public MonitoredDatabaseStatus invalid(MonitoredDatabase database, List<FieldError> errors) {
        return refused(database, Reason.INVALID_SPEC, errors);
    }

    /**
     * The status of a resource whose change Vigil refuses, with {@code reason} (one of {@link
     * Reason#REFUSALS}). What was observed before stays, as nothing running was touched.
     */
    public MonitoredDatabaseStatus refused(
            MonitoredDatabase database, String reason, List<FieldError> errors) {
        MonitoredDatabaseStatus previous = previous(database);
        String message =
                errors.stream()
                        .map(e -> e.field() + ": " + e.reason())
                        .collect(Collectors.joining("; "));
        List<Condition> old = previous.getConditions();
        MonitoredDatabaseStatus status = copyObserved(previous);
        status.setObservedGeneration(database.getMetadata().getGeneration());
        status.setPhase(Phase.Invalid.name());
        status.setConditions(
                conditionsOf(
                        database,
                        new Verdict(false, reason, message),
                        new Verdict(false, reason, "The spec is not applied until it is fixed."),
                        unchanged(old, ConditionType.DEGRADED)));
        return status;
    }

    /**
     * The status of a resource whose spec waits for something outside Vigil, such as cert-manager
     * issuing its certificate: nothing of the spec is applied yet and nothing running was touched,
     * but nothing is wrong with it either. The phase is Creating (or Updating for a database that
     * ran before), Ready is False and Progressing True, both with {@code reason} and {@code
     * message}.
     */
    public MonitoredDatabaseStatus waiting(
            MonitoredDatabase database, String reason, String message) {
        MonitoredDatabaseStatus previous = previous(database);
        MonitoredDatabaseStatus status = copyObserved(previous);
        status.setObservedGeneration(database.getMetadata().getGeneration());
        boolean everReady = previous.getCurrentVersion() != null;
        status.setPhase((everReady ? Phase.Updating : Phase.Creating).name());
        status.setConditions(
                conditionsOf(
                        database,
                        new Verdict(false, reason, message),
                        new Verdict(true, reason, message),
                        unchanged(previous.getConditions(), ConditionType.DEGRADED)));
        return status;
    }

    /**
     * The status after a pass that failed unexpectedly (the API server refused a write, say). What
     * was observed before stays, including the generation it describes; JOSDK retries the pass with
     * backoff.
     */
    public MonitoredDatabaseStatus failed(MonitoredDatabase database, String message) {
        MonitoredDatabaseStatus previous = previous(database);
        MonitoredDatabaseStatus status = copyObserved(previous);
        status.setObservedGeneration(previous.getObservedGeneration());
        status.setPhase(Phase.Degraded.name());
        status.setConditions(
                conditionsOf(
                        database,
                        new Verdict(false, Reason.RECONCILE_FAILED, message),
                        new Verdict(true, Reason.RECONCILE_FAILED, "Vigil retries with backoff."),
                        new Verdict(true, Reason.RECONCILE_FAILED, message)));
        return status;
    }

    /** The status after a pass that applied the spec and observed the result. */
    public MonitoredDatabaseStatus observed(
            MonitoredDatabase database, DatabaseObservation observation) {
        MonitoredDatabaseStatus previous = previous(database);
        boolean everReady = previous.getCurrentVersion() != null;
        DatabaseHealth health = observation.health();
        boolean failing = health.state() == DatabaseHealth.State.FAILING;
        boolean ready = observation.podsReady() && health.state() == DatabaseHealth.State.HEALTHY;
        Verdict readiness = readiness(observation, ready, everReady);

        MonitoredDatabaseStatus status = new MonitoredDatabaseStatus();
        status.setObservedGeneration(database.getMetadata().getGeneration());
        status.setReadyReplicas(observation.readyPods());
        status.setEndpoints(observation.endpoints());
        status.setSecrets(observation.secrets());
        status.setRollout(previous.getRollout());
        status.setPrimary(observation.primary().orElse(previous.getPrimary()));
        status.setLastFailover(observation.failover().orElse(previous.getLastFailover()));
        // The backup report is the pass's to replace (ManagedPass); until then it stands.
        status.setBackup(previous.getBackup());
        // Set once, when the bootstrap restore succeeds (ManagedPass); kept ever after.
        status.setRestoredFrom(previous.getRestoredFrom());
        status.setCurrentVersion(
                ready ? database.getSpec().getVersion() : previous.getCurrentVersion());
        Verdict progressing =
                ready || failing
                        ? new Verdict(false, Reason.CONVERGED, "Nothing left to do.")
                        : new Verdict(
                                true,
                                everReady ? readiness.reason() : Reason.CREATING,
                                readiness.message());
        Verdict degraded =
                failing
                        ? new Verdict(true, health.reason(), health.message())
                        : new Verdict(false, Reason.HEALTHY, "");
        MonitoringHealth monitoring = observation.monitoring();
        status.setConditions(
                conditionsOf(
                        database,
                        readiness,
                        progressing,
                        degraded,
                        Optional.of(
                                new Verdict(
                                        monitoring.ready(),
                                        monitoring.reason(),
                                        monitoring.message()))));
        status.setPhase(
                (failing && !everReady && Reason.RESTORE_FAILED.equals(health.reason())
                                ? Phase.Failed
                                : phase(ready, failing, everReady))
                        .name());
        return status;
    }

    private static Verdict readiness(
            DatabaseObservation observation, boolean ready, boolean everReady) {
        DatabaseHealth health = observation.health();
        if (ready) {
            return new Verdict(true, Reason.READY, health.message());
        }
        if (RESTORE.contains(health.reason())) {
            // spec.bootstrap: the pods wait for the restore, which says more than their count.
            return new Verdict(false, health.reason(), health.message());
        }
        if (!observation.podsReady()) {
            // A rollout is only news for a database that ran before; a new one waits for pods.
            String reason =
                    observation.rolloutComplete() || !everReady
                            ? Reason.PODS_NOT_READY
                            : Reason.ROLLOUT_IN_PROGRESS;
            return new Verdict(
                    false,
                    reason,
                    observation.readyPods() + "/" + observation.desiredMembers() + " pods ready");
        }
        return new Verdict(false, health.reason(), health.message());
    }

    private List<Condition> conditionsOf(
            MonitoredDatabase database, Verdict ready, Verdict progressing, Verdict degraded) {
        List<Condition> old = previous(database).getConditions();
        Optional<Verdict> monitoring =
                ConditionFactory.find(old, ConditionType.MONITORING_READY)
                        .map(c -> unchanged(old, ConditionType.MONITORING_READY));
        return conditionsOf(database, ready, progressing, degraded, monitoring);
    }

    private List<Condition> conditionsOf(
            MonitoredDatabase database,
            Verdict ready,
            Verdict progressing,
            Verdict degraded,
            Optional<Verdict> monitoring) {
        List<Condition> old = previous(database).getConditions();
        Long generation = database.getMetadata().getGeneration();
        List<Condition> all =
                new ArrayList<>(
                        List.of(
                                conditions.condition(
                                        old,
                                        ConditionType.READY,
                                        ready.status(),
                                        ready.reason(),
                                        ready.message(),
                                        generation),
                                conditions.condition(
                                        old,
                                        ConditionType.PROGRESSING,
                                        progressing.status(),
                                        progressing.reason(),
                                        progressing.message(),
                                        generation),
                                conditions.condition(
                                        old,
                                        ConditionType.DEGRADED,
                                        degraded.status(),
                                        degraded.reason(),
                                        degraded.message(),
                                        generation)));
        monitoring.ifPresent(
                m ->
                        all.add(
                                conditions.condition(
                                        old,
                                        ConditionType.MONITORING_READY,
                                        m.status(),
                                        m.reason(),
                                        m.message(),
                                        generation)));
        // Conditions this builder does not compute (the health gate's) stay as they were.
        if (old != null) {
            old.stream()
                    .filter(c -> all.stream().noneMatch(a -> a.getType().equals(c.getType())))
                    .forEach(all::add);
        }
        return List.copyOf(all);
    }

    /** The condition of {@code type} as it was, or False/Healthy when there was none. */
    private static Verdict unchanged(List<Condition> old, String type) {
        return ConditionFactory.find(old, type)
                .map(c -> new Verdict("True".equals(c.getStatus()), c.getReason(), c.getMessage()))
                .orElse(new Verdict(false, Reason.HEALTHY, ""));
    }

    private static Phase phase(boolean ready, boolean failing, boolean everReady) {
        if (failing) {
            return Phase.Degraded;
        }
        if (ready) {
            return Phase.Ready;
        }
        return everReady ? Phase.Updating : Phase.Creating;
    }

    private static MonitoredDatabaseStatus previous(MonitoredDatabase database) {
        return database.getStatus() != null ? database.getStatus() : new MonitoredDatabaseStatus();
    }

    private static MonitoredDatabaseStatus copyObserved(MonitoredDatabaseStatus previous) {
        MonitoredDatabaseStatus status = new MonitoredDatabaseStatus();
        status.setReadyReplicas(previous.getReadyReplicas());
        status.setCurrentVersion(previous.getCurrentVersion());
        status.setEndpoints(previous.getEndpoints());
        status.setSecrets(previous.getSecrets());
        status.setRollout(previous.getRollout());
        status.setPrimary(previous.getPrimary());
        status.setLastFailover(previous.getLastFailover());
        status.setBackup(previous.getBackup());
        return status;
    }
}
