package dev.vigil.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the pods a database's NetworkPolicy must let in run, besides the database's own: the
 * operator and, unless {@code spec.network.prometheus} says otherwise, Prometheus.
 *
 * @param operatorNamespace the namespace the operator runs in; it reaches the members from there
 * @param operatorPodLabels labels the operator's pods carry, as the chart sets them
 * @param prometheusNamespaceLabels labels of the namespace Prometheus runs in, for a database whose
 *     spec names no Prometheus
 * @param prometheusPodLabels labels of the Prometheus pods in that namespace
 */
public record NetworkContext(
        String operatorNamespace,
        Map<String, String> operatorPodLabels,
        Map<String, String> prometheusNamespaceLabels,
        Map<String, String> prometheusPodLabels) {

    /** The label the API server puts on every namespace, with the namespace's name. */
    public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    /** The namespace the README installs the operator into. */
    public static final String DEFAULT_OPERATOR_NAMESPACE = "vigil-system";

    /** {@code app.kubernetes.io/name} of the operator's pods as the chart labels them. */
    public static final String DEFAULT_OPERATOR_NAME = "vigil-operator";

    /**
     * The operator chart's defaults, and kube-prometheus-stack in {@code monitoring}: the
     * prometheus-operator labels every Prometheus pod {@code app.kubernetes.io/name: prometheus}.
     */
    public static final NetworkContext DEFAULT =
            new NetworkContext(
                    DEFAULT_OPERATOR_NAMESPACE,
                    Map.of(StandardLabels.NAME, DEFAULT_OPERATOR_NAME),
                    Map.of(NAMESPACE_NAME_LABEL, "monitoring"),
                    Map.of(StandardLabels.NAME, "prometheus"));

    public NetworkContext {
        if (operatorNamespace == null || operatorNamespace.isEmpty()) {
            throw new IllegalArgumentException("the operator namespace is required");
        }
        operatorPodLabels = frozen(operatorPodLabels);
        prometheusNamespaceLabels = frozen(prometheusNamespaceLabels);
        prometheusPodLabels = frozen(prometheusPodLabels);
    }

    /** The same context, with the operator in {@code namespace}. */
    public NetworkContext withOperatorNamespace(String namespace) {
        return new NetworkContext(
                namespace, operatorPodLabels, prometheusNamespaceLabels, prometheusPodLabels);
    }

    /** The map in its given order, unmodifiable, so the rendered selectors are stable. */
    private static Map<String, String> frozen(Map<String, String> labels) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }
}
