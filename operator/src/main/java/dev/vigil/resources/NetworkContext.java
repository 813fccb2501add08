package dev.vigil.resources;

import dev.vigil.names.StandardLabels;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the pods a database's NetworkPolicy must let in run, besides the database's own: the
 * operator and, unless {@code spec.network.prometheus} says otherwise, Prometheus.
 *
 * @param operatorNamespace the namespace the operator runs in; it reaches the members from there
 * @param operatorPodLabels labels the operator's pods carry, as the chart sets them
 * @param prometheusNamespaceLabels labels of the namespace Prometheus runs in, for a database whose
 *     spec names no Prometheus
 * @param prometheusPodLabels labels of the Prometheus pods in that namespace
 * @param dnsNamespace the namespace the cluster DNS runs in
 * @param dnsPodLabels labels of the cluster DNS pods, which every member may query
 * @param externalUriPorts for one External database with {@code spec.external.uriSecret}: the ports
 *     of the URI in that Secret, which the operator read; empty when unknown (the builders never
 *     read Secrets, and {@code vigil render} cannot)
 */
public record NetworkContext(
        String operatorNamespace,
        Map<String, String> operatorPodLabels,
        Map<String, String> prometheusNamespaceLabels,
        Map<String, String> prometheusPodLabels,
        String dnsNamespace,
        Map<String, String> dnsPodLabels,
        Set<Integer> externalUriPorts) {

    /** The label the API server puts on every namespace, with the namespace's name. */
    public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    /** The namespace the README installs the operator into. */
    public static final String DEFAULT_OPERATOR_NAMESPACE = "vigil-system";

    /** {@code app.kubernetes.io/name} of the operator's pods as the chart labels them. */
    public static final String DEFAULT_OPERATOR_NAME = "vigil-operator";

    /** The namespace of the cluster DNS on kubeadm, GKE, EKS and AKS clusters alike. */
    public static final String DEFAULT_DNS_NAMESPACE = "kube-system";

    /** The label CoreDNS keeps from kube-dns on kubeadm, GKE, EKS and AKS clusters alike. */
    public static final Map<String, String> DEFAULT_DNS_POD_LABELS = Map.of("k8s-app", "kube-dns");

    /**
     * The operator chart's defaults, kube-prometheus-stack in {@code monitoring} (the
     * prometheus-operator labels every Prometheus pod {@code app.kubernetes.io/name: prometheus}),
     * and CoreDNS as most clusters run it.
     */
    public static final NetworkContext DEFAULT =
            new NetworkContext(
                    DEFAULT_OPERATOR_NAMESPACE,
                    Map.of(StandardLabels.NAME, DEFAULT_OPERATOR_NAME),
                    Map.of(NAMESPACE_NAME_LABEL, "monitoring"),
                    Map.of(StandardLabels.NAME, "prometheus"),
                    DEFAULT_DNS_NAMESPACE,
                    DEFAULT_DNS_POD_LABELS,
                    Set.of());

    public NetworkContext {
        requireName(operatorNamespace, "the operator namespace");
        requireName(dnsNamespace, "the DNS namespace");
        operatorPodLabels = selecting(operatorPodLabels, "the operator's pod labels");
        prometheusNamespaceLabels = frozen(prometheusNamespaceLabels);
        prometheusPodLabels = frozen(prometheusPodLabels);
        dnsPodLabels = selecting(dnsPodLabels, "the DNS pod labels");
        externalUriPorts = Collections.unmodifiableSet(new TreeSet<>(externalUriPorts));
    }

    /** The same context, with the operator in {@code namespace}. */
    public NetworkContext withOperatorNamespace(String namespace) {
        return new NetworkContext(
                namespace,
                operatorPodLabels,
                prometheusNamespaceLabels,
                prometheusPodLabels,
                dnsNamespace,
                dnsPodLabels,
                externalUriPorts);
    }

    /** The same context, with the operator's pods labelled {@code labels}. */
    public NetworkContext withOperatorPodLabels(Map<String, String> labels) {
        return new NetworkContext(
                operatorNamespace,
                labels,
                prometheusNamespaceLabels,
                prometheusPodLabels,
                dnsNamespace,
                dnsPodLabels,
                externalUriPorts);
    }

    /** The same context, with the default Prometheus in the namespaces and pods given. */
    public NetworkContext withPrometheus(
            Map<String, String> namespaceLabels, Map<String, String> podLabels) {
        return new NetworkContext(
                operatorNamespace,
                operatorPodLabels,
                namespaceLabels,
                podLabels,
                dnsNamespace,
                dnsPodLabels,
                externalUriPorts);
    }

    /**
     * The same context, with the cluster DNS pods labelled {@code podLabels} in {@code namespace}.
     */
    public NetworkContext withDns(String namespace, Map<String, String> podLabels) {
        return new NetworkContext(
                operatorNamespace,
                operatorPodLabels,
                prometheusNamespaceLabels,
                prometheusPodLabels,
                namespace,
                podLabels,
                externalUriPorts);
    }

    /** The same context, for an External database whose URI Secret names {@code ports}. */
    public NetworkContext withExternalUriPorts(Set<Integer> ports) {
        return new NetworkContext(
                operatorNamespace,
                operatorPodLabels,
                prometheusNamespaceLabels,
                prometheusPodLabels,
                dnsNamespace,
                dnsPodLabels,
                ports);
    }

    private static void requireName(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " is required");
        }
    }

    /**
     * {@link #frozen} labels that must select something: an empty selector would match every pod of
     * the namespace.
     */
    private static Map<String, String> selecting(Map<String, String> labels, String what) {
        if (labels == null || labels.isEmpty()) {
            throw new IllegalArgumentException(what + " must hold at least one label");
        }
        return frozen(labels);
    }

    /** The map in its given order, unmodifiable, so the rendered selectors are stable. */
    private static Map<String, String> frozen(Map<String, String> labels) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }
}
