package dev.vigil.reconciler;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.metrics.DatabaseMetrics;
import dev.vigil.status.ConditionFactory;
import dev.vigil.status.ConditionType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notices when a new generation starts rolling out and when it becomes Ready, for the rollout
 * counter and the health-gate durations of {@link DatabaseMetrics}. It lives in memory: after an
 * operator restart, a rollout in progress is counted from the first pass that sees it.
 */
final class RolloutTracker {

    private record Rollout(long generation, Instant startedAt, boolean passed) {}

    private final Clock clock;
    private final DatabaseMetrics metrics;
    private final Map<String, Rollout> rollouts = new ConcurrentHashMap<>();

    RolloutTracker(Clock clock, DatabaseMetrics metrics) {
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Called with each status computed for {@code resource} (as read at the start of a pass). */
    void observe(MonitoredDatabase resource, MonitoredDatabaseStatus status) {
        Long generation = resource.getMetadata().getGeneration();
        if (generation == null) {
            return;
        }
        String uid = resource.getMetadata().getUid();
        Rollout rollout = rollouts.get(uid);
        boolean newGeneration =
                resource.getStatus() == null
                        || !Objects.equals(
                                resource.getStatus().getObservedGeneration(), generation);
        if ((rollout == null || rollout.generation() != generation) && newGeneration) {
            rollout = new Rollout(generation, clock.instant(), false);
            rollouts.put(uid, rollout);
            metrics.rolloutStarted(resource);
        }
        if (rollout != null
                && rollout.generation() == generation
                && !rollout.passed()
                && ConditionFactory.isTrue(status.getConditions(), ConditionType.READY)) {
            rollouts.put(uid, new Rollout(generation, rollout.startedAt(), true));
            metrics.healthGate(
                    resource, "passed", Duration.between(rollout.startedAt(), clock.instant()));
        }
    }
}
