package dev.vigil.rollout;

import dev.vigil.api.v1alpha1.AnalysisSpec;
import dev.vigil.api.v1alpha1.CanaryStatus;
import dev.vigil.api.v1alpha1.CheckResult;
import dev.vigil.api.v1alpha1.HealthCheck;
import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.api.v1alpha1.RollbackPolicy;
import dev.vigil.api.v1alpha1.RolloutStatus;
import dev.vigil.rollout.analysis.AnalysisCheck;
import dev.vigil.status.ConditionFactory;
import dev.vigil.status.ConditionType;
import dev.vigil.status.DatabaseHealth;
import dev.vigil.status.StatusEvent;
import dev.vigil.validation.SpecDuration;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The health gate and rollback of a Managed database, as a pure function of the resource, the
 * status the last pass computed, what this pass observed and the clock ({@code docs/rollback.md}
 * draws it).
 *
 * <ul>
 *   <li>A new generation is {@link RolloutState#Verifying}: its spec is applied and its checks run.
 *   <li>Every check passes: {@link RolloutState#Passed}, and the spec becomes the last stable one.
 *       For MongoDB, the featureCompatibilityVersion is raised {@code upgrade.fcvSoak} later.
 *   <li>A hard failure (an image that cannot be pulled, a crash loop past {@code
 *       healthGate.crashLoopRestartLimit}, an analysis past its {@code failureLimit}) fails the
 *       gate at once; anything else fails it at {@code healthGate.timeout}. Then, with rollback
 *       Automatic and a last stable spec, {@link RolloutState#RollingBack}: every object is built
 *       from the last stable spec again and the failed revision's stuck pods are deleted; once the
 *       stable revision is ready, {@link RolloutState#RolledBack}, which stays until the spec
 *       changes. With rollback Manual, or when MongoDB's featureCompatibilityVersion is already too
 *       new for the stable binary, {@link RolloutState#Blocked}; with rollback Disabled, or nothing
 *       to roll back to, {@link RolloutState#Failed}. Blocked and Failed still pass if every check
 *       passes later.
 *   <li>A newer generation starts a clean rollout from any state.
 * </ul>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class RolloutStateMachine {

    private static final Set<RolloutState> GATE_OPEN =
            Set.of(RolloutState.Verifying, RolloutState.Blocked, RolloutState.Failed);

    /** States in which a canary keeps its partition: under way, or stopped at a failed step. */
    private static final Set<RolloutState> CANARY_HOLDS = GATE_OPEN;

    private final Clock clock;
    private final Function<MonitoredDatabaseSpec, Optional<DataCompatibility>> compatibility;

    /**
     * @param compatibility the data compatibility of a spec's engine, where its data carries one
     *     (MongoDB's featureCompatibilityVersion); empty for the others
     */
    public RolloutStateMachine(
            Clock clock,
            Function<MonitoredDatabaseSpec, Optional<DataCompatibility>> compatibility) {
        this.clock = clock;
        this.compatibility = compatibility;
    }

    /**
     * The spec a pass builds every object from: the last stable one while the generation is rolled
     * back, the resource's otherwise.
     *
     * @param previous the status the last pass computed
     */
    public static RolloutTarget target(
            Optional<MonitoredDatabaseStatus> previous, long generation) {
        return current(previous, generation)
                        .filter(r -> r.getLastStableSpec() != null)
                        .filter(
                                r ->
                                        state(r) == RolloutState.RollingBack
                                                || state(r) == RolloutState.RolledBack)
                        .isPresent()
                ? RolloutTarget.LAST_STABLE_SPEC
                : RolloutTarget.SPEC;
    }

    /**
     * The StatefulSet partition a pass applies: a canary's while it holds members back, none
     * otherwise (every member follows the template).
     *
     * @param previous the status the last pass computed
     * @param spec the resource's spec with the schema defaults
     * @param statefulSetExists whether the database's StatefulSet exists
     */
    public static OptionalInt partition(
            Optional<MonitoredDatabaseStatus> previous,
            long generation,
            MonitoredDatabaseSpec spec,
            boolean statefulSetExists) {
        Optional<RolloutStatus> current = current(previous, generation);
        if (current.isPresent()) {
            return CANARY_HOLDS.contains(state(current.get()))
                    ? CanaryRollout.partition(current.get())
                    : OptionalInt.empty();
        }
        // A new generation: its first pass holds every member back if it starts a canary.
        String lastStable =
                previous.map(MonitoredDatabaseStatus::getRollout)
                        .map(RolloutStatus::getLastStableSpec)
                        .orElse(null);
        return CanaryRollout.applies(spec, lastStable, statefulSetExists)
                ? OptionalInt.of(spec.getReplicas())
                : OptionalInt.empty();
    }

    /**
     * What a pass must observe for {@link #next}.
     *
     * @param spec the resource's spec with the schema defaults
     * @param previous the status the last pass computed
     */
    public ObservationPlan plan(
            MonitoredDatabaseSpec spec,
            Optional<MonitoredDatabaseStatus> previous,
            long generation) {
        Instant now = clock.instant();
        Optional<RolloutStatus> current = current(previous, generation);
        Optional<RolloutState> state = current.map(RolloutStateMachine::state);
        boolean gateOpen = state.isEmpty() || GATE_OPEN.contains(state.get());
        List<HealthCheck> checks = GateChecks.applicable(spec);
        List<CheckResult> previousChecks = current.map(RolloutStatus::getChecks).orElse(List.of());
        Set<String> analyses =
                !gateOpen || !checks.contains(HealthCheck.Analysis)
                        ? Set.of()
                        : spec.getHealthGate().getAnalysis().stream()
                                .filter(
                                        a ->
                                                AnalysisCheck.due(
                                                        a,
                                                        GateChecks.find(
                                                                previousChecks,
                                                                AnalysisCheck.name(a)),
                                                        now))
                                .map(AnalysisSpec::getName)
                                .collect(Collectors.toSet());
        boolean fcv =
                compatibility.apply(spec).isPresent()
                        && (gateOpen
                                || (state.get() == RolloutState.Passed
                                        && fcvBelowTarget(current.get(), spec)));
        List<String> podsUnderTest =
                current.map(RolloutStatus::getCanary)
                        .filter(c -> c.getStep() != null && !c.getStep().equals(c.getSteps()))
                        .map(c -> c.getMembers() == null ? List.<String>of() : c.getMembers())
                        .orElse(List.of());
        return new ObservationPlan(
                gateOpen || state.get() == RolloutState.RollingBack,
                gateOpen && checks.contains(HealthCheck.ExporterUp),
                analyses,
                fcv,
                podsUnderTest);
    }

    /** The next rollout status, conditions and actions, from {@code input}. */
    public RolloutDecision next(RolloutInput input) {
        Instant now = clock.instant();
        List<RolloutAction> actions = new ArrayList<>();
        Optional<RolloutStatus> current = current(input.previous(), input.generation());
        if (current.isEmpty()) {
            Optional<RolloutStatus> earlier =
                    input.previous().map(MonitoredDatabaseStatus::getRollout);
            if (earlier.isEmpty() && wasReadyAt(input.previous(), input.generation())) {
                return adopt(input, now, actions);
            }
            RolloutStatus started = start(earlier, input.generation(), now);
            CanaryRollout.begin(input, started, now);
            return verify(input, started, now, actions);
        }
        RolloutStatus rollout = copy(current.get());
        input.observation()
                .featureCompatibilityVersion()
                .ifPresent(rollout::setFeatureCompatibilityVersion);
        return switch (state(rollout)) {
            case Verifying -> verify(input, rollout, now, actions);
            case Passed -> passed(input, rollout, now, actions);
            case RollingBack -> rollingBack(input, rollout, now, actions);
            case RolledBack -> decision(input, rollout, actions);
            case Blocked, Failed -> reverify(input, rollout, now, actions);
        };
    }

    /** The rollout of {@code generation} in {@code previous}, when it has one in a known state. */
    private static Optional<RolloutStatus> current(
            Optional<MonitoredDatabaseStatus> previous, long generation) {
        return previous.map(MonitoredDatabaseStatus::getRollout)
                .filter(r -> r.getGeneration() != null && r.getGeneration() == generation)
                .filter(r -> RolloutState.of(r.getState()).isPresent());
    }

    private static RolloutState state(RolloutStatus rollout) {
        return RolloutState.of(rollout.getState()).orElseThrow();
    }

    /** A database that was Ready at this generation before Vigil had a health gate. */
    private static boolean wasReadyAt(Optional<MonitoredDatabaseStatus> previous, long generation) {
        return previous.filter(s -> Objects.equals(s.getObservedGeneration(), generation))
                .filter(s -> ConditionFactory.isTrue(s.getConditions(), ConditionType.READY))
                .isPresent();
    }

    private RolloutDecision adopt(RolloutInput input, Instant now, List<RolloutAction> actions) {
        RolloutStatus rollout = new RolloutStatus();
        String time = Times.format(now);
        rollout.setGeneration(input.generation());
        rollout.setStartedAt(time);
        rollout.setChecks(List.of());
        input.observation()
                .featureCompatibilityVersion()
                .ifPresent(rollout::setFeatureCompatibilityVersion);
        becomeStable(input, rollout, time, RolloutMessages.ADOPTED);
        rollout.setMessage(String.format(RolloutMessages.MSG_ADOPTED, input.generation()));
        return passed(input, rollout, now, actions);
    }

    /** A clean rollout of {@code generation}, keeping what outlives rollouts. */
    private static RolloutStatus start(
            Optional<RolloutStatus> earlier, long generation, Instant now) {
        RolloutStatus rollout = new RolloutStatus();
        String time = Times.format(now);
        rollout.setGeneration(generation);
        rollout.setState(RolloutState.Verifying.name());
        rollout.setReason(RolloutMessages.VERIFYING);
        rollout.setStartedAt(time);
        rollout.setChecks(List.of());
        earlier.ifPresent(
                e -> {
                    rollout.setLastStableSpec(e.getLastStableSpec());
                    rollout.setLastStableGeneration(e.getLastStableGeneration());
                    rollout.setLastStableSpecHash(e.getLastStableSpecHash());
                    rollout.setFailedRevision(e.getFailedRevision());
                    rollout.setFeatureCompatibilityVersion(e.getFeatureCompatibilityVersion());
                    rollout.setHistory(e.getHistory());
                    Optional<RolloutState> state = RolloutState.of(e.getState());
                    if (e.getGeneration() != null
                            && e.getGeneration() != generation
                            && (state.equals(Optional.of(RolloutState.Verifying))
                                    || state.equals(Optional.of(RolloutState.RollingBack)))) {
                        rollout.setHistory(
                                RolloutHistory.append(
                                        e.getHistory(),
                                        e.getGeneration(),
                                        e.getStartedAt(),
                                        time,
                                        RolloutMessages.OUTCOME_SUPERSEDED,
                                        "generation " + generation + " arrived"));
                    }
                });
        return rollout;
    }

    private RolloutDecision verify(
            RolloutInput input, RolloutStatus rollout, Instant now, List<RolloutAction> actions) {
        input.observation()
                .featureCompatibilityVersion()
                .ifPresent(rollout::setFeatureCompatibilityVersion);
        if (rollout.getCanary() != null) {
            return canary(input, rollout, now, actions);
        }
        Instant startedAt = Times.parse(rollout.getStartedAt());
        GateChecks.Evaluation evaluation =
                GateChecks.evaluate(
                        input.spec(), input.observation(), rollout.getChecks(), startedAt, now);
        rollout.setChecks(evaluation.checks());
        deleteStuckPods(input, rollout, actions);
        if (!evaluation.hardFailures().isEmpty()) {
            return fail(
                    input,
                    rollout,
                    now,
                    String.format(
                            RolloutMessages.MSG_HARD_FAILURE,
                            String.join("; ", evaluation.hardFailures())),
                    actions);
        }
        if (evaluation.passed()) {
            return pass(input, rollout, now, actions);
        }
        String timeout = input.spec().getHealthGate().getTimeout();
        Instant deadline = startedAt.plus(SpecDuration.parse(timeout));
        if (!now.isBefore(deadline)) {
            return fail(
                    input,
                    rollout,
                    now,
                    String.format(
                            RolloutMessages.MSG_TIMED_OUT,
                            timeout,
                            String.join("; ", evaluation.notPassed())),
                    actions);
        }
        rollout.setState(RolloutState.Verifying.name());
        rollout.setReason(RolloutMessages.VERIFYING);
        rollout.setMessage(
                String.format(
                        RolloutMessages.MSG_VERIFYING,
                        input.generation(),
                        String.join("; ", evaluation.notPassed()),
                        Times.format(deadline)));
        return decision(input, rollout, actions);
    }

    /** A canary rollout's pass: its step moves on, fails, or (the last one) passes. */
    private RolloutDecision canary(
            RolloutInput input, RolloutStatus rollout, Instant now, List<RolloutAction> actions) {
        deleteStuckPods(input, rollout, actions);
        CanaryRollout.Outcome outcome = CanaryRollout.advance(input, rollout, now, actions);
        if (outcome instanceof CanaryRollout.Outcome.Failed failed) {
            rollout.getCanary().setHandOverTo(null);
            RolloutDecision decision = fail(input, rollout, now, failed.why(), actions);
            if (decision.state() == RolloutState.RollingBack
                    || decision.state() == RolloutState.RolledBack) {
                // The stable template comes back whole: no partition holds the canary on it.
                rollout.setCanary(null);
            }
            return decision(input, rollout, actions);
        }
        if (outcome instanceof CanaryRollout.Outcome.Passed) {
            rollout.setCanary(null);
            return pass(input, rollout, now, actions);
        }
        rollout.setState(RolloutState.Verifying.name());
        rollout.setReason(RolloutMessages.VERIFYING);
        rollout.setMessage(((CanaryRollout.Outcome.Waiting) outcome).message());
        return decision(input, rollout, actions);
    }

    /** Blocked or Failed: the failed spec stays, and passes if every check passes after all. */
    private RolloutDecision reverify(
            RolloutInput input, RolloutStatus rollout, Instant now, List<RolloutAction> actions) {
        CanaryStatus canary = rollout.getCanary();
        GateChecks.Evaluation evaluation =
                GateChecks.evaluate(
                        input.spec(),
                        input.observation(),
                        rollout.getChecks(),
                        Times.parse(
                                canary == null
                                        ? rollout.getStartedAt()
                                        : canary.getStepStartedAt()),
                        now,
                        canary == null || canary.getStep().equals(canary.getSteps())
                                ? List.of()
                                : canary.getMembers());
        rollout.setChecks(evaluation.checks());
        deleteStuckPods(input, rollout, actions);
        if (evaluation.passed() && canary != null) {
            // The step it stopped at passes after all: the canary goes on from there.
            canary.setStepStartedAt(Times.format(now));
            canary.setStepPassedAt(null);
            rollout.setFinishedAt(null);
            return canary(input, rollout, now, actions);
        }
        if (evaluation.passed()) {
            return pass(input, rollout, now, actions);
        }
        return decision(input, rollout, actions);
    }

    private RolloutDecision pass(
            RolloutInput input, RolloutStatus rollout, Instant now, List<RolloutAction> actions) {
        String time = Times.format(now);
        List<String> names = rollout.getChecks().stream().map(CheckResult::getName).toList();
        becomeStable(input, rollout, time, RolloutMessages.PASSED);
        rollout.setMessage(
                String.format(
                        RolloutMessages.MSG_PASSED,
                        input.generation(),
                        names.isEmpty() ? "no check applies" : String.join(", ", names)));
        actions.add(
                new RolloutAction.RecordEvent(
                        StatusEvent.normal(
                                RolloutMessages.EVENT_HEALTH_GATE_PASSED, rollout.getMessage())));
        return passed(input, rollout, now, actions);
    }

    private static void becomeStable(
            RolloutInput input, RolloutStatus rollout, String time, String reason) {
        String spec = LastStableSpec.serialize(input.resource().getSpec());
        rollout.setState(RolloutState.Passed.name());
        rollout.setReason(reason);
        rollout.setFinishedAt(time);
        rollout.setLastStableSpec(spec);
        rollout.setLastStableSpecHash(LastStableSpec.hash(spec));
        rollout.setLastStableGeneration(input.generation());
        rollout.setFailedRevision(null);
        rollout.setRolledBackFrom(null);
        rollout.setHistory(
                RolloutHistory.append(
                        rollout.getHistory(),
                        input.generation(),
                        rollout.getStartedAt(),
                        time,
                        RolloutMessages.OUTCOME_SUCCEEDED,
                        reason));
    }

    /** Passed: raises MongoDB's featureCompatibilityVersion once the soak is over. */
    private RolloutDecision passed(
            RolloutInput input, RolloutStatus rollout, Instant now, List<RolloutAction> actions) {
        Optional<Instant> raiseAt = fcvRaiseAt(input, rollout);
        if (raiseAt.isPresent()
                && !now.isBefore(raiseAt.get())
                && input.observation().featureCompatibilityVersion().isPresent()
                && input.observation().database().state() == DatabaseHealth.State.HEALTHY) {
            actions.add(
                    new RolloutAction.RaiseFeatureCompatibilityVersion(
                            rollout.getFeatureCompatibilityVersion(),
                            compatibility
                                    .apply(input.spec())
                                    .orElseThrow()
                                    .of(input.spec().getVersion())));
        }
        return decision(input, rollout, actions);
    }

    /** When the featureCompatibilityVersion is due to be raised, if it is below the version's. */
    private Optional<Instant> fcvRaiseAt(RolloutInput input, RolloutStatus rollout) {
        if (compatibility.apply(input.spec()).isEmpty()
                || rollout.getFeatureCompatibilityVersion() == null
                || !fcvBelowTarget(rollout, input.spec())) {
            return Optional.empty();
        }
        return Optional.of(
                Times.parse(rollout.getFinishedAt())
                        .plus(SpecDuration.parse(input.spec().getUpgrade().getFcvSoak())));
    }

    private boolean fcvBelowTarget(RolloutStatus rollout, MonitoredDatabaseSpec spec) {
        if (rollout.getFeatureCompatibilityVersion() == null) {
            return true;
        }
        DataCompatibility data = compatibility.apply(spec).orElseThrow();
        return data.compare(rollout.getFeatureCompatibilityVersion(), data.of(spec.getVersion()))
                < 0;
    }

    private RolloutDecision fail(
            RolloutInput input,
            RolloutStatus rollout,
            Instant now,
            String why,
            List<RolloutAction> actions) {
        rollout.setFinishedAt(Times.format(now));
        rollout.setMessage(why);
        input.observation()
                .statefulSet()
                .filter(StatefulSetObservation::controllerCaughtUp)
                .flatMap(StatefulSetObservation::updateRevision)
                .ifPresent(rollout::setFailedRevision);
        actions.add(
                new RolloutAction.RecordGateFailure(
                        Duration.between(Times.parse(rollout.getStartedAt()), now)));
        RollbackPolicy policy = input.spec().getHealthGate().getRollback();
        if (policy == RollbackPolicy.Disabled) {
            return stay(
                    input,
                    rollout,
                    RolloutState.Failed,
                    RolloutMessages.ROLLBACK_DISABLED,
                    actions);
        }
        if (rollout.getLastStableSpec() == null) {
            return stay(
                    input, rollout, RolloutState.Failed, RolloutMessages.NO_STABLE_SPEC, actions);
        }
        if (LastStableSpec.hash(LastStableSpec.serialize(input.resource().getSpec()))
                .equals(rollout.getLastStableSpecHash())) {
            return stay(
                    input,
                    rollout,
                    RolloutState.Failed,
                    RolloutMessages.SAME_AS_STABLE_SPEC,
                    actions);
        }
        if (policy == RollbackPolicy.Manual) {
            return stay(
                    input, rollout, RolloutState.Blocked, RolloutMessages.ROLLBACK_MANUAL, actions);
        }
        if (rollbackRefused(input, rollout)) {
            return stay(
                    input,
                    rollout,
                    RolloutState.Blocked,
                    RolloutMessages.ROLLBACK_REFUSED,
                    actions);
        }
        rollout.setState(RolloutState.RollingBack.name());
        rollout.setReason(RolloutMessages.HEALTH_GATE_FAILED);
        rollout.setRolledBackFrom(input.generation());
        actions.add(
                new RolloutAction.RecordEvent(
                        StatusEvent.normal(
                                RolloutMessages.EVENT_ROLLING_BACK,
                                rolledBack(input, rollout).message())));
        return decision(input, rollout, actions);
    }

    /** The featureCompatibilityVersion is newer than the last stable spec's binary can run. */
    private boolean rollbackRefused(RolloutInput input, RolloutStatus rollout) {
        return rollout.getFeatureCompatibilityVersion() != null
                && compatibility
                        .apply(input.spec())
                        .flatMap(
                                data ->
                                        data.tooNewFor(
                                                rollout.getFeatureCompatibilityVersion(),
                                                stableVersion(rollout)))
                        .isPresent();
    }

    private static String stableVersion(RolloutStatus rollout) {
        return LastStableSpec.parse(rollout.getLastStableSpec()).getVersion();
    }

    /** A failed gate without a rollback: Blocked or Failed, reported once. */
    private RolloutDecision stay(
            RolloutInput input,
            RolloutStatus rollout,
            RolloutState state,
            String reason,
            List<RolloutAction> actions) {
        rollout.setState(state.name());
        rollout.setReason(reason);
        rollout.setHistory(
                RolloutHistory.append(
                        rollout.getHistory(),
                        input.generation(),
                        rollout.getStartedAt(),
                        rollout.getFinishedAt(),
                        state == RolloutState.Blocked
                                ? RolloutMessages.OUTCOME_BLOCKED
                                : RolloutMessages.OUTCOME_FAILED,
                        reason));
        actions.add(
                new RolloutAction.RecordEvent(
                        StatusEvent.warning(
                                RolloutMessages.EVENT_HEALTH_GATE_FAILED,
                                healthGate(input, rollout).message()
                                        + "; "
                                        + rolledBack(input, rollout).message())));
        return decision(input, rollout, actions);
    }

    private RolloutDecision rollingBack(
            RolloutInput input, RolloutStatus rollout, Instant now, List<RolloutAction> actions) {
        List<String> stuck = deleteStuckPods(input, rollout, actions);
        boolean stableReady =
                input.observation()
                        .statefulSet()
                        .map(StatefulSetObservation::rolledOut)
                        .orElse(false);
        if (stableReady && stuck.isEmpty()) {
            rollout.setState(RolloutState.RolledBack.name());
            rollout.setHistory(
                    RolloutHistory.append(
                            rollout.getHistory(),
                            input.generation(),
                            rollout.getStartedAt(),
                            Times.format(now),
                            RolloutMessages.OUTCOME_ROLLED_BACK,
                            rollout.getReason()));
            actions.add(
                    new RolloutAction.RecordEvent(
                            StatusEvent.warning(
                                    RolloutMessages.EVENT_ROLLED_BACK,
                                    rolledBack(input, rollout).message())));
            actions.add(new RolloutAction.CountRollback());
        }
        return decision(input, rollout, actions);
    }

    /** Asks for the failed revision's stuck pods to be deleted; returns them. */
    private static List<String> deleteStuckPods(
            RolloutInput input, RolloutStatus rollout, List<RolloutAction> actions) {
        List<String> stuck =
                StuckPods.of(
                        input.observation().statefulSet(),
                        input.observation().pods(),
                        rollout.getFailedRevision());
        if (!stuck.isEmpty()) {
            actions.add(new RolloutAction.DeletePods(stuck, rollout.getFailedRevision()));
            actions.add(
                    new RolloutAction.RecordEvent(
                            StatusEvent.normal(
                                    RolloutMessages.EVENT_STUCK_PODS_DELETED,
                                    String.format(
                                            RolloutMessages.MSG_STUCK_PODS_DELETED,
                                            stuck,
                                            rollout.getFailedRevision()))));
        }
        return stuck;
    }

    /** The decision for {@code rollout} as it now is: its target and conditions. */
    private RolloutDecision decision(
            RolloutInput input, RolloutStatus rollout, List<RolloutAction> actions) {
        RolloutState state = state(rollout);
        RolloutTarget target =
                state == RolloutState.RollingBack || state == RolloutState.RolledBack
                        ? RolloutTarget.LAST_STABLE_SPEC
                        : RolloutTarget.SPEC;
        return new RolloutDecision(
                rollout,
                state,
                target,
                healthGate(input, rollout),
                rolledBack(input, rollout),
                actions);
    }

    /** The HealthGate condition of {@code rollout}. */
    private ConditionVerdict healthGate(RolloutInput input, RolloutStatus rollout) {
        return switch (state(rollout)) {
            case Verifying ->
                    new ConditionVerdict(false, RolloutMessages.VERIFYING, rollout.getMessage());
            case Passed ->
                    new ConditionVerdict(
                            true,
                            rollout.getReason(),
                            rollout.getMessage() + fcvNote(input, rollout));
            case RollingBack, RolledBack, Blocked, Failed ->
                    new ConditionVerdict(
                            false,
                            RolloutMessages.HEALTH_GATE_FAILED,
                            String.format(
                                    RolloutMessages.MSG_FAILED,
                                    input.generation(),
                                    rollout.getMessage()));
        };
    }

    /** The RolledBack condition of {@code rollout}. */
    private static ConditionVerdict rolledBack(RolloutInput input, RolloutStatus rollout) {
        long generation = input.generation();
        return switch (state(rollout)) {
            case Verifying, Passed ->
                    new ConditionVerdict(
                            false,
                            RolloutMessages.NOT_ROLLED_BACK,
                            String.format(RolloutMessages.MSG_NOT_ROLLED_BACK, generation));
            case RollingBack ->
                    new ConditionVerdict(
                            false,
                            RolloutMessages.ROLLING_BACK,
                            String.format(
                                    RolloutMessages.MSG_ROLLING_BACK,
                                    generation,
                                    rollout.getMessage(),
                                    rollout.getLastStableGeneration()));
            case RolledBack ->
                    new ConditionVerdict(
                            true,
                            RolloutMessages.HEALTH_GATE_FAILED,
                            String.format(
                                    RolloutMessages.MSG_ROLLED_BACK,
                                    generation,
                                    rollout.getMessage(),
                                    rollout.getLastStableGeneration()));
            case Blocked, Failed ->
                    new ConditionVerdict(false, rollout.getReason(), whyNoRollback(input, rollout));
        };
    }

    private static String whyNoRollback(RolloutInput input, RolloutStatus rollout) {
        long generation = input.generation();
        return switch (rollout.getReason()) {
            case RolloutMessages.ROLLBACK_MANUAL ->
                    String.format(
                            RolloutMessages.MSG_ROLLBACK_MANUAL,
                            generation,
                            rollout.getLastStableGeneration());
            case RolloutMessages.ROLLBACK_DISABLED ->
                    String.format(RolloutMessages.MSG_ROLLBACK_DISABLED, generation);
            case RolloutMessages.SAME_AS_STABLE_SPEC ->
                    String.format(
                            RolloutMessages.MSG_SAME_AS_STABLE_SPEC,
                            generation,
                            rollout.getLastStableGeneration());
            case RolloutMessages.ROLLBACK_REFUSED ->
                    String.format(
                            RolloutMessages.MSG_ROLLBACK_REFUSED,
                            rollout.getLastStableGeneration(),
                            stableVersion(rollout),
                            rollout.getFeatureCompatibilityVersion());
            default -> String.format(RolloutMessages.MSG_NO_STABLE_SPEC, generation);
        };
    }

    /** While the featureCompatibilityVersion waits for its soak, the HealthGate message says so. */
    private String fcvNote(RolloutInput input, RolloutStatus rollout) {
        return fcvRaiseAt(input, rollout)
                .map(
                        at ->
                                String.format(
                                        RolloutMessages.MSG_FCV_SOAKING,
                                        rollout.getFeatureCompatibilityVersion(),
                                        compatibility
                                                .apply(input.spec())
                                                .orElseThrow()
                                                .of(input.spec().getVersion()),
                                        Times.format(at)))
                .orElse("");
    }

    private static RolloutStatus copy(RolloutStatus rollout) {
        return Serialization.jsonMapper().convertValue(rollout, RolloutStatus.class);
    }
}
