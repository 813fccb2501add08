package dev.vigil.reconciler;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.engine.DatabaseEngines;
import dev.vigil.engine.EngineOutcome;
import dev.vigil.engine.EngineStep;
import dev.vigil.engine.LiveStatefulSet;
import dev.vigil.engine.PassContext;
import dev.vigil.engine.SecretReferences.Role;
import dev.vigil.metrics.DatabaseMetrics;
import dev.vigil.names.ResourceNames;
import dev.vigil.resources.CertManagerCertificate;
import dev.vigil.resources.NetworkContext;
import dev.vigil.rollout.GateObservation;
import dev.vigil.rollout.GatedStatus;
import dev.vigil.rollout.ObservationPlan;
import dev.vigil.rollout.RolloutDecision;
import dev.vigil.rollout.RolloutInput;
import dev.vigil.rollout.RolloutState;
import dev.vigil.rollout.RolloutStateMachine;
import dev.vigil.rollout.RolloutTarget;
import dev.vigil.rollout.analysis.DatabaseSeries;
import dev.vigil.rollout.analysis.StandardAnalyses;
import dev.vigil.status.ConditionFactory;
import dev.vigil.status.DatabaseObservation;
import dev.vigil.status.DatabaseStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A pass over a database Vigil runs. The named steps, in order: TLS first (pods cannot start
 * without it); refuse what no rollback could undo; rotate the monitoring password when asked; the
 * engine's step against the running members; build and apply the objects; grow the volumes; the
 * monitoring objects. Then the status is computed from what the pass observed, and the health gate
 * ({@link RolloutStateMachine}) judges the rollout and acts on it.
 */
final class ManagedPass {

    /**
     * How soon the pass that decided to roll back is followed by one that re-applies the last
     * stable spec, with the engine's step run against it (MongoDB members leave before pods go).
     */
    static final Duration ROLLBACK_FOLLOW_UP = Duration.ofMillis(100);

    private final PassStep refusedChanges = new RefusedChangesStep();
    private final PassStep monitoringPassword;
    private final PassStep converge;
    private final PassStep apply;
    private final PassStep volumes = new VolumeExpansionStep();
    private final EngineSteps steps;
    private final DatabaseStatusBuilder statusBuilder;
    private final RolloutStateMachine rolloutMachine;
    private final GatedStatus gatedStatus;
    private final HealthGate healthGate;
    private final DatabaseMetrics metrics;
    private final ReconcileIntervals intervals;
    private final BackupReport backups;
    private final RestoreVerifications verifications;
    private final String runbookBaseUrl;

    /**
     * @param runbookBaseUrl where the runbooks of the default alerts are published
     */
    ManagedPass(
            Clock clock,
            CredentialGenerator credentials,
            NetworkContext network,
            EngineSteps steps,
            HealthGate healthGate,
            DatabaseMetrics metrics,
            ReconcileIntervals intervals,
            BackupReport backups,
            String runbookBaseUrl) {
        this.monitoringPassword = new MonitoringPasswordStep(credentials);
        this.converge = new EngineConvergeStep(steps);
        this.apply = new ApplyObjectsStep(clock, credentials, network);
        this.steps = steps;
        this.statusBuilder = new DatabaseStatusBuilder(new ConditionFactory(clock));
        this.rolloutMachine = new RolloutStateMachine(clock, DatabaseEngines::dataCompatibility);
        this.gatedStatus = new GatedStatus(new ConditionFactory(clock));
        this.healthGate = healthGate;
        this.metrics = metrics;
        this.intervals = intervals;
        this.backups = backups;
        this.verifications = new RestoreVerifications(clock);
        this.runbookBaseUrl = runbookBaseUrl;
    }

    PassEnd run(PassContext pass, DatabaseEventSources watched) {
        String namespace = pass.resource().getMetadata().getNamespace();
        StepResult result =
                StepResult.runAll(
                        pass,
                        List.of(
                                new CertManagerStep(
                                        watched.crdInstalled(CertManagerCertificate.CRD)),
                                refusedChanges,
                                monitoringPassword,
                                converge,
                                apply,
                                volumes,
                                new MonitoringStep(watched.policiesIn(namespace), runbookBaseUrl)));
        if (result.stop().isPresent()) {
            return PassEnd.stopped(result.stop().get(), pass.resource(), statusBuilder, intervals);
        }
        DatabaseObservation observation = observe(pass);
        RolloutDecision decision = gate(pass, steps.of(pass.engine()));
        MonitoredDatabaseStatus status =
                gatedStatus.apply(
                        statusBuilder.observed(pass.running(), observation),
                        pass.previous(),
                        decision,
                        generation(pass.resource()));
        backups.read(pass).ifPresent(status::setBackup);
        pass.outcome().restored().ifPresent(status::setRestoredFrom);
        boolean verifying = verifications.update(pass, status);
        if (decision.target() != pass.target() || partitionMoved(pass, status)) {
            return PassEnd.after(status, ROLLBACK_FOLLOW_UP);
        }
        boolean settled =
                decision.state() == RolloutState.Passed
                        || decision.state() == RolloutState.RolledBack;
        Duration next =
                settled ? NextPass.after(observation, intervals) : intervals.whileProgressing();
        if (BackupReport.followed(pass.defaulted())
                && next.compareTo(BackupReport.POLL_INTERVAL) > 0) {
            next = BackupReport.POLL_INTERVAL;
        }
        if (verifying && next.compareTo(RestoreVerifications.WATCH_INTERVAL) > 0) {
            next = RestoreVerifications.WATCH_INTERVAL;
        }
        return PassEnd.after(status, next);
    }

    private DatabaseObservation observe(PassContext pass) {
        MonitoredDatabase database = pass.defaulted();
        Optional<StatefulSet> statefulSet = pass.statefulSet();
        EngineOutcome outcome = pass.outcome();
        return new DatabaseObservation(
                database.getSpec().getReplicas(),
                statefulSet.map(LiveStatefulSet::readyReplicas).orElse(0),
                statefulSet.map(LiveStatefulSet::rolledOut).orElse(false),
                outcome.health(),
                pass.engine().endpoints(database, pass.clusterDomain()),
                pass.secrets().names(),
                outcome.primaryOrdinal().stream()
                        .mapToObj(ordinal -> ResourceNames.memberPod(database, ordinal))
                        .findFirst(),
                outcome.failover(),
                pass.monitoring());
    }

    /** Observes what the gate's plan asks, lets the state machine decide, and acts on it. */
    private RolloutDecision gate(PassContext pass, EngineStep engine) {
        MonitoredDatabase resource = pass.resource();
        MonitoredDatabaseSpec underTest =
                StandardAnalyses.applied(
                        pass.target() == RolloutTarget.SPEC
                                ? pass.defaulted().getSpec()
                                : SchemaDefaults.withDefaults(resource).getSpec(),
                        DatabaseSeries.of(resource),
                        pass.engine().analyses());
        HealthGate.Target target =
                new HealthGate.Target(
                        pass.defaulted(),
                        underTest,
                        pass.members(),
                        pass.metricsAddress(),
                        pass.secrets().credentials(Role.ADMIN),
                        engine);
        ObservationPlan plan =
                rolloutMachine.plan(underTest, pass.previous(), generation(resource));
        GateObservation observed =
                healthGate.observe(
                        plan,
                        target,
                        pass.statefulSet(),
                        pass.templateApplied(),
                        pass.outcome().health(),
                        pass.outcome().primaryOrdinal(),
                        pass.owned());
        RolloutDecision decision =
                rolloutMachine.next(
                        new RolloutInput(resource, underTest, pass.previous(), observed));
        pass.tellAll(healthGate.act(decision, resource, target, pass.client(), metrics));
        return decision;
    }

    /** The canary moved its partition: the next pass applies it at once. */
    private static boolean partitionMoved(PassContext pass, MonitoredDatabaseStatus status) {
        return !ApplyObjectsStep.partition(pass)
                .equals(
                        RolloutStateMachine.partition(
                                Optional.of(status),
                                generation(pass.resource()),
                                pass.defaulted().getSpec(),
                                pass.statefulSet().isPresent()));
    }

    static long generation(MonitoredDatabase resource) {
        Long generation = resource.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }
}
