package dev.vigil.reconciler;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.engine.DatabaseClients;
import dev.vigil.engine.DatabaseEngine;
import dev.vigil.engine.DatabaseEngines;
import dev.vigil.engine.OwnedResources;
import dev.vigil.engine.PassContext;
import dev.vigil.engine.SecretReferences;
import dev.vigil.metrics.DatabaseMetrics;
import dev.vigil.monitoring.MonitoringResources;
import dev.vigil.rollout.LastStableSpec;
import dev.vigil.rollout.RolloutStateMachine;
import dev.vigil.rollout.RolloutTarget;
import dev.vigil.rollout.analysis.AnalysisRules;
import dev.vigil.runtime.OperatorSettings;
import dev.vigil.status.ConditionFactory;
import dev.vigil.status.DatabaseStatusBuilder;
import dev.vigil.status.EventRecorder;
import dev.vigil.status.StatusEvent;
import dev.vigil.status.StatusTransitions;
import dev.vigil.validation.FieldError;
import dev.vigil.validation.MonitoredDatabaseValidator;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a {@link MonitoredDatabase} into its running, monitored database, and reports the truth
 * about it in status.
 *
 * <p>Each pass validates the spec (an invalid spec changes nothing that runs and is not retried);
 * picks the spec to run (the resource's, or the last stable one while a failed generation is rolled
 * back); reads the Secrets the database's engine declares; then runs the engine's pass, a {@link
 * ManagedPass} for a database Vigil runs or an {@link ExternalPass} for one it watches. At the end
 * it records an Event for each transition and writes the status only if it changed ({@link
 * StatusPatch}).
 */
@ControllerConfiguration(name = MonitoredDatabaseReconciler.NAME)
public class MonitoredDatabaseReconciler implements Reconciler<MonitoredDatabase> {

    /** The controller's name, in logs and metrics. */
    public static final String NAME = "monitoreddatabase";

    private final OperatorSettings settings;
    private final Clock clock;
    private final ReconcileIntervals intervals;
    private final DatabaseMetrics metrics;
    private final MeterSweep meterSweep;
    private final RolloutTracker rollouts;
    private final DatabaseStatusBuilder statusBuilder;
    private final ManagedPass managed;
    private final ExternalPass external;
    private final MonitoredDatabaseValidator validator = new MonitoredDatabaseValidator();
    private final AtomicLong passes = new AtomicLong();
    private final MonitoringWatches monitoringWatches = new MonitoringWatches();

    public MonitoredDatabaseReconciler(
            OperatorSettings settings,
            DatabaseClients clients,
            CredentialGenerator credentials,
            Clock clock,
            ReconcileIntervals intervals,
            DatabaseMetrics metrics) {
        this.settings = settings;
        this.clock = clock;
        this.intervals = intervals;
        this.metrics = metrics;
        this.rollouts = new RolloutTracker(clock, metrics);
        this.meterSweep = new MeterSweep(metrics);
        this.statusBuilder = new DatabaseStatusBuilder(new ConditionFactory(clock));
        EngineSteps steps = new EngineSteps(clients, clock);
        this.managed =
                new ManagedPass(
                        clock,
                        credentials,
                        settings.network(),
                        steps,
                        new HealthGate(clients),
                        metrics,
                        intervals,
                        new BackupReport(clients.backups()),
                        settings.runbookBaseUrl());
        this.external =
                new ExternalPass(
                        clock,
                        credentials,
                        settings.network(),
                        steps,
                        statusBuilder,
                        intervals,
                        settings.runbookBaseUrl());
    }

    /** See {@link DatabaseEventSources}. */
    @Override
    public List<EventSource<?, MonitoredDatabase>> prepareEventSources(
            EventSourceContext<MonitoredDatabase> context) {
        return DatabaseEventSources.prepare(context);
    }

    /** One pass over a database; see the class comment. */
    @Override
    public UpdateControl<MonitoredDatabase> reconcile(
            MonitoredDatabase resource, Context<MonitoredDatabase> context) {
        passes.incrementAndGet();
        meterSweep.maybeSweep(() -> context.getPrimaryCache().list());
        PassEnd end;
        PassContext pass = null;
        List<FieldError> errors = validate(resource);
        if (!errors.isEmpty()) {
            end = stopped(StepResult.Kind.INVALID, errors, false, resource);
        } else {
            pass = pass(resource, context);
            List<FieldError> problems = pass.secrets().problems();
            end =
                    !problems.isEmpty()
                            ? stopped(StepResult.Kind.INVALID, problems, true, resource)
                            : pass.engine().runsMembers()
                                    ? managed.run(pass, DatabaseEventSources.of(context))
                                    : external.run(pass, DatabaseEventSources.of(context));
        }
        finish(resource, end.status(), pass == null ? List.of() : pass.events(), context);
        UpdateControl<MonitoredDatabase> control = UpdateControl.noUpdate();
        return end.requeue().map(control::rescheduleAfter).orElse(control);
    }

    /** The schema, Vigil's own rules, and the health gate's analyses. */
    private List<FieldError> validate(MonitoredDatabase resource) {
        List<FieldError> errors =
                validator.validate(Serialization.jsonMapper().valueToTree(resource));
        return errors.isEmpty()
                ? AnalysisRules.check(
                        resource,
                        // The engine depends on engine and mode only, an unset mode being Managed.
                        DatabaseEngines.of(resource.getSpec()).analyses(),
                        MonitoringResources.SYNTAX_CHECK)
                : errors;
    }

    /**
     * Names the pass once: the spec to run (the resource's, or the last stable one while a failed
     * generation is rolled back), its defaulted form, its engine, what it owns and its Secrets.
     */
    private PassContext pass(MonitoredDatabase resource, Context<MonitoredDatabase> context) {
        Optional<MonitoredDatabaseStatus> previous = Optional.ofNullable(resource.getStatus());
        RolloutTarget target =
                RolloutStateMachine.target(previous, ManagedPass.generation(resource));
        MonitoredDatabase running =
                target == RolloutTarget.LAST_STABLE_SPEC
                        ? LastStableSpec.restore(resource, previous.orElseThrow().getRollout())
                        : resource;
        MonitoredDatabase defaulted = SchemaDefaults.withDefaults(running);
        DatabaseEngine engine = DatabaseEngines.of(defaulted.getSpec());
        OwnedResources owned =
                OwnedResources.from(
                        context,
                        resource,
                        monitoringWatches.follow(
                                DatabaseEventSources.of(context).prometheusOperatorInstalled(),
                                context));
        return new PassContext(
                resource,
                running,
                defaulted,
                target,
                previous,
                engine,
                owned,
                SecretReferences.resolve(defaulted, engine, owned, context.getClient()),
                context.getClient(),
                settings.clusterDomain());
    }

    private PassEnd stopped(
            StepResult.Kind kind,
            List<FieldError> errors,
            boolean retryLater,
            MonitoredDatabase resource) {
        return PassEnd.stopped(
                new StepResult.Stop(kind, "", errors, retryLater),
                resource,
                statusBuilder,
                intervals);
    }

    /**
     * Records the pass's Events and one per status transition, the metrics, and writes the status
     * if it changed.
     */
    private void finish(
            MonitoredDatabase resource,
            MonitoredDatabaseStatus status,
            List<StatusEvent> told,
            Context<MonitoredDatabase> context) {
        EventRecorder recorder = new EventRecorder(context.getClient(), clock);
        told.forEach(e -> recorder.record(resource, e));
        StatusTransitions.between(resource.getStatus(), status)
                .forEach(e -> recorder.record(resource, e));
        metrics.record(resource, status);
        rollouts.observe(resource, status);
        StatusPatch.write(resource, status, context, MonitoredDatabase::new);
    }

    /** How many passes ran; tests wait on it instead of sleeping. */
    public long passes() {
        return passes.get();
    }
}
