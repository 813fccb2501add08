package dev.vigil.resources;

import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.NetworkSpec;
import dev.vigil.names.OwnedMetadata;
import dev.vigil.names.ResourceNames;
import dev.vigil.names.StandardLabels;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the NetworkPolicy {@code <name>-network} of a database, on unless {@code
 * spec.network.policy.enabled} is false. It isolates the pods it selects in both directions, so
 * whatever its rules do not allow is denied:
 *
 * <ul>
 *   <li>Managed: the database pods take the database port from the members (replication), the
 *       operator and {@code spec.network.allowedClients}, and the exporter port from Prometheus
 *       only; they call the cluster DNS and each other on the database port, nothing else. With
 *       {@code spec.backup}, the operator also reaches the backup agent's port, and the members
 *       call the object store's port; with {@code spec.bootstrap}, they call the source store's
 *       port.
 *   <li>External: the exporter pods take the exporter port from Prometheus and the operator (which
 *       reads the exporter's {@code up}); they call the cluster DNS and the endpoints' ports on any
 *       address, since a NetworkPolicy cannot name a host.
 * </ul>
 */
public final class NetworkPolicyBuilder {

    static final String TCP = "TCP";
    static final String UDP = "UDP";
    static final int DNS_PORT = 53;
    static final String INGRESS = "Ingress";
    static final String EGRESS = "Egress";

    private NetworkPolicyBuilder() {}

    /** Whether {@code database} (already defaulted) gets a NetworkPolicy. */
    public static boolean enabled(MonitoredDatabase database) {
        NetworkSpec network = database.getSpec().getNetwork();
        return network == null
                || network.getPolicy() == null
                || !Boolean.FALSE.equals(network.getPolicy().getEnabled());
    }

    /** The policy of a Managed database, selecting its members' pods. */
    public static NetworkPolicy managed(MonitoredDatabase database, NetworkContext context) {
        NetworkSpec spec = database.getSpec().getNetwork();
        Map<String, String> members =
                StandardLabels.selector(database, StandardLabels.COMPONENT_DATABASE);
        int databasePort = DatabasePorts.database(database);
        List<NetworkPolicyPeer> clients = new ArrayList<>();
        clients.add(NetworkPeers.sameNamespace(members));
        clients.add(NetworkPeers.operator(context));
        clients.addAll(NetworkPeers.allowedClients(spec));
        if (database.getSpec().getEngine() == Engine.MongoDB) {
            // The scheduled dumps read the database; the bootstrap restore writes it.
            if (database.getSpec().getBackup() != null) {
                clients.add(
                        NetworkPeers.sameNamespace(
                                StandardLabels.selector(
                                        database, StandardLabels.COMPONENT_BACKUP)));
            }
            if (database.getSpec().getBootstrap() != null) {
                clients.add(
                        NetworkPeers.sameNamespace(
                                StandardLabels.selector(
                                        database, StandardLabels.COMPONENT_RESTORE)));
            }
        }
        List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
        ingress.add(ingress(clients, tcp(databasePort)));
        if (ExporterContainers.enabled(database)) {
            ingress.add(
                    ingress(
                            List.of(NetworkPeers.prometheus(spec, context)),
                            tcp(DatabasePorts.exporterPort(database))));
        }
        List<NetworkPolicyEgressRule> egress = new ArrayList<>();
        egress.add(dns(context));
        egress.add(egress(NetworkPeers.sameNamespace(members), tcp(databasePort)));
        if (database.getSpec().getBackup() != null
                && database.getSpec().getEngine() == Engine.PostgreSQL) {
            // The operator reads the backup agent's status.
            ingress.add(
                    ingress(
                            List.of(NetworkPeers.operator(context)),
                            tcp(DatabasePorts.BACKUP_AGENT)));
            // The object store, on any address: a NetworkPolicy cannot name a host.
            DatabasePorts.backupStore(database).ifPresent(port -> egress.add(anywhere(tcp(port))));
        }
        // The source of spec.bootstrap, for PostgreSQL's restore in the members; once per port.
        DatabasePorts.bootstrapStore(database)
                .filter(port -> database.getSpec().getEngine() == Engine.PostgreSQL)
                .filter(port -> !port.equals(storePort(database)))
                .ifPresent(port -> egress.add(anywhere(tcp(port))));
        return policy(database, StandardLabels.COMPONENT_DATABASE, members, ingress, egress);
    }

    private static Integer storePort(MonitoredDatabase database) {
        return database.getSpec().getBackup() == null
                ? null
                : DatabasePorts.backupStore(database).orElse(null);
    }

    /**
     * The policy of an External database, selecting its exporter's pods.
     *
     * @param endpointPorts the ports the exporter connects to; empty when they are unknown (a
     *     {@code uriSecret} the builder does not read), and then the exporter may call any port
     */
    public static NetworkPolicy external(
            MonitoredDatabase database,
            Map<String, String> exporterPods,
            Collection<Integer> endpointPorts,
            NetworkContext context) {
        NetworkPolicyIngressRule scrapes =
                ingress(
                        List.of(
                                NetworkPeers.prometheus(database.getSpec().getNetwork(), context),
                                NetworkPeers.operator(context)),
                        tcp(DatabasePorts.exporterPort(database)));
        NetworkPolicyEgressRuleBuilder endpoints = new NetworkPolicyEgressRuleBuilder();
        if (!endpointPorts.isEmpty()) {
            endpoints.withPorts(endpointPorts.stream().map(NetworkPolicyBuilder::tcp).toList());
        }
        return policy(
                database,
                StandardLabels.COMPONENT_METRICS,
                exporterPods,
                List.of(scrapes),
                List.of(dns(context), endpoints.build()));
    }

    /**
     * The policy of the throwaway pods that verify restores of {@code database}: nothing may call
     * them; they call the cluster DNS and the object store's port (on any address), nothing else.
     *
     * @param name the policy's name
     * @param component the pods' component, also the policy's
     * @param pods the labels selecting the pods
     */
    public static NetworkPolicy isolatedBackupPods(
            MonitoredDatabase database,
            String name,
            String component,
            Map<String, String> pods,
            NetworkContext context) {
        List<NetworkPolicyEgressRule> egress = new ArrayList<>();
        egress.add(dns(context));
        DatabasePorts.backupStore(database).ifPresent(port -> egress.add(anywhere(tcp(port))));
        return policy(database, name, component, pods, List.of(), egress);
    }

    /**
     * The policy of pods that run a MongoDB database's tools against it (its scheduled dumps, its
     * bootstrap restore): nothing may call them; they call the cluster DNS, the members' database
     * port and the object store's port (on any address).
     *
     * @param name the policy's name
     * @param component the pods' component, also the policy's
     * @param storePort the object store's port; empty for a volume store
     */
    public static NetworkPolicy databaseToolPods(
            MonitoredDatabase database,
            String name,
            String component,
            Optional<Integer> storePort,
            NetworkContext context) {
        List<NetworkPolicyEgressRule> egress = new ArrayList<>();
        egress.add(dns(context));
        egress.add(
                egress(
                        NetworkPeers.sameNamespace(
                                StandardLabels.selector(
                                        database, StandardLabels.COMPONENT_DATABASE)),
                        tcp(DatabasePorts.database(database))));
        storePort.ifPresent(port -> egress.add(anywhere(tcp(port))));
        return policy(
                database,
                name,
                component,
                StandardLabels.selector(database, component),
                List.of(),
                egress);
    }

    private static NetworkPolicy policy(
            MonitoredDatabase database,
            String component,
            Map<String, String> pods,
            List<NetworkPolicyIngressRule> ingress,
            List<NetworkPolicyEgressRule> egress) {
        return policy(
                database, ResourceNames.networkPolicy(database), component, pods, ingress, egress);
    }

    private static NetworkPolicy policy(
            MonitoredDatabase database,
            String name,
            String component,
            Map<String, String> pods,
            List<NetworkPolicyIngressRule> ingress,
            List<NetworkPolicyEgressRule> egress) {
        // Fully qualified: this class has the fabric8 builder's simple name.
        return new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder()
                .withMetadata(OwnedMetadata.of(database, name, component))
                .withNewSpec()
                .withNewPodSelector()
                .withMatchLabels(pods)
                .endPodSelector()
                .withPolicyTypes(INGRESS, EGRESS)
                .withIngress(ingress)
                .withEgress(egress)
                .endSpec()
                .build();
    }

    /** Name resolution: UDP, and TCP for the answers too large for UDP. */
    private static NetworkPolicyEgressRule dns(NetworkContext context) {
        return new NetworkPolicyEgressRuleBuilder()
                .withTo(NetworkPeers.dns(context))
                .withPorts(port(UDP, DNS_PORT), port(TCP, DNS_PORT))
                .build();
    }

    private static NetworkPolicyIngressRule ingress(
            List<NetworkPolicyPeer> from, NetworkPolicyPort port) {
        return new NetworkPolicyIngressRuleBuilder().withFrom(from).withPorts(port).build();
    }

    /** To any address on {@code port}: for an object store, which a NetworkPolicy cannot name. */
    private static NetworkPolicyEgressRule anywhere(NetworkPolicyPort port) {
        return new NetworkPolicyEgressRuleBuilder().withPorts(port).build();
    }

    private static NetworkPolicyEgressRule egress(NetworkPolicyPeer to, NetworkPolicyPort port) {
        return new NetworkPolicyEgressRuleBuilder().withTo(to).withPorts(port).build();
    }

    private static NetworkPolicyPort tcp(int port) {
        return port(TCP, port);
    }

    private static NetworkPolicyPort port(String protocol, int port) {
        return new NetworkPolicyPortBuilder()
                .withProtocol(protocol)
                .withPort(new IntOrString(port))
                .build();
    }
}
