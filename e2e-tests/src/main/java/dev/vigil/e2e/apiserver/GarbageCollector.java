package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The garbage collector of kube-controller-manager, with background propagation: an object of any
 * kind whose owner references all name uids that no longer exist is deleted (its own finalizers
 * honoured), which in turn frees its dependents; an object that keeps at least one live owner just
 * loses the dangling references. It also deletes what is left in deleted namespaces. It sweeps
 * every few hundred milliseconds and right after each delete.
 *
 * <p>Foreground deletion is treated as background: the owner goes first, then its dependents.
 */
final class GarbageCollector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);
    private static final int MAX_PASSES = 20;

    private final ObjectStore store;
    private final ResourceCatalog catalog;
    private final ObjectWrites writes;
    private final Namespaces namespaces;
    private final AtomicBoolean triggered = new AtomicBoolean();
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(
                    runnable -> {
                        Thread thread = new Thread(runnable, "embedded-api-server-gc");
                        thread.setDaemon(true);
                        return thread;
                    });

    GarbageCollector(
            ObjectStore store,
            ResourceCatalog catalog,
            ObjectWrites writes,
            Namespaces namespaces) {
        this.store = store;
        this.catalog = catalog;
        this.writes = writes;
        this.namespaces = namespaces;
    }

    /** Starts sweeping every {@code interval}. */
    void start(Duration interval) {
        executor.scheduleWithFixedDelay(
                this::sweepLogged, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks for a sweep soon, as the real collector reacts to a deletion event. */
    void trigger() {
        if (!executor.isShutdown() && triggered.compareAndSet(false, true)) {
            executor.execute(
                    () -> {
                        triggered.set(false);
                        sweepLogged();
                    });
        }
    }

    /** Collects everything collectable now, transitively. */
    void sweep() {
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            boolean changed;
            synchronized (writes) {
                changed = sweepOnce();
            }
            if (!changed) {
                return;
            }
        }
    }

    private boolean sweepOnce() {
        List<ResourceType> types = catalog.all();
        Set<String> liveUids = new HashSet<>();
        Map<ResourceType, List<ObjectNode>> objects = new LinkedHashMap<>();
        for (ResourceType type : types) {
            List<ObjectNode> items = store.list(type, null);
            objects.put(type, items);
            items.forEach(item -> liveUids.add(item.path("metadata").path("uid").asText()));
        }
        Set<String> deletedNamespaces = namespaces.deletedNamespaces();
        boolean changed = false;
        for (var entry : objects.entrySet()) {
            ResourceType type = entry.getKey();
            for (ObjectNode object : entry.getValue()) {
                changed |= collect(type, object, liveUids, deletedNamespaces);
            }
        }
        return changed;
    }

    private boolean collect(
            ResourceType type,
            ObjectNode object,
            Set<String> liveUids,
            Set<String> deletedNamespaces) {
        boolean beingDeleted = object.path("metadata").has("deletionTimestamp");
        if (type.namespaced()
                && deletedNamespaces.contains(object.path("metadata").path("namespace").asText())) {
            if (beingDeleted) {
                return false;
            }
            writes.delete(type, object, false);
            return true;
        }
        List<String> owners = OwnerLinks.ownerUids(object);
        if (owners.isEmpty()) {
            return false;
        }
        Set<String> gone = new HashSet<>(owners);
        gone.removeAll(liveUids);
        if (gone.isEmpty()) {
            return false;
        }
        if (gone.size() == new HashSet<>(owners).size()) {
            if (beingDeleted) {
                return false;
            }
            LOG.debug(
                    "collecting {} {}", type.kind(), object.path("metadata").path("name").asText());
            writes.delete(type, object, false);
            return true;
        }
        ObjectNode copy = object.deepCopy();
        OwnerLinks.removeAll(copy, gone);
        writes.replaceUnchecked(type, copy);
        return true;
    }

    private void sweepLogged() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("garbage collection sweep failed", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
