package dev.vigil.testing.network;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A model of the Kubernetes NetworkPolicy semantics for pod-to-pod traffic, to test what rendered
 * policies allow without a cluster and a network plugin.
 *
 * <ul>
 *   <li>A policy selects pods in its own namespace. A pod selected by some policy for a direction
 *       (Ingress, Egress) is isolated for it and allowed only what one of those policies' rules
 *       allows; a pod no policy selects for a direction is not restricted in it.
 *   <li>A connection needs both ends: the sender's egress and the receiver's ingress.
 *   <li>A peer with a podSelector alone means pods of the policy's namespace; a namespaceSelector
 *       alone, every pod of the matching namespaces; both, the matching pods of those namespaces.
 *       An ipBlock never matches a pod here, which the specification leaves to the plugin.
 *   <li>A rule without peers matches every peer; without ports, every port. A port without protocol
 *       is TCP; {@code endPort} makes it a range. Named ports are not modelled.
 *   <li>Without {@code policyTypes}, a policy is for Ingress, and for Egress if it has egress
 *       rules, as the API server defaults it.
 * </ul>
 */
public final class NetworkPolicyEvaluator {

    /** The label the API server puts on every namespace, with the namespace's name. */
    public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private static final String INGRESS = "Ingress";
    private static final String EGRESS = "Egress";

    private final List<NetworkPolicy> policies;
    private final Map<String, Map<String, String>> namespaceLabels;

    /**
     * @param policies every policy of the cluster
     * @param namespaceLabels labels of the namespaces by name; each also gets {@value
     *     #NAMESPACE_NAME_LABEL}, as the API server sets it
     */
    public NetworkPolicyEvaluator(
            List<NetworkPolicy> policies, Map<String, Map<String, String>> namespaceLabels) {
        this.policies = List.copyOf(policies);
        this.namespaceLabels = new HashMap<>();
        namespaceLabels.forEach(
                (name, labels) -> {
                    Map<String, String> withName = new HashMap<>(labels);
                    withName.put(NAMESPACE_NAME_LABEL, name);
                    this.namespaceLabels.put(name, Map.copyOf(withName));
                });
    }

    /**
     * Whether {@code from} may open a connection to {@code to} on {@code port}/{@code protocol}.
     */
    public boolean allowed(Pod from, Pod to, int port, String protocol) {
        return egressAllowed(from, to, port, protocol) && ingressAllowed(from, to, port, protocol);
    }

    /** Whether the policies selecting {@code to} for Ingress let {@code from} in. */
    public boolean ingressAllowed(Pod from, Pod to, int port, String protocol) {
        return allowedBy(
                to,
                INGRESS,
                policy ->
                        policy.getSpec().getIngress() == null
                                ? List.<Rule>of()
                                : policy.getSpec().getIngress().stream()
                                        .map(rule -> new Rule(rule.getFrom(), rule.getPorts()))
                                        .toList(),
                from,
                port,
                protocol);
    }

    /** Whether the policies selecting {@code from} for Egress let it out to {@code to}. */
    public boolean egressAllowed(Pod from, Pod to, int port, String protocol) {
        return allowedBy(
                from,
                EGRESS,
                policy ->
                        policy.getSpec().getEgress() == null
                                ? List.<Rule>of()
                                : policy.getSpec().getEgress().stream()
                                        .map(rule -> new Rule(rule.getTo(), rule.getPorts()))
                                        .toList(),
                to,
                port,
                protocol);
    }

    /** The peers and ports of an ingress or egress rule. */
    private record Rule(List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {}

    private boolean allowedBy(
            Pod subject,
            String direction,
            Function<NetworkPolicy, List<Rule>> rules,
            Pod other,
            int port,
            String protocol) {
        List<NetworkPolicy> isolating =
                policies.stream()
                        .filter(policy -> selects(policy, subject))
                        .filter(policy -> types(policy).contains(direction))
                        .toList();
        if (isolating.isEmpty()) {
            return true;
        }
        return isolating.stream()
                .anyMatch(
                        policy ->
                                rules.apply(policy).stream()
                                        .anyMatch(
                                                rule ->
                                                        peerMatches(rule.peers(), policy, other)
                                                                && portMatches(
                                                                        rule.ports(),
                                                                        port,
                                                                        protocol)));
    }

    private static boolean selects(NetworkPolicy policy, Pod pod) {
        return policy.getMetadata().getNamespace().equals(pod.namespace())
                && LabelSelectors.matches(policy.getSpec().getPodSelector(), pod.labels());
    }

    private static List<String> types(NetworkPolicy policy) {
        List<String> types = policy.getSpec().getPolicyTypes();
        if (types != null && !types.isEmpty()) {
            return types;
        }
        List<?> egress = policy.getSpec().getEgress();
        return egress == null || egress.isEmpty() ? List.of(INGRESS) : List.of(INGRESS, EGRESS);
    }

    private boolean peerMatches(List<NetworkPolicyPeer> peers, NetworkPolicy policy, Pod pod) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        return peers.stream().anyMatch(peer -> matches(peer, policy, pod));
    }

    private boolean matches(NetworkPolicyPeer peer, NetworkPolicy policy, Pod pod) {
        LabelSelector namespaces = peer.getNamespaceSelector();
        LabelSelector pods = peer.getPodSelector();
        if (namespaces == null && pods == null) {
            return false; // an ipBlock: never a pod in this model
        }
        boolean namespaceMatches =
                namespaces == null
                        ? pod.namespace().equals(policy.getMetadata().getNamespace())
                        : LabelSelectors.matches(namespaces, labelsOf(pod.namespace()));
        return namespaceMatches && (pods == null || LabelSelectors.matches(pods, pod.labels()));
    }

    private Map<String, String> labelsOf(String namespace) {
        Map<String, String> labels = namespaceLabels.get(namespace);
        if (labels == null) {
            throw new IllegalArgumentException("unknown namespace " + namespace);
        }
        return labels;
    }

    private static boolean portMatches(List<NetworkPolicyPort> ports, int port, String protocol) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        return ports.stream().anyMatch(candidate -> portMatches(candidate, port, protocol));
    }

    private static boolean portMatches(NetworkPolicyPort candidate, int port, String protocol) {
        String candidateProtocol =
                candidate.getProtocol() == null ? "TCP" : candidate.getProtocol();
        if (!candidateProtocol.equals(protocol)) {
            return false;
        }
        IntOrString number = candidate.getPort();
        if (number == null) {
            return true;
        }
        if (number.getIntVal() == null) {
            throw new IllegalArgumentException("named ports are not modelled: " + number);
        }
        int first = number.getIntVal();
        int last = candidate.getEndPort() == null ? first : candidate.getEndPort();
        return port >= first && port <= last;
    }
}
