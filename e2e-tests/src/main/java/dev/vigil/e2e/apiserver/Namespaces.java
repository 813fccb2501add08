package dev.vigil.e2e.apiserver;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Namespace lifecycle as objects meet it: an object can be created only in a namespace that exists
 * (404 otherwise, as on a real API server, unless the server was started without that check), and
 * the contents of a deleted namespace are collected. Deletion is at once, where a real namespace
 * stays Terminating until its contents are gone.
 */
final class Namespaces {

    private final ObjectStore store;
    private final boolean enforced;
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();

    Namespaces(ObjectStore store, boolean enforced) {
        this.store = store;
        this.enforced = enforced;
    }

    /** Refuses a create in a namespace that does not exist (when enforced). */
    void requireActive(String namespace) {
        if (enforced
                && store.get(BuiltInResources.find("", "namespaces"), null, namespace).isEmpty()) {
            throw ApiError.namespaceNotFound(namespace);
        }
    }

    void created(String namespace) {
        deleted.remove(namespace);
    }

    void deleted(String namespace) {
        deleted.add(namespace);
    }

    /** Namespaces deleted and not created again, whose remaining contents are to be collected. */
    Set<String> deletedNamespaces() {
        return Set.copyOf(deleted);
    }
}
