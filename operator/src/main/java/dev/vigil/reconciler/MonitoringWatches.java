package dev.vigil.reconciler;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.OwnedResources;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The watches of the prometheus-operator's kinds Vigil creates ({@link
 * OwnedResources#MONITORING_KINDS}), kept while their CRDs exist: JOSDK's dynamic event sources,
 * started by the first pass that finds the CRDs installed and stopped by the first that finds them
 * gone. A pass that comes while they start waits until their first list is in, so that no pass
 * reads a store that is still filling (and re-applies monitors it cannot see yet). One per
 * reconciler; safe for its concurrent passes.
 */
final class MonitoringWatches {

    private volatile Map<Class<? extends HasMetadata>, InformerEventSource<?, MonitoredDatabase>>
            started = Map.of();

    /**
     * The started watches by kind, after starting or stopping them as {@code installed} says: empty
     * when the CRDs are not installed.
     */
    Map<Class<? extends HasMetadata>, InformerEventSource<?, MonitoredDatabase>> follow(
            boolean installed, Context<MonitoredDatabase> context) {
        Map<Class<? extends HasMetadata>, InformerEventSource<?, MonitoredDatabase>> now = started;
        if (installed == !now.isEmpty()) {
            return now;
        }
        synchronized (this) {
            if (installed == !started.isEmpty()) {
                return started;
            }
            EventSourceRetriever<MonitoredDatabase> retriever = context.eventSourceRetriever();
            if (installed) {
                Map<Class<? extends HasMetadata>, InformerEventSource<?, MonitoredDatabase>>
                        sources = new LinkedHashMap<>();
                for (Class<? extends HasMetadata> kind : OwnedResources.MONITORING_KINDS) {
                    // Returns once the watch has listed what exists.
                    EventSource<?, MonitoredDatabase> source =
                            retriever.dynamicallyRegisterEventSource(
                                    DatabaseEventSources.owned(
                                            kind,
                                            retriever.eventSourceContextForDynamicRegistration()));
                    sources.put(kind, (InformerEventSource<?, MonitoredDatabase>) source);
                }
                started = Map.copyOf(sources);
            } else {
                for (Class<? extends HasMetadata> kind : started.keySet()) {
                    retriever.dynamicallyDeRegisterEventSource(HasMetadata.getPlural(kind));
                }
                started = Map.of();
            }
            return started;
        }
    }
}
