package dev.vigil.status;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.model.validation.FieldError;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Computes a MonitoredDatabase's status from what was observed: a pure function of the resource,
 * its previous status, the observation and the clock.
 */
public final class DatabaseStatusBuilder {

    private final ConditionFactory conditions;

    public DatabaseStatusBuilder(ConditionFactory conditions) {
        this.conditions = conditions;
    }

    /**
     * The status of a resource whose spec cannot be applied. What was observed before stays, as
     * nothing running was touched.
     */
    public MonitoredDatabaseStatus invalid(MonitoredDatabase database, List<FieldError> errors) {
        MonitoredDatabaseStatus previous = previous(database);
        Long generation = database.getMetadata().getGeneration();
        String message =
                errors.stream()
                        .map(e -> e.field() + ": " + e.reason())
                        .collect(Collectors.joining("; "));
        List<Condition> old = previous.getConditions();
        MonitoredDatabaseStatus status = copyObserved(previous);
        status.setObservedGeneration(generation);
        status.setPhase(Phase.Invalid.name());
        status.setConditions(
                List.of(
                        conditions.condition(
                                old,
                                ConditionType.READY,
                                false,
                                Reason.INVALID_SPEC,
                                message,
                                generation),
                        conditions.condition(
                                old,
                                ConditionType.PROGRESSING,
                                false,
                                Reason.INVALID_SPEC,
                                "The spec is not applied until it is fixed.",
                                generation),
                        conditions.condition(
                                old,
                                ConditionType.DEGRADED,
                                ConditionFactory.isTrue(old, ConditionType.DEGRADED),
                                ConditionFactory.find(old, ConditionType.DEGRADED)
                                        .map(Condition::getReason)
                                        .orElse(Reason.HEALTHY),
                                ConditionFactory.find(old, ConditionType.DEGRADED)
                                        .map(Condition::getMessage)
                                        .orElse(""),
                                generation)));
        return status;
    }

    /**
     * The status after a pass that failed unexpectedly (the API server refused a write, say). What
     * was observed before stays; JOSDK retries the pass with backoff.
     */
    public MonitoredDatabaseStatus failed(MonitoredDatabase database, String message) {
        MonitoredDatabaseStatus previous = previous(database);
        Long generation = database.getMetadata().getGeneration();
        List<Condition> old = previous.getConditions();
        MonitoredDatabaseStatus status = copyObserved(previous);
        status.setObservedGeneration(previous.getObservedGeneration());
        status.setPhase(Phase.Degraded.name());
        status.setConditions(
                List.of(
                        conditions.condition(
                                old,
                                ConditionType.READY,
                                false,
                                Reason.RECONCILE_FAILED,
                                message,
                                generation),
                        conditions.condition(
                                old,
                                ConditionType.PROGRESSING,
                                true,
                                Reason.RECONCILE_FAILED,
                                "Vigil retries with backoff.",
                                generation),
                        conditions.condition(
                                old,
                                ConditionType.DEGRADED,
                                true,
                                Reason.RECONCILE_FAILED,
                                message,
                                generation)));
        return status;
    }

    /** The status after a pass that applied the spec and observed the result. */
    public MonitoredDatabaseStatus observed(
            MonitoredDatabase database, DatabaseObservation observation) {
        MonitoredDatabaseStatus previous = previous(database);
        Long generation = database.getMetadata().getGeneration();
        List<Condition> old = previous.getConditions();
        boolean everReady = previous.getCurrentVersion() != null;
        DatabaseHealth health = observation.health();
        boolean failing = health.state() == DatabaseHealth.State.FAILING;
        boolean ready = observation.podsReady() && health.state() == DatabaseHealth.State.HEALTHY;

        String readyReason;
        String readyMessage;
        if (ready) {
            readyReason = Reason.READY;
            readyMessage = health.message();
        } else if (!observation.podsReady()) {
            // A rollout is only news for a database that ran before; a new one waits for pods.
            readyReason =
                    observation.rolloutComplete() || !everReady
                            ? Reason.PODS_NOT_READY
                            : Reason.ROLLOUT_IN_PROGRESS;
            readyMessage =
                    observation.readyPods()
                            + "/"
                            + observation.desiredMembers()
                            + " database pods ready";
        } else {
            readyReason = health.reason();
            readyMessage = health.message();
        }

        MonitoredDatabaseStatus status = new MonitoredDatabaseStatus();
        status.setObservedGeneration(generation);
        status.setReadyReplicas(observation.readyPods());
        status.setEndpoints(observation.endpoints());
        status.setSecrets(observation.secrets());
        status.setRollout(previous.getRollout());
        status.setCurrentVersion(
                ready ? database.getSpec().getVersion() : previous.getCurrentVersion());
        status.setConditions(
                List.of(
                        conditions.condition(
                                old,
                                ConditionType.READY,
                                ready,
                                readyReason,
                                readyMessage,
                                generation),
                        conditions.condition(
                                old,
                                ConditionType.PROGRESSING,
                                !ready && !failing,
                                ready || failing
                                        ? Reason.CONVERGED
                                        : everReady ? readyReason : Reason.CREATING,
                                ready || failing ? "Nothing left to do." : readyMessage,
                                generation),
                        conditions.condition(
                                old,
                                ConditionType.DEGRADED,
                                failing,
                                failing ? health.reason() : Reason.HEALTHY,
                                failing ? health.message() : "",
                                generation)));
        status.setPhase(phase(ready, failing, everReady).name());
        return status;
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
        return status;
    }
}
