package dev.vigil.e2e.prometheus;

import io.fabric8.openshift.api.model.monitoring.v1.NamespaceSelector;
import java.util.List;
import java.util.Set;

/**
 * The namespaces a monitor discovers targets in, from its {@code namespaceSelector} as
 * prometheus-operator reads it: {@code any: true} is every namespace, {@code matchNames} those
 * namespaces, and nothing the monitor's own namespace.
 *
 * @param any whether every namespace is in scope
 * @param names the namespaces in scope when not {@code any}
 */
record NamespaceScope(boolean any, Set<String> names) {

    NamespaceScope {
        names = Set.copyOf(names);
    }

    static NamespaceScope of(NamespaceSelector selector, String monitorNamespace) {
        if (selector != null && Boolean.TRUE.equals(selector.getAny())) {
            return new NamespaceScope(true, Set.of());
        }
        List<String> matchNames = selector == null ? null : selector.getMatchNames();
        if (matchNames == null || matchNames.isEmpty()) {
            return new NamespaceScope(false, Set.of(monitorNamespace));
        }
        return new NamespaceScope(false, Set.copyOf(matchNames));
    }

    boolean contains(String namespace) {
        return any || names.contains(namespace);
    }
}
