package dev.vigil.engine;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The objects a database owns, as the informer caches hold them now, looked up by kind and name.
 * Reading the caches instead of the API server keeps an idle operator from sending requests.
 */
public final class OwnedResources {

    /** The kinds Vigil creates for a database and watches. */
    public static final List<Class<? extends HasMetadata>> KINDS =
            List.of(
                    StatefulSet.class,
                    Deployment.class,
                    Service.class,
                    ConfigMap.class,
                    Secret.class,
                    ServiceAccount.class,
                    PodDisruptionBudget.class,
                    NetworkPolicy.class,
                    CronJob.class);

    /**
     * The prometheus-operator's kinds Vigil creates for a database: watched only while their CRDs
     * exist, which they need not when the operator starts.
     */
    public static final List<Class<? extends HasMetadata>> MONITORING_KINDS =
            List.of(ServiceMonitor.class, PodMonitor.class, PrometheusRule.class);

    private final Map<String, HasMetadata> byKindAndName = new HashMap<>();
    private final List<Pod> pods = new ArrayList<>();
    private final MonitoredDatabase database;
    private final Map<String, InformerEventSource<?, MonitoredDatabase>> monitoringByKind =
            new HashMap<>();

    private OwnedResources(MonitoredDatabase database) {
        this.database = database;
    }

    /**
     * What the watches of {@code context} hold for {@code database}.
     *
     * @param monitoring the watches of the {@link #MONITORING_KINDS}, while they run: their objects
     *     are looked up by name in the watches' stores, which are complete once a watch has
     *     started, rather than through JOSDK's index of secondaries, which a watch started while
     *     the operator runs fills only as it handles its first events
     */
    public static OwnedResources from(
            Context<MonitoredDatabase> context,
            MonitoredDatabase database,
            Map<Class<? extends HasMetadata>, InformerEventSource<?, MonitoredDatabase>>
                    monitoring) {
        OwnedResources owned = new OwnedResources(database);
        for (Class<? extends HasMetadata> kind : KINDS) {
            context.getSecondaryResources(kind).forEach(owned::remember);
        }
        monitoring.forEach(
                (kind, source) -> owned.monitoringByKind.put(HasMetadata.getKind(kind), source));
        owned.pods.addAll(context.getSecondaryResources(Pod.class));
        return owned;
    }

    /**
     * Whether the {@link #MONITORING_KINDS} are watched, which they are exactly while the
     * prometheus-operator CRDs exist; {@link #find} then looks them up too.
     */
    public boolean monitoringWatched() {
        return !monitoringByKind.isEmpty();
    }

    /**
     * The database's pods (its members, and its backup, restore and verification pods) that carry
     * every label of {@code selector}, as the watch on pods holds them now. Pods are watched, not
     * owned: their owners are the StatefulSet and the Jobs, and Vigil never deletes one as
     * unwanted.
     */
    public List<Pod> pods(Map<String, String> selector) {
        return pods.stream()
                .filter(
                        pod ->
                                pod.getMetadata().getLabels() != null
                                        && pod.getMetadata()
                                                .getLabels()
                                                .entrySet()
                                                .containsAll(selector.entrySet()))
                .toList();
    }

    /** The database's pod {@code name}, as the watch on pods holds it now. */
    public Optional<Pod> pod(String name) {
        return pods.stream().filter(pod -> name(pod).equals(name)).findFirst();
    }

    /** The cached object with the kind and name of {@code desired}. */
    public Optional<HasMetadata> find(HasMetadata desired) {
        return find(desired.getKind(), name(desired));
    }

    /** The cached object of {@code type} named {@code name}. */
    public <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return find(HasMetadata.getKind(type), name).map(type::cast);
    }

    private Optional<HasMetadata> find(String kind, String name) {
        HasMetadata cached = byKindAndName.get(key(kind, name));
        if (cached != null || !monitoringByKind.containsKey(kind)) {
            return Optional.ofNullable(cached);
        }
        String uid = database.getMetadata().getUid();
        return monitoringByKind
                .get(kind)
                .get(new ResourceID(name, database.getMetadata().getNamespace()))
                .map(HasMetadata.class::cast)
                .filter(
                        object ->
                                object.getMetadata().getOwnerReferences().stream()
                                        .anyMatch(owner -> uid.equals(owner.getUid())));
    }

    /** Every cached object of {@code type}, one of {@link #KINDS}. */
    public <T extends HasMetadata> List<T> all(Class<T> type) {
        String prefix = key(HasMetadata.getKind(type), "");
        return byKindAndName.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(prefix))
                .map(entry -> type.cast(entry.getValue()))
                .toList();
    }

    /**
     * Holds {@code written}, an object this pass wrote or read from the API server, in place of the
     * cached one, which may not have caught up with it yet.
     */
    public void remember(HasMetadata written) {
        byKindAndName.put(key(written.getKind(), name(written)), written);
    }

    private static String name(HasMetadata resource) {
        return resource.getMetadata().getName();
    }

    private static String key(String kind, String name) {
        return kind + "/" + name;
    }
}
