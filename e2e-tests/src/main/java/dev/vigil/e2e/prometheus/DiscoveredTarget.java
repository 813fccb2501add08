package dev.vigil.e2e.prometheus;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One target as Prometheus's Kubernetes service discovery hands it to relabeling: an address and
 * its {@code __meta_kubernetes_*} labels (sorted, so the target files written from them are stable
 * from one refresh to the next).
 *
 * @param address {@code host:port}, or just the host for a container without ports
 * @param labels the discovery labels, without {@code __address__}
 */
record DiscoveredTarget(String address, Map<String, String> labels) {

    DiscoveredTarget {
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }
}
