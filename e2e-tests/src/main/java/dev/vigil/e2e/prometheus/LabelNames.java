package dev.vigil.e2e.prometheus;

import java.util.regex.Pattern;

/** Prometheus label names made from Kubernetes label names. Pure. */
final class LabelNames {

    private static final Pattern INVALID = Pattern.compile("[^a-zA-Z0-9_]");

    private LabelNames() {}

    /**
     * {@code name} with every character a Prometheus label name cannot hold replaced by {@code _},
     * as both Prometheus's discovery and prometheus-operator do ({@code app.kubernetes.io/name} ->
     * {@code app_kubernetes_io_name}).
     */
    static String sanitize(String name) {
        return INVALID.matcher(name).replaceAll("_");
    }
}
