package dev.vigil.reconciler;

import dev.vigil.api.v1alpha1.DatabaseEndpoints;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.engine.DatabaseResources;
import dev.vigil.engine.mongodb.MongoReplicaSetClient;
import dev.vigil.model.BuildContext;
import dev.vigil.model.CredentialGenerator;
import dev.vigil.model.DatabasePorts;
import dev.vigil.model.DesiredResources;
import dev.vigil.model.ResourceNames;
import dev.vigil.model.SchemaDefaults;
import dev.vigil.model.StandardLabels;
import dev.vigil.model.validation.ChangeRules;
import dev.vigil.model.validation.FieldError;
import dev.vigil.model.validation.MonitoredDatabaseValidator;
import dev.vigil.model.validation.RefusedChange;
import dev.vigil.reconciler.apply.ResourceApplier;
import dev.vigil.runtime.OperatorSettings;
import dev.vigil.status.ConditionFactory;
import dev.vigil.status.DatabaseHealth;
import dev.vigil.status.DatabaseObservation;
import dev.vigil.status.DatabaseStatusBuilder;
import dev.vigil.status.EventRecorder;
import dev.vigil.status.StatusEvent;
import dev.vigil.status.StatusTransitions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a {@link MonitoredDatabase} into its running, monitored database, and reports the truth
 * about it in status.
 *
 * <p>Each pass runs the same steps: validate the spec (an invalid spec changes nothing that runs
 * and is not retried); create the generated Secrets once; bring the replica set toward the spec;
 * apply every other object, writing only what differs; compute the status; record an Event for each
 * transition; patch the status only if it changed.
 */
@ControllerConfiguration(name = MonitoredDatabaseReconciler.NAME)
public class MonitoredDatabaseReconciler implements Reconciler<MonitoredDatabase> {

    /** The controller's name, in logs and metrics. */
    public static final String NAME = "monitoreddatabase";

    private final OperatorSettings settings;
    private final CredentialGenerator credentials;
    private final Clock clock;
    private final ReconcileIntervals intervals;
    private final MongoReplicaSetStep replicaSetStep;
    private final DatabaseStatusBuilder statusBuilder;
    private final MonitoredDatabaseValidator validator = new MonitoredDatabaseValidator();
    private final AtomicLong passes = new AtomicLong();
    // database uid -> the status last computed for it, to tell each transition once. An entry
    // outlives its database until the operator restarts: one small object per deleted database.
    private final Map<String, MonitoredDatabaseStatus> lastComputed = new ConcurrentHashMap<>();

    public MonitoredDatabaseReconciler(
            OperatorSettings settings,
            MongoReplicaSetClient mongo,
            CredentialGenerator credentials,
            Clock clock,
            ReconcileIntervals intervals) {
        this.settings = settings;
        this.credentials = credentials;
        this.clock = clock;
        this.intervals = intervals;
        this.replicaSetStep = new MongoReplicaSetStep(mongo);
        this.statusBuilder = new DatabaseStatusBuilder(new ConditionFactory(clock));
    }

    /** Watches the kinds a database owns, Vigil's own objects only, mapped by owner reference. */
    @Override
    public List<EventSource<?, MonitoredDatabase>> prepareEventSources(
            EventSourceContext<MonitoredDatabase> context) {
        List<EventSource<?, MonitoredDatabase>> sources = new ArrayList<>();
        for (Class<? extends HasMetadata> kind : OwnedResources.KINDS) {
            sources.add(informer(kind, context));
        }
        return sources;
    }

    private static <R extends HasMetadata> InformerEventSource<R, MonitoredDatabase> informer(
            Class<R> kind, EventSourceContext<MonitoredDatabase> context) {
        return new InformerEventSource<>(
                InformerEventSourceConfiguration.from(kind, MonitoredDatabase.class)
                        .withLabelSelector(
                                StandardLabels.MANAGED_BY + "=" + StandardLabels.MANAGED_BY_VIGIL)
                        .withSecondaryToPrimaryMapper(
                                Mappers.fromOwnerReferences(MonitoredDatabase.class))
                        .withNamespacesInheritedFromController()
                        .build(),
                context);
    }

    /** One pass over a database; see the class comment for the steps. */
    @Override
    public UpdateControl<MonitoredDatabase> reconcile(
            MonitoredDatabase resource, Context<MonitoredDatabase> context) {
        passes.incrementAndGet();
        KubernetesClient client = context.getClient();
        List<FieldError> errors =
                validator.validate(Serialization.jsonMapper().valueToTree(resource));
        if (!errors.isEmpty()) {
            // Not retried: nothing changes until the spec does.
            return finish(resource, statusBuilder.invalid(resource, errors), client, List.of());
        }
        MonitoredDatabase database = SchemaDefaults.withDefaults(resource);
        OwnedResources owned = OwnedResources.from(context);
        SecretReferences secrets = SecretReferences.resolve(database, owned, client);
        if (!secrets.problems().isEmpty()) {
            return finish(
                            resource,
                            statusBuilder.invalid(resource, secrets.problems()),
                            client,
                            List.of())
                    .rescheduleAfter(intervals.whileReferenceMissing());
        }

        Optional<StatefulSet> statefulSet =
                owned.find(StatefulSet.class, ResourceNames.statefulSet(database));
        List<RefusedChange> refused =
                ChangeRules.check(database, LiveStatefulSet.deployed(statefulSet));
        if (!refused.isEmpty()) {
            // Not retried either: what runs keeps running until the spec changes.
            return finish(
                    resource,
                    statusBuilder.refused(
                            resource,
                            refused.get(0).conditionReason(),
                            refused.stream().map(RefusedChange::error).toList()),
                    client,
                    List.of());
        }
        int currentReplicas = statefulSet.map(s -> s.getSpec().getReplicas()).orElse(0);
        boolean scalingDown = database.getSpec().getReplicas() < currentReplicas;
        ResourceApplier applier = new ResourceApplier(client, settings.serverSideApply());

        DesiredResources desired =
                DatabaseResources.desired(resource, BuildContext.of(clock, credentials));
        for (Secret secret : desired.createOnlySecrets()) {
            applier.createIfMissing(secret, owned.find(secret));
        }

        List<String> members =
                ResourceNames.memberAddresses(
                        database, database.getSpec().getReplicas(), settings.clusterDomain());
        MongoReplicaSetStep.Result replicaSet =
                secrets.admin(client)
                        .map(
                                admin ->
                                        replicaSetStep.run(
                                                database,
                                                statefulSet,
                                                members,
                                                admin,
                                                secrets.monitoringUser(client)))
                        .orElseGet(
                                () ->
                                        new MongoReplicaSetStep.Result(
                                                DatabaseHealth.notChecked(), false, List.of()));

        if (scalingDown && !replicaSet.membershipMatchesSpec()) {
            // Members leave the replica set before their pods go.
            desired =
                    DatabaseResources.desired(
                            resource,
                            BuildContext.of(clock, credentials)
                                    .withStatefulSetReplicas(currentReplicas));
        }
        List<HasMetadata> objects = desired.resources();
        statefulSet.ifPresent(live -> keepLiveVolumeClaimTemplates(objects, live));
        for (HasMetadata object : objects) {
            applier.apply(object, owned.find(object));
        }
        List<StatusEvent> events = new ArrayList<>(replicaSet.events());
        statefulSet
                .filter(live -> volumesMustGrow(database, live))
                .ifPresent(
                        live ->
                                events.addAll(
                                        VolumeExpansionStep.run(
                                                client,
                                                database,
                                                live,
                                                new Quantity(
                                                        database.getSpec().getStorage().getSize()),
                                                database.getSpec().getReplicas())));

        DatabaseObservation observation =
                DatabaseObservation.of(
                        database.getSpec().getReplicas(),
                        statefulSet.map(MonitoredDatabaseReconciler::readyReplicas).orElse(0),
                        statefulSet.map(MonitoredDatabaseReconciler::rolledOut).orElse(false),
                        replicaSet.health(),
                        endpoints(database, members),
                        secrets.names());
        MonitoredDatabaseStatus status = statusBuilder.observed(resource, observation);
        boolean ready =
                observation.podsReady()
                        && replicaSet.health().state() == DatabaseHealth.State.HEALTHY;
        Duration next = ready ? intervals.whileReady() : intervals.whileProgressing();
        return finish(resource, status, client, events).rescheduleAfter(next);
    }

    /**
     * Reports an unexpected failure of a pass in status (the Degraded Event comes with the
     * transition) and lets JOSDK retry it with backoff.
     */
    @Override
    public ErrorStatusUpdateControl<MonitoredDatabase> updateErrorStatus(
            MonitoredDatabase resource, Context<MonitoredDatabase> context, Exception e) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        MonitoredDatabaseStatus status = statusBuilder.failed(resource, message);
        UpdateControl<MonitoredDatabase> update =
                finish(resource, status, context.getClient(), List.of());
        return update.isPatchStatus()
                ? ErrorStatusUpdateControl.patchStatus(update.getResource().orElseThrow())
                : ErrorStatusUpdateControl.noStatusUpdate();
    }

    /** How many passes ran; tests wait on it instead of sleeping. */
    public long passes() {
        return passes.get();
    }

    private UpdateControl<MonitoredDatabase> finish(
            MonitoredDatabase resource,
            MonitoredDatabaseStatus status,
            KubernetesClient client,
            List<StatusEvent> actionEvents) {
        EventRecorder recorder = new EventRecorder(client, clock);
        actionEvents.forEach(e -> recorder.record(resource, e));
        // The cache may not hold our last status patch yet when the next pass starts; the status
        // this process last computed is the truer "before", so a transition is told once.
        String uid = resource.getMetadata().getUid();
        MonitoredDatabaseStatus before = lastComputed.getOrDefault(uid, resource.getStatus());
        StatusTransitions.between(before, status).forEach(e -> recorder.record(resource, e));
        lastComputed.put(uid, status);
        if (sameStatus(resource.getStatus(), status)) {
            return UpdateControl.noUpdate();
        }
        // Patch from a fresh object that carries only what identifies the resource and the
        // status, so Vigil never writes spec or metadata it does not own.
        MonitoredDatabase patch = new MonitoredDatabase();
        patch.setMetadata(
                new ObjectMetaBuilder()
                        .withName(resource.getMetadata().getName())
                        .withNamespace(resource.getMetadata().getNamespace())
                        .build());
        patch.setStatus(status);
        return UpdateControl.patchStatus(patch);
    }

    /**
     * A StatefulSet's volume claim templates cannot change once it exists: the desired one keeps
     * the live templates, and {@link VolumeExpansionStep} grows the claims instead.
     */
    private static void keepLiveVolumeClaimTemplates(List<HasMetadata> desired, StatefulSet live) {
        desired.stream()
                .filter(StatefulSet.class::isInstance)
                .map(StatefulSet.class::cast)
                .forEach(
                        s ->
                                s.getSpec()
                                        .setVolumeClaimTemplates(
                                                live.getSpec().getVolumeClaimTemplates()));
    }

    private static boolean volumesMustGrow(MonitoredDatabase database, StatefulSet live) {
        return LiveStatefulSet.dataVolumeSize(live)
                .map(
                        size ->
                                new Quantity(database.getSpec().getStorage().getSize())
                                                .getNumericalAmount()
                                                .compareTo(size.getNumericalAmount())
                                        > 0)
                .orElse(false);
    }

    private static boolean sameStatus(
            MonitoredDatabaseStatus before, MonitoredDatabaseStatus after) {
        return before != null
                && Objects.equals(
                        Serialization.jsonMapper().valueToTree(before),
                        Serialization.jsonMapper().valueToTree(after));
    }

    private DatabaseEndpoints endpoints(MonitoredDatabase database, List<String> members) {
        DatabaseEndpoints endpoints = new DatabaseEndpoints();
        String domain = settings.clusterDomain();
        endpoints.setReadWrite(
                ResourceNames.serviceAddress(
                        database,
                        ResourceNames.clientService(database),
                        DatabasePorts.MONGODB,
                        domain));
        endpoints.setMembers(String.join(",", members));
        endpoints.setConnectionString(
                "mongodb://"
                        + String.join(",", members)
                        + "/?replicaSet="
                        + database.getSpec().getMongodb().getReplicaSetName());
        if (database.getSpec().getExporter().getEnabled()) {
            endpoints.setMetrics(
                    ResourceNames.serviceAddress(
                            database,
                            ResourceNames.metricsService(database),
                            DatabasePorts.exporterPort(database),
                            domain));
        }
        return endpoints;
    }

    private static int readyReplicas(StatefulSet statefulSet) {
        StatefulSetStatus status = statefulSet.getStatus();
        return status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
    }

    /** The StatefulSet controller has rolled the latest revision out to every pod. */
    private static boolean rolledOut(StatefulSet statefulSet) {
        StatefulSetStatus status = statefulSet.getStatus();
        if (status == null) {
            return false;
        }
        boolean observed =
                Objects.equals(
                        status.getObservedGeneration(), statefulSet.getMetadata().getGeneration());
        boolean sameRevision =
                status.getUpdateRevision() == null
                        || Objects.equals(status.getCurrentRevision(), status.getUpdateRevision());
        return observed && sameRevision;
    }
}
