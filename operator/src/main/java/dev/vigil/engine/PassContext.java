package dev.vigil.engine;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.apply.ResourceApplier;
import dev.vigil.names.ResourceNames;
import dev.vigil.resources.DatabasePorts;
import dev.vigil.rollout.RolloutTarget;
import dev.vigil.status.DatabaseHealth;
import dev.vigil.status.MonitoringHealth;
import dev.vigil.status.StatusEvent;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One pass over one database, named once: the resource as read, the spec the pass runs and its
 * defaulted form, the engine, the objects the database owns, its Secrets (read once per pass) and
 * the applier. Every step of the pass reads from it, and leaves here what later steps need: what
 * the engine's step found, whether the StatefulSet was already the one built, how monitoring is
 * doing, and the Events to record when the pass ends.
 */
public final class PassContext {

    private final MonitoredDatabase resource;
    private final MonitoredDatabase running;
    private final MonitoredDatabase defaulted;
    private final RolloutTarget target;
    private final Optional<MonitoredDatabaseStatus> previous;
    private final DatabaseEngine engine;
    private final OwnedResources owned;
    private final SecretReferences secrets;
    private final ResourceApplier applier;
    private final KubernetesClient client;
    private final String clusterDomain;
    private final List<StatusEvent> events = new ArrayList<>();
    private EngineOutcome outcome = EngineOutcome.health(DatabaseHealth.notChecked());
    private boolean templateApplied;
    private MonitoringHealth monitoring = MonitoringHealth.crdsMissing();

    /**
     * @param resource the resource as read from the cache
     * @param running what the objects are built from: {@code resource}, or it with the last stable
     *     spec while a failed generation is rolled back
     * @param defaulted {@code running} with the schema defaults
     * @param target which of the two {@code running} is
     * @param previous the status the last pass wrote
     */
    public PassContext(
            MonitoredDatabase resource,
            MonitoredDatabase running,
            MonitoredDatabase defaulted,
            RolloutTarget target,
            Optional<MonitoredDatabaseStatus> previous,
            DatabaseEngine engine,
            OwnedResources owned,
            SecretReferences secrets,
            KubernetesClient client,
            String clusterDomain) {
        this.resource = resource;
        this.running = running;
        this.defaulted = defaulted;
        this.target = target;
        this.previous = previous;
        this.engine = engine;
        this.owned = owned;
        this.secrets = secrets;
        this.client = client;
        this.clusterDomain = clusterDomain;
        this.applier = new ResourceApplier(client);
    }

    /** The resource as read: its metadata, its generation, and the status the pass replaces. */
    public MonitoredDatabase resource() {
        return resource;
    }

    /** What the objects are built from: the resource, or it with the last stable spec. */
    public MonitoredDatabase running() {
        return running;
    }

    /** {@link #running()} with the schema defaults: what steps read the spec from. */
    public MonitoredDatabase defaulted() {
        return defaulted;
    }

    /** Whether {@link #running()} is the resource's spec or the last stable one. */
    public RolloutTarget target() {
        return target;
    }

    /** The status the last pass wrote, if any. */
    public Optional<MonitoredDatabaseStatus> previous() {
        return previous;
    }

    public DatabaseEngine engine() {
        return engine;
    }

    public OwnedResources owned() {
        return owned;
    }

    public SecretReferences secrets() {
        return secrets;
    }

    public ResourceApplier applier() {
        return applier;
    }

    public KubernetesClient client() {
        return client;
    }

    /** The cluster's DNS domain, for the addresses of Services and members. */
    public String clusterDomain() {
        return clusterDomain;
    }

    /** The database's StatefulSet as cached, before this pass applies anything. */
    public Optional<StatefulSet> statefulSet() {
        return owned.find(StatefulSet.class, ResourceNames.statefulSet(defaulted));
    }

    /** {@code host:port} of every member the spec asks for. */
    public List<String> members() {
        return engine.members(defaulted, clusterDomain);
    }

    /** {@code host:port} of the exporter's Service. */
    public String metricsAddress() {
        return ResourceNames.serviceAddress(
                defaulted,
                ResourceNames.metricsService(defaulted),
                DatabasePorts.exporterPort(defaulted),
                clusterDomain);
    }

    /** Asks for {@code event} to be recorded on the resource when the pass ends. */
    public void tell(StatusEvent event) {
        events.add(event);
    }

    /** Asks for every one of {@code told} to be recorded. */
    public void tellAll(List<StatusEvent> told) {
        events.addAll(told);
    }

    /** The Events asked for so far, in order. */
    public List<StatusEvent> events() {
        return List.copyOf(events);
    }

    /** What the engine's step found on this pass; not checked until it ran. */
    public EngineOutcome outcome() {
        return outcome;
    }

    /** Keeps what the engine's step found, and asks for its Events. */
    public void recordOutcome(EngineOutcome found) {
        outcome = found;
        events.addAll(found.events());
    }

    /**
     * Whether the cached StatefulSet already was the one this pass built, so that its status
     * describes this spec.
     */
    public boolean templateApplied() {
        return templateApplied;
    }

    public void recordTemplateApplied(boolean applied) {
        templateApplied = applied;
    }

    /** How the database's monitoring objects are doing, once the monitoring step ran. */
    public MonitoringHealth monitoring() {
        return monitoring;
    }

    public void recordMonitoring(MonitoringHealth health) {
        monitoring = health;
    }
}
