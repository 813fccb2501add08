package dev.vigil.reconciler;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.DatabaseMode;
import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.credentials.MonitoringPasswordRotation;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.DatabaseResources;
import dev.vigil.engine.LiveStatefulSet;
import dev.vigil.engine.external.ExternalExporterStep;
import dev.vigil.engine.mongodb.MongoReplicaSetStep;
import dev.vigil.engine.postgres.PodRoleLabels;
import dev.vigil.engine.postgres.PostgresClusterStep;
import dev.vigil.metrics.DatabaseMetrics;
import dev.vigil.monitoring.MonitoringResources;
import dev.vigil.names.ResourceNames;
import dev.vigil.names.StandardLabels;
import dev.vigil.reconciler.apply.ResourceApplier;
import dev.vigil.resources.BuildContext;
import dev.vigil.resources.CertManagerCertificate;
import dev.vigil.resources.DatabasePorts;
import dev.vigil.rollout.GateObservation;
import dev.vigil.rollout.GatedStatus;
import dev.vigil.rollout.LastStableSpec;
import dev.vigil.rollout.ObservationPlan;
import dev.vigil.rollout.RolloutDecision;
import dev.vigil.rollout.RolloutInput;
import dev.vigil.rollout.RolloutState;
import dev.vigil.rollout.RolloutStateMachine;
import dev.vigil.rollout.RolloutTarget;
import dev.vigil.rollout.analysis.AnalysisRules;
import dev.vigil.runtime.OperatorSettings;
import dev.vigil.status.ConditionFactory;
import dev.vigil.status.DatabaseEndpointsBuilder;
import dev.vigil.status.DatabaseHealth;
import dev.vigil.status.DatabaseObservation;
import dev.vigil.status.DatabaseStatusBuilder;
import dev.vigil.status.EventRecorder;
import dev.vigil.status.MonitoringHealth;
import dev.vigil.status.Reason;
import dev.vigil.status.StatusEvent;
import dev.vigil.status.StatusTransitions;
import dev.vigil.validation.ChangeRules;
import dev.vigil.validation.FieldError;
import dev.vigil.validation.MonitoredDatabaseValidator;
import dev.vigil.validation.RefusedChange;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
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
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Turns a {@link MonitoredDatabase} into its running, monitored database, and reports the truth
 * about it in status.
 *
 * <p>Each pass runs the same steps: validate the spec (an invalid spec changes nothing that runs
 * and is not retried); pick the spec to run (the resource's, or the last stable one while a failed
 * generation is rolled back); create the generated Secrets once, and write a new monitoring
 * password when one is asked for; bring the replica set toward the spec; apply every other object,
 * writing only what differs; compute the status; let the health gate ({@link RolloutStateMachine})
 * judge the rollout and act on it; record an Event for each transition; patch the status only if it
 * changed.
 */
@ControllerConfiguration(name = MonitoredDatabaseReconciler.NAME)
public class MonitoredDatabaseReconciler implements Reconciler<MonitoredDatabase> {

    /** The controller's name, in logs and metrics. */
    public static final String NAME = "monitoreddatabase";

    /**
     * How soon the pass that decided to roll back is followed by one that re-applies the last
     * stable spec, with the engine's step run against it (MongoDB members leave before pods go).
     */
    static final Duration ROLLBACK_FOLLOW_UP = Duration.ofMillis(100);

    private static final String ALERT_POLICIES = "alertpolicies";
    private static final String CRDS = "customresourcedefinitions";

    private final OperatorSettings settings;
    private final CredentialGenerator credentials;
    private final Clock clock;
    private final ReconcileIntervals intervals;
    private final DatabaseMetrics metrics;
    private final RolloutTracker rollouts;
    private final MongoReplicaSetStep replicaSetStep;
    private final PostgresClusterStep postgresStep;
    private final ExternalExporterStep externalStep;
    private final DatabaseStatusBuilder statusBuilder;
    private final RolloutStateMachine rolloutMachine;
    private final GatedStatus gatedStatus;
    private final HealthGateStep healthGate;
    private final MonitoredDatabaseValidator validator = new MonitoredDatabaseValidator();
    private final AtomicLong passes = new AtomicLong();
    // database uid -> the status last computed for it, to tell each transition once. An entry
    // outlives its database until the operator restarts: one small object per deleted database.
    private final Map<String, MonitoredDatabaseStatus> lastComputed = new ConcurrentHashMap<>();

    public MonitoredDatabaseReconciler(
            OperatorSettings settings,
            DatabaseClients clients,
            CredentialGenerator credentials,
            Clock clock,
            ReconcileIntervals intervals,
            DatabaseMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.rollouts = new RolloutTracker(clock, metrics);
        this.credentials = credentials;
        this.clock = clock;
        this.intervals = intervals;
        this.replicaSetStep = new MongoReplicaSetStep(clients.mongo());
        this.postgresStep = new PostgresClusterStep(clients.postgres(), clock);
        this.externalStep = new ExternalExporterStep(clients.exporters());
        this.statusBuilder = new DatabaseStatusBuilder(new ConditionFactory(clock));
        this.rolloutMachine = new RolloutStateMachine(clock);
        this.gatedStatus = new GatedStatus(new ConditionFactory(clock));
        this.healthGate = new HealthGateStep(clients);
    }

    /** Watches the kinds a database owns, Vigil's own objects only, mapped by owner reference. */
    @Override
    public List<EventSource<?, MonitoredDatabase>> prepareEventSources(
            EventSourceContext<MonitoredDatabase> context) {
        List<EventSource<?, MonitoredDatabase>> sources = new ArrayList<>();
        for (Class<? extends HasMetadata> kind : OwnedResources.KINDS) {
            sources.add(informer(kind, context));
        }
        sources.add(alertPolicies(context));
        sources.add(prometheusOperatorCrds(context));
        return sources;
    }

    /** A policy's change reaches every database of its namespace; its rules are composed anew. */
    private static InformerEventSource<AlertPolicy, MonitoredDatabase> alertPolicies(
            EventSourceContext<MonitoredDatabase> context) {
        return new InformerEventSource<>(
                InformerEventSourceConfiguration.from(AlertPolicy.class, MonitoredDatabase.class)
                        .withName(ALERT_POLICIES)
                        .withSecondaryToPrimaryMapper(
                                policy ->
                                        databasesOf(
                                                context,
                                                d ->
                                                        Objects.equals(
                                                                d.getMetadata().getNamespace(),
                                                                policy.getMetadata()
                                                                        .getNamespace())))
                        .withNamespacesInheritedFromController()
                        .build(),
                context);
    }

    /**
     * When the prometheus-operator CRDs or cert-manager's Certificate CRD are installed (or
     * removed), every database is looked at again, so its monitor and rules, or its Certificate,
     * follow without an operator restart.
     */
    private static InformerEventSource<CustomResourceDefinition, MonitoredDatabase>
            prometheusOperatorCrds(EventSourceContext<MonitoredDatabase> context) {
        return new InformerEventSource<>(
                InformerEventSourceConfiguration.from(
                                CustomResourceDefinition.class, MonitoredDatabase.class)
                        .withName(CRDS)
                        .withSecondaryToPrimaryMapper(
                                crd ->
                                        PrometheusOperatorCrds.isOne(crd)
                                                        || CertManagerCertificate.CRD.equals(
                                                                crd.getMetadata().getName())
                                                ? databasesOf(context, d -> true)
                                                : Set.of())
                        .withWatchAllNamespaces()
                        .build(),
                context);
    }

    private static Set<ResourceID> databasesOf(
            EventSourceContext<MonitoredDatabase> context, Predicate<MonitoredDatabase> which) {
        return context.getPrimaryCache()
                .list(which)
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet());
    }

    private static MonitoringHealth monitoring(
            MonitoredDatabase resource,
            MonitoredDatabase database,
            OwnedResources owned,
            ResourceApplier applier,
            Context<MonitoredDatabase> context) {
        return MonitoringStep.run(
                resource,
                database,
                prometheusOperatorInstalled(context),
                policiesIn(context, database.getMetadata().getNamespace()),
                owned,
                applier,
                context.getClient());
    }

    /** Whether the prometheus-operator CRDs exist, from the watch on CRDs (no request). */
    @SuppressWarnings("unchecked")
    private static boolean prometheusOperatorInstalled(Context<MonitoredDatabase> context) {
        InformerEventSource<CustomResourceDefinition, MonitoredDatabase> crds =
                (InformerEventSource<CustomResourceDefinition, MonitoredDatabase>)
                        context.eventSourceRetriever()
                                .getEventSourceFor(CustomResourceDefinition.class, CRDS);
        return PrometheusOperatorCrds.installed(name -> crds.get(new ResourceID(name)).isPresent());
    }

    /** Whether the CRD {@code name} exists, from the watch on CRDs (no request). */
    @SuppressWarnings("unchecked")
    private static boolean crdInstalled(Context<MonitoredDatabase> context, String name) {
        InformerEventSource<CustomResourceDefinition, MonitoredDatabase> crds =
                (InformerEventSource<CustomResourceDefinition, MonitoredDatabase>)
                        context.eventSourceRetriever()
                                .getEventSourceFor(CustomResourceDefinition.class, CRDS);
        return crds.get(new ResourceID(name)).isPresent();
    }

    /** The AlertPolicies of {@code namespace}, from the informer's cache. */
    @SuppressWarnings("unchecked")
    private static List<AlertPolicy> policiesIn(
            Context<MonitoredDatabase> context, String namespace) {
        InformerEventSource<AlertPolicy, MonitoredDatabase> policies =
                (InformerEventSource<AlertPolicy, MonitoredDatabase>)
                        context.eventSourceRetriever()
                                .getEventSourceFor(AlertPolicy.class, ALERT_POLICIES);
        return policies.list(namespace).toList();
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
        metrics.retainOnly(
                context.getPrimaryCache()
                        .list()
                        .map(DatabaseMetrics::key)
                        .collect(Collectors.toSet()));
        List<FieldError> errors =
                validator.validate(Serialization.jsonMapper().valueToTree(resource));
        if (errors.isEmpty()) {
            errors = AnalysisRules.check(resource, MonitoringResources.SYNTAX_CHECK);
        }
        if (!errors.isEmpty()) {
            // Not retried: nothing changes until the spec does.
            return finish(resource, statusBuilder.invalid(resource, errors), client, List.of());
        }
        // The cache may not hold our last status patch yet; the status this process last computed
        // is the truer one for the rollout to go on from.
        Optional<MonitoredDatabaseStatus> previous =
                Optional.ofNullable(
                        lastComputed.getOrDefault(
                                resource.getMetadata().getUid(), resource.getStatus()));
        RolloutTarget target = RolloutStateMachine.target(previous, generation(resource));
        MonitoredDatabase running =
                target == RolloutTarget.LAST_STABLE_SPEC
                        ? LastStableSpec.restore(resource, previous.orElseThrow().getRollout())
                        : resource;
        MonitoredDatabase database = SchemaDefaults.withDefaults(running);
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
        // spec.tls with an issuer: the Certificate first; pods cannot start without its Secret.
        Optional<RefusedChange> tlsWait =
                CertManagerStep.run(
                        database,
                        crdInstalled(context, CertManagerCertificate.CRD),
                        secrets,
                        client,
                        settings.clusterDomain());
        if (tlsWait.isPresent()) {
            RefusedChange wait = tlsWait.get();
            MonitoredDatabaseStatus waiting =
                    Reason.REFUSALS.contains(wait.conditionReason())
                            ? statusBuilder.refused(
                                    resource, wait.conditionReason(), List.of(wait.error()))
                            : statusBuilder.waiting(
                                    resource,
                                    wait.conditionReason(),
                                    wait.error().field() + ": " + wait.error().reason());
            return finish(resource, waiting, client, List.of())
                    .rescheduleAfter(intervals.whileReferenceMissing());
        }
        ResourceApplier applier = new ResourceApplier(client, settings.serverSideApply());
        return database.getSpec().getMode() == DatabaseMode.External
                ? external(resource, database, owned, secrets, applier, context)
                : managed(
                        new Pass(resource, running, database, target, previous),
                        owned,
                        secrets,
                        applier,
                        context);
    }

    /**
     * One pass over a Managed database.
     *
     * @param resource the resource as read
     * @param running what the objects are built from: {@code resource}, or it with the last stable
     *     spec
     * @param database {@code running} with the schema defaults
     * @param target which of the two {@code running} is
     * @param previous the status the last pass computed
     */
    private record Pass(
            MonitoredDatabase resource,
            MonitoredDatabase running,
            MonitoredDatabase database,
            RolloutTarget target,
            Optional<MonitoredDatabaseStatus> previous) {}

    private static long generation(MonitoredDatabase resource) {
        Long generation = resource.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }

    private UpdateControl<MonitoredDatabase> managed(
            Pass pass,
            OwnedResources owned,
            SecretReferences secrets,
            ResourceApplier applier,
            Context<MonitoredDatabase> context) {
        MonitoredDatabase resource = pass.resource();
        MonitoredDatabase running = pass.running();
        MonitoredDatabase database = pass.database();
        KubernetesClient client = context.getClient();
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
        // The rotation token is the resource's, never a restored spec's (see
        // MonitoringPasswordRotation).
        BuildContext base =
                BuildContext.of(clock, credentials)
                        .withNetwork(settings.network())
                        .withMonitoringCredentialsRevision(
                                MonitoringPasswordRotation.token(resource));
        for (Secret secret : DatabaseResources.desired(running, base).createOnlySecrets()) {
            applier.createIfMissing(
                    MonitoringPasswordRotation.recordedOnCreation(resource, secret),
                    owned.find(secret));
        }
        Optional<StatusEvent> rotated =
                MonitoringPasswordStep.run(resource, database, owned, client, credentials);

        int replicas = database.getSpec().getReplicas();
        List<String> members =
                ResourceNames.memberAddresses(database, replicas, settings.clusterDomain());
        EngineOutcome outcome =
                database.getSpec().getEngine() == Engine.PostgreSQL
                        ? postgres(database, statefulSet, members, secrets, client)
                        : mongo(database, statefulSet, members, secrets, client);

        BuildContext build = base;
        if (outcome.holdStatefulSetAt().isPresent()) {
            build = build.withStatefulSetReplicas(outcome.holdStatefulSetAt().getAsInt());
        }
        if (outcome.primaryOrdinal().isPresent()) {
            build = build.withPrimaryOrdinal(outcome.primaryOrdinal().getAsInt());
        }
        List<HasMetadata> objects = DatabaseResources.desired(running, build).resources();
        statefulSet.ifPresent(live -> keepLiveVolumeClaimTemplates(objects, live));
        // Whether the cached StatefulSet already was the one built now, so that its status can
        // describe this spec.
        boolean templateApplied = false;
        for (HasMetadata object : objects) {
            ResourceApplier.Outcome applied = applier.apply(object, owned.find(object));
            if (object instanceof StatefulSet) {
                templateApplied = applied == ResourceApplier.Outcome.UNCHANGED;
            }
        }
        UnwantedObjects.delete(database, objects, owned, client);
        List<StatusEvent> events = new ArrayList<>(outcome.events());
        rotated.ifPresent(events::add);
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
                                                replicas)));

        MonitoringHealth monitoring = monitoring(running, database, owned, applier, context);
        DatabaseObservation observation =
                new DatabaseObservation(
                        replicas,
                        statefulSet.map(LiveStatefulSet::readyReplicas).orElse(0),
                        statefulSet.map(LiveStatefulSet::rolledOut).orElse(false),
                        outcome.health(),
                        DatabaseEndpointsBuilder.managed(
                                database, members, settings.clusterDomain()),
                        secrets.names(),
                        outcome.primaryOrdinal().stream()
                                .mapToObj(ordinal -> ResourceNames.memberPod(database, ordinal))
                                .findFirst(),
                        outcome.failover(),
                        monitoring);
        MonitoredDatabaseStatus observed = statusBuilder.observed(running, observation);

        MonitoredDatabaseSpec underTest =
                pass.target() == RolloutTarget.SPEC
                        ? database.getSpec()
                        : SchemaDefaults.withDefaults(resource).getSpec();
        HealthGateStep.Target gateTarget =
                new HealthGateStep.Target(
                        database,
                        underTest,
                        members,
                        ResourceNames.serviceAddress(
                                database,
                                ResourceNames.metricsService(database),
                                DatabasePorts.exporterPort(database),
                                settings.clusterDomain()),
                        secrets.credentials(client, SecretReferences.Role.ADMIN));
        long generation = generation(resource);
        ObservationPlan plan = rolloutMachine.plan(underTest, pass.previous(), generation);
        GateObservation gate =
                healthGate.observe(
                        plan, gateTarget, statefulSet, templateApplied, outcome.health(), client);
        RolloutDecision decision =
                rolloutMachine.next(new RolloutInput(resource, underTest, pass.previous(), gate));
        events.addAll(healthGate.act(decision, resource, gateTarget, client, metrics));
        MonitoredDatabaseStatus status =
                gatedStatus.apply(observed, pass.previous(), decision, generation);
        UpdateControl<MonitoredDatabase> control = finish(resource, status, client, events);
        if (decision.target() != pass.target()) {
            return control.rescheduleAfter(ROLLBACK_FOLLOW_UP);
        }
        boolean settled =
                decision.state() == RolloutState.Passed
                        || decision.state() == RolloutState.RolledBack;
        return control.rescheduleAfter(
                settled ? nextPass(observation) : intervals.whileProgressing());
    }

    private EngineOutcome mongo(
            MonitoredDatabase database,
            Optional<StatefulSet> statefulSet,
            List<String> members,
            SecretReferences secrets,
            KubernetesClient client) {
        MongoReplicaSetStep.Result replicaSet =
                secrets.credentials(client, SecretReferences.Role.ADMIN)
                        .map(
                                admin ->
                                        replicaSetStep.run(
                                                database,
                                                statefulSet,
                                                members,
                                                admin,
                                                secrets.versioned(
                                                        client, SecretReferences.Role.MONITORING)))
                        .orElseGet(
                                () ->
                                        new MongoReplicaSetStep.Result(
                                                DatabaseHealth.notChecked(), false, List.of()));
        int currentReplicas = statefulSet.map(s -> s.getSpec().getReplicas()).orElse(0);
        boolean scalingDown = database.getSpec().getReplicas() < currentReplicas;
        // Members leave the replica set before their pods go.
        OptionalInt hold =
                scalingDown && !replicaSet.membershipMatchesSpec()
                        ? OptionalInt.of(currentReplicas)
                        : OptionalInt.empty();
        return new EngineOutcome(
                replicaSet.health(),
                hold,
                OptionalInt.empty(),
                Optional.empty(),
                replicaSet.events());
    }

    private EngineOutcome postgres(
            MonitoredDatabase database,
            Optional<StatefulSet> statefulSet,
            List<String> members,
            SecretReferences secrets,
            KubernetesClient client) {
        int designated = designatedPrimary(database);
        Optional<DatabaseCredentials> superuser =
                secrets.credentials(client, SecretReferences.Role.ADMIN);
        PostgresClusterStep.Result cluster =
                superuser
                        .map(
                                su ->
                                        postgresStep.run(
                                                database,
                                                statefulSet,
                                                designated,
                                                members,
                                                new PostgresClusterStep.Users(
                                                        su,
                                                        secrets.versioned(
                                                                client,
                                                                SecretReferences.Role.REPLICATION),
                                                        secrets.versioned(
                                                                client,
                                                                SecretReferences.Role.MONITORING))))
                        .orElseGet(() -> PostgresClusterStep.Result.notChecked(designated));
        PodRoleLabels.apply(client, database, members.size(), cluster.roles());
        return new EngineOutcome(
                cluster.health(),
                OptionalInt.empty(),
                OptionalInt.of(cluster.primaryOrdinal()),
                cluster.failover(),
                cluster.events());
    }

    /** The member the status names as primary, or member 0, as at creation. */
    private static int designatedPrimary(MonitoredDatabase database) {
        String primary = database.getStatus() == null ? null : database.getStatus().getPrimary();
        String prefix = ResourceNames.statefulSet(database) + "-";
        if (primary == null || !primary.startsWith(prefix)) {
            return 0;
        }
        try {
            int ordinal = Integer.parseInt(primary.substring(prefix.length()));
            return ordinal < database.getSpec().getReplicas() ? ordinal : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private UpdateControl<MonitoredDatabase> external(
            MonitoredDatabase resource,
            MonitoredDatabase database,
            OwnedResources owned,
            SecretReferences secrets,
            ResourceApplier applier,
            Context<MonitoredDatabase> context) {
        KubernetesClient client = context.getClient();
        List<HasMetadata> objects =
                DatabaseResources.desired(
                                resource,
                                BuildContext.of(clock, credentials)
                                        .withNetwork(
                                                settings.network()
                                                        .withExternalUriPorts(
                                                                secrets.externalUriPorts()))
                                        .withMonitoringCredentialsRevision(
                                                MonitoringPasswordRotation.token(resource)))
                        .resources();
        for (HasMetadata object : objects) {
            applier.apply(object, owned.find(object));
        }
        UnwantedObjects.delete(database, objects, owned, client);
        Optional<Deployment> exporter =
                owned.find(Deployment.class, ResourceNames.exporterDeployment(database));
        int ready =
                exporter.map(d -> d.getStatus() == null ? null : d.getStatus().getReadyReplicas())
                        .orElse(0);
        boolean rolledOut = exporter.map(MonitoredDatabaseReconciler::rolledOut).orElse(false);
        String metrics =
                ResourceNames.serviceAddress(
                        database,
                        ResourceNames.metricsService(database),
                        DatabasePorts.exporterPort(database),
                        settings.clusterDomain());
        MonitoringHealth monitoring = monitoring(resource, database, owned, applier, context);
        DatabaseObservation observation =
                DatabaseObservation.of(
                        1,
                        ready,
                        rolledOut,
                        externalStep.run(database, rolledOut && ready >= 1, metrics),
                        DatabaseEndpointsBuilder.external(database, metrics),
                        secrets.names(),
                        monitoring);
        return finish(resource, statusBuilder.observed(resource, observation), client, List.of())
                .rescheduleAfter(nextPass(observation));
    }

    private Duration nextPass(DatabaseObservation observation) {
        boolean ready =
                observation.podsReady()
                        && observation.health().state() == DatabaseHealth.State.HEALTHY;
        return ready ? intervals.whileReady() : intervals.whileProgressing();
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
        metrics.record(resource, status);
        rollouts.observe(resource, status);
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

    /** The Deployment controller has rolled the latest template out. */
    private static boolean rolledOut(Deployment deployment) {
        DeploymentStatus status = deployment.getStatus();
        return status != null
                && Objects.equals(
                        status.getObservedGeneration(), deployment.getMetadata().getGeneration())
                && Objects.equals(status.getUpdatedReplicas(), deployment.getSpec().getReplicas());
    }
}
