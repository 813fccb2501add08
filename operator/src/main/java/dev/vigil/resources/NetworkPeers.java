package dev.vigil.resources;

import dev.vigil.api.v1alpha1.NetworkPeer;
import dev.vigil.api.v1alpha1.NetworkSpec;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The peers of a database's NetworkPolicy: who may talk to its pods, and whom they may call. */
final class NetworkPeers {

    private NetworkPeers() {}

    /** Pods with {@code labels} in the policy's own namespace. */
    static NetworkPolicyPeer sameNamespace(Map<String, String> labels) {
        return new NetworkPolicyPeerBuilder().withPodSelector(matching(labels)).build();
    }

    /** Pods with {@code podLabels} in the namespaces with {@code namespaceLabels}. */
    static NetworkPolicyPeer inNamespaces(
            Map<String, String> namespaceLabels, Map<String, String> podLabels) {
        return new NetworkPolicyPeerBuilder()
                .withNamespaceSelector(matching(namespaceLabels))
                .withPodSelector(matching(podLabels))
                .build();
    }

    /** The operator's pods, in its own namespace. */
    static NetworkPolicyPeer operator(NetworkContext network) {
        return inNamespaces(
                Map.of(NetworkContext.NAMESPACE_NAME_LABEL, network.operatorNamespace()),
                network.operatorPodLabels());
    }

    /** The cluster DNS pods. */
    static NetworkPolicyPeer dns(NetworkContext network) {
        return inNamespaces(
                Map.of(NetworkContext.NAMESPACE_NAME_LABEL, network.dnsNamespace()),
                network.dnsPodLabels());
    }

    /** {@code spec.network.prometheus}, or the context's Prometheus when the spec names none. */
    static NetworkPolicyPeer prometheus(NetworkSpec spec, NetworkContext network) {
        if (spec != null && spec.getPrometheus() != null) {
            return fromSpec(spec.getPrometheus(), "spec.network.prometheus");
        }
        return inNamespaces(network.prometheusNamespaceLabels(), network.prometheusPodLabels());
    }

    /** {@code spec.network.allowedClients}, in the order given; none when unset. */
    static List<NetworkPolicyPeer> allowedClients(NetworkSpec spec) {
        List<NetworkPolicyPeer> peers = new ArrayList<>();
        if (spec == null || spec.getAllowedClients() == null) {
            return peers;
        }
        List<NetworkPeer> clients = spec.getAllowedClients();
        for (int i = 0; i < clients.size(); i++) {
            peers.add(fromSpec(clients.get(i), "spec.network.allowedClients[" + i + "]"));
        }
        return peers;
    }

    /**
     * A peer as the spec gives it. Kubernetes reads a podSelector alone as the policy's namespace,
     * which is what the field's description promises.
     *
     * @throws IllegalArgumentException when the peer selects nothing, naming {@code field}
     */
    private static NetworkPolicyPeer fromSpec(NetworkPeer peer, String field) {
        if (peer == null
                || (peer.getPodSelector() == null && peer.getNamespaceSelector() == null)) {
            throw new IllegalArgumentException(
                    field + ": podSelector or namespaceSelector is required");
        }
        return new NetworkPolicyPeerBuilder()
                .withNamespaceSelector(copy(peer.getNamespaceSelector()))
                .withPodSelector(copy(peer.getPodSelector()))
                .build();
    }

    private static LabelSelector matching(Map<String, String> labels) {
        return new LabelSelectorBuilder().withMatchLabels(labels).build();
    }

    /** A copy, so the policy shares no mutable object with the custom resource. */
    private static LabelSelector copy(LabelSelector selector) {
        return selector == null ? null : new LabelSelectorBuilder(selector).build();
    }
}
