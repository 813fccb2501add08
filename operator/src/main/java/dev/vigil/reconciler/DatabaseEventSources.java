package dev.vigil.reconciler;

import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.OwnedResources;
import dev.vigil.names.StandardLabels;
import dev.vigil.resources.CertManagerCertificate;
import dev.vigil.runtime.LeanCache;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What wakes a database up, and what a pass reads from the watches instead of the API server: the
 * kinds a database owns (Vigil's own objects only, mapped by owner reference; its monitors and
 * rules while the prometheus-operator's CRDs exist), the pods of those objects (mapped by their
 * instance label), the AlertPolicies of its namespace, and the CRDs of the prometheus-operator and
 * cert-manager. Every cache keeps its objects without managed fields ({@link LeanCache}).
 */
final class DatabaseEventSources {

    private static final String ALERT_POLICIES = "alertpolicies";
    private static final String CRDS = "customresourcedefinitions";

    private final Context<MonitoredDatabase> context;

    private DatabaseEventSources(Context<MonitoredDatabase> context) {
        this.context = context;
    }

    /** The watches of the database reconciler. */
    static List<EventSource<?, MonitoredDatabase>> prepare(
            EventSourceContext<MonitoredDatabase> context) {
        List<EventSource<?, MonitoredDatabase>> sources = new ArrayList<>();
        for (Class<? extends HasMetadata> kind : OwnedResources.KINDS) {
            sources.add(owned(kind, context));
        }
        sources.add(pods(context));
        sources.add(alertPolicies(context));
        sources.add(crds(context));
        return sources;
    }

    /** The watches as one pass sees them. */
    static DatabaseEventSources of(Context<MonitoredDatabase> context) {
        return new DatabaseEventSources(context);
    }

    /** Whether the prometheus-operator CRDs exist (no request). */
    boolean prometheusOperatorInstalled() {
        return PrometheusOperatorCrds.installed(this::crdInstalled);
    }

    /** Whether the CRD {@code name} exists (no request). */
    @SuppressWarnings("unchecked")
    boolean crdInstalled(String name) {
        InformerEventSource<CustomResourceDefinition, MonitoredDatabase> crds =
                (InformerEventSource<CustomResourceDefinition, MonitoredDatabase>)
                        context.eventSourceRetriever()
                                .getEventSourceFor(CustomResourceDefinition.class, CRDS);
        return crds.get(new ResourceID(name)).isPresent();
    }

    /** The AlertPolicies of {@code namespace} (no request). */
    @SuppressWarnings("unchecked")
    List<AlertPolicy> policiesIn(String namespace) {
        InformerEventSource<AlertPolicy, MonitoredDatabase> policies =
                (InformerEventSource<AlertPolicy, MonitoredDatabase>)
                        context.eventSourceRetriever()
                                .getEventSourceFor(AlertPolicy.class, ALERT_POLICIES);
        return policies.list(namespace).toList();
    }

    /** A watch on Vigil's objects of {@code kind}, named by its plural, mapped by owner. */
    static <R extends HasMetadata> InformerEventSource<R, MonitoredDatabase> owned(
            Class<R> kind, EventSourceContext<MonitoredDatabase> context) {
        return new InformerEventSource<>(
                InformerEventSourceConfiguration.from(kind, MonitoredDatabase.class)
                        .withName(HasMetadata.getPlural(kind))
                        .withLabelSelector(
                                StandardLabels.MANAGED_BY + "=" + StandardLabels.MANAGED_BY_VIGIL)
                        .withSecondaryToPrimaryMapper(
                                kind == Secret.class
                                        ? DatabaseEventSources::databaseOfLabel
                                        : Mappers.fromOwnerReferences(MonitoredDatabase.class))
                        .withItemStore(LeanCache.store())
                        .withNamespacesInheritedFromController()
                        .build(),
                context);
    }

    /**
     * The pods of Vigil's objects (members, exporters, backup, restore and verification pods),
     * mapped to their database by the instance label: a pod's change (ready, failing, gone) wakes
     * its database, and a pass reads pods from here instead of listing them.
     */
    private static InformerEventSource<Pod, MonitoredDatabase> pods(
            EventSourceContext<MonitoredDatabase> context) {
        return new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Pod.class, MonitoredDatabase.class)
                        .withLabelSelector(
                                StandardLabels.MANAGED_BY + "=" + StandardLabels.MANAGED_BY_VIGIL)
                        .withSecondaryToPrimaryMapper(DatabaseEventSources::databaseOfLabel)
                        .withItemStore(LeanCache.store())
                        .withNamespacesInheritedFromController()
                        .build(),
                context);
    }

    /**
     * The database of an object by its instance label: pods (owned by StatefulSets and Jobs) and
     * credential Secrets (which outlive the database that made them, {@code
     * CredentialSecrets.keptWithTheVolumes}, so that the same database created again finds them).
     */
    private static Set<ResourceID> databaseOfLabel(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        String database = labels == null ? null : labels.get(StandardLabels.INSTANCE);
        return database == null
                ? Set.of()
                : Set.of(new ResourceID(database, object.getMetadata().getNamespace()));
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
                        .withItemStore(LeanCache.store())
                        .withNamespacesInheritedFromController()
                        .build(),
                context);
    }

    /**
     * When the prometheus-operator CRDs or cert-manager's Certificate CRD are installed (or
     * removed), every database is looked at again, so its monitor and rules, or its Certificate,
     * follow without an operator restart.
     */
    private static InformerEventSource<CustomResourceDefinition, MonitoredDatabase> crds(
            EventSourceContext<MonitoredDatabase> context) {
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
                        .withItemStore(LeanCache.crdNames())
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
}
