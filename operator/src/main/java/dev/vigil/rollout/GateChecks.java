package dev.vigil.rollout;

import dev.vigil.api.v1alpha1.AnalysisSpec;
import dev.vigil.api.v1alpha1.CheckResult;
import dev.vigil.api.v1alpha1.HealthCheck;
import dev.vigil.api.v1alpha1.HealthGateSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import dev.vigil.rollout.analysis.AnalysisCheck;
import dev.vigil.status.DatabaseHealth;
import dev.vigil.validation.SpecDuration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of the health gate, evaluated on one pass: each check's result for {@code
 * status.rollout.checks}, the hard failures that fail the gate at once, and whether it passed.
 */
final class GateChecks {

    /** Container waiting reasons that mean the image will not run: the change fails at once. */
    static final Set<String> IMAGE_FAILURES =
            Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull");

    static final String CRASH_LOOP = "CrashLoopBackOff";

    private GateChecks() {}

    /**
     * One pass' evaluation.
     *
     * @param checks every applicable check's result
     * @param hardFailures what fails the gate at once
     * @param notPassed the checks that have not passed, with why, for messages
     */
    record Evaluation(List<CheckResult> checks, List<String> hardFailures, List<String> notPassed) {

        boolean passed() {
            return hardFailures.isEmpty() && notPassed.isEmpty();
        }
    }

    /** The checks {@code spec} (defaulted) runs: those it names, or all that apply. */
    static List<HealthCheck> applicable(MonitoredDatabaseSpec spec) {
        HealthGateSpec gate = spec.getHealthGate();
        List<HealthCheck> named =
                gate.getChecks() == null ? Arrays.asList(HealthCheck.values()) : gate.getChecks();
        boolean exporter =
                spec.getExporter() == null
                        || !Boolean.FALSE.equals(spec.getExporter().getEnabled());
        boolean analyses = gate.getAnalysis() != null && !gate.getAnalysis().isEmpty();
        return Arrays.stream(HealthCheck.values())
                .filter(named::contains)
                .filter(c -> c != HealthCheck.ExporterUp || exporter)
                .filter(c -> c != HealthCheck.Analysis || analyses)
                .toList();
    }

    static Evaluation evaluate(
            MonitoredDatabaseSpec spec,
            GateObservation observation,
            List<CheckResult> previous,
            Instant startedAt,
            Instant now) {
        return evaluate(spec, observation, previous, startedAt, now, List.of());
    }

    /**
     * The evaluation of a canary step, whose pods under test are {@code canaryPods} (empty: every
     * member, as without a canary).
     */
    static Evaluation evaluate(
            MonitoredDatabaseSpec spec,
            GateObservation observation,
            List<CheckResult> previous,
            Instant startedAt,
            Instant now,
            List<String> canaryPods) {
        String time = Times.format(now);
        List<CheckResult> checks = new ArrayList<>();
        List<String> hard = new ArrayList<>();
        List<String> notPassed = new ArrayList<>();
        for (HealthCheck check : applicable(spec)) {
            switch (check) {
                case RolloutComplete -> {
                    List<String> failures = hardFailures(spec, observation);
                    hard.addAll(failures);
                    Verdict verdict =
                            failures.isEmpty()
                                    ? rolloutComplete(observation, canaryPods)
                                    : new Verdict(false, String.join("; ", failures));
                    add(checks, notPassed, previous, check.name(), verdict, time);
                }
                case DatabaseHealthy ->
                        add(checks, notPassed, previous, check.name(), database(observation), time);
                case ExporterUp ->
                        add(
                                checks,
                                notPassed,
                                previous,
                                check.name(),
                                new Verdict(
                                        observation.exporter().state() == ExporterReading.State.UP,
                                        observation.exporter().message()),
                                time);
                case Analysis -> {
                    for (AnalysisSpec analysis : spec.getHealthGate().getAnalysis()) {
                        analysis(
                                analysis,
                                observation,
                                previous,
                                startedAt,
                                now,
                                checks,
                                hard,
                                notPassed);
                    }
                }
            }
        }
        return new Evaluation(List.copyOf(checks), List.copyOf(hard), List.copyOf(notPassed));
    }

    private record Verdict(boolean passed, String message) {}

    private static void add(
            List<CheckResult> checks,
            List<String> notPassed,
            List<CheckResult> previous,
            String name,
            Verdict verdict,
            String now) {
        CheckResult result = new CheckResult();
        result.setName(name);
        result.setPassed(verdict.passed());
        result.setMessage(verdict.message());
        result.setSince(
                find(previous, name)
                        .filter(p -> Objects.equals(p.getPassed(), verdict.passed()))
                        .map(CheckResult::getSince)
                        .orElse(now));
        checks.add(result);
        if (!verdict.passed()) {
            notPassed.add(name + " (" + verdict.message() + ")");
        }
    }

    private static void analysis(
            AnalysisSpec analysis,
            GateObservation observation,
            List<CheckResult> previous,
            Instant startedAt,
            Instant now,
            List<CheckResult> checks,
            List<String> hard,
            List<String> notPassed) {
        String name = AnalysisCheck.name(analysis);
        CheckResult result =
                AnalysisCheck.next(
                        analysis,
                        find(previous, name),
                        Optional.ofNullable(observation.measurements().get(analysis.getName())),
                        Times.format(now));
        checks.add(result);
        if (AnalysisCheck.failed(analysis, result)) {
            hard.add(name + ": " + result.getMessage());
        } else if (!Boolean.TRUE.equals(result.getPassed())) {
            notPassed.add(name + " (" + result.getMessage() + ")");
        } else if (analysis.getWindow() != null) {
            Instant heldUntil = startedAt.plus(SpecDuration.parse(analysis.getWindow()));
            if (now.isBefore(heldUntil)) {
                notPassed.add(
                        name + " (holds; its window ends at " + Times.format(heldUntil) + ")");
            }
        }
    }

    /**
     * Pods of the revision under test that will not run: an image that cannot be pulled, or a
     * container crash-looping past {@code healthGate.crashLoopRestartLimit}. Only once the
     * StatefulSet controller has seen the template under test, so that pods of an older revision
     * never count against it.
     */
    static List<String> hardFailures(MonitoredDatabaseSpec spec, GateObservation observation) {
        Optional<StatefulSetObservation> statefulSet = observation.statefulSet();
        if (statefulSet.isEmpty()
                || !statefulSet.get().controllerCaughtUp()
                || statefulSet.get().updateRevision().isEmpty()) {
            return List.of();
        }
        String revision = statefulSet.get().updateRevision().get();
        int restartLimit = spec.getHealthGate().getCrashLoopRestartLimit();
        List<String> failures = new ArrayList<>();
        for (PodObservation pod : observation.pods()) {
            if (!pod.revision().filter(revision::equals).isPresent() || pod.terminating()) {
                continue;
            }
            for (PodObservation.ContainerObservation container : pod.containers()) {
                String waiting = container.waitingReason().orElse("");
                if (IMAGE_FAILURES.contains(waiting)) {
                    failures.add(
                            "pod "
                                    + pod.name()
                                    + ": container "
                                    + container.name()
                                    + " cannot pull its image ("
                                    + waiting
                                    + ")");
                } else if (CRASH_LOOP.equals(waiting) && container.restartCount() >= restartLimit) {
                    failures.add(
                            "pod "
                                    + pod.name()
                                    + ": container "
                                    + container.name()
                                    + " is in CrashLoopBackOff after "
                                    + container.restartCount()
                                    + " restarts (crashLoopRestartLimit "
                                    + restartLimit
                                    + ")");
                }
            }
        }
        return failures;
    }

    private static Verdict rolloutComplete(GateObservation observation, List<String> canaryPods) {
        if (observation.statefulSet().isEmpty()) {
            return new Verdict(false, "the StatefulSet does not exist yet");
        }
        StatefulSetObservation statefulSet = observation.statefulSet().get();
        String revision = statefulSet.updateRevision().orElse("unknown");
        if (!statefulSet.templateApplied()) {
            return new Verdict(false, "the StatefulSet is being updated to this spec");
        }
        if (!statefulSet.controllerCaughtUp()) {
            return new Verdict(
                    false, "the StatefulSet controller has not observed the new template yet");
        }
        String ready = statefulSet.readyReplicas() + "/" + statefulSet.desiredReplicas();
        if (!canaryPods.isEmpty()) {
            return canaryComplete(observation, statefulSet, canaryPods, revision, ready);
        }
        if (statefulSet.rolledOut()) {
            return new Verdict(true, ready + " pods ready at revision " + revision);
        }
        return new Verdict(false, ready + " pods ready; revision " + revision + " rolling out");
    }

    /**
     * A canary step is complete when each of its pods runs ready at the update revision, and every
     * member is ready.
     */
    private static Verdict canaryComplete(
            GateObservation observation,
            StatefulSetObservation statefulSet,
            List<String> canaryPods,
            String revision,
            String ready) {
        List<String> pending = canaryPods.stream().filter(p -> !observation.updated(p)).toList();
        if (!pending.isEmpty()) {
            return new Verdict(
                    false, "canary pods not ready at revision " + revision + " yet: " + pending);
        }
        if (statefulSet.readyReplicas() < statefulSet.desiredReplicas()) {
            return new Verdict(false, ready + " pods ready");
        }
        return new Verdict(
                true,
                canaryPods.size()
                        + " canary pods ready at revision "
                        + revision
                        + ", "
                        + ready
                        + " pods ready");
    }

    private static Verdict database(GateObservation observation) {
        DatabaseHealth health = observation.database();
        return switch (health.state()) {
            case HEALTHY -> new Verdict(true, health.message());
            case NOT_CHECKED -> new Verdict(false, "not asked yet: the pods are not ready");
            case CONVERGING, FAILING ->
                    new Verdict(false, health.reason() + ": " + health.message());
        };
    }

    static Optional<CheckResult> find(List<CheckResult> checks, String name) {
        return checks == null
                ? Optional.empty()
                : checks.stream().filter(c -> name.equals(c.getName())).findFirst();
    }
}
