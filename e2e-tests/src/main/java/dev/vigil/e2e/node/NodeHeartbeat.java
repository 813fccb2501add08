package dev.vigil.e2e.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's presence in the cluster, as a kubelet keeps it: it registers its {@code Node} with the
 * {@code Ready} condition, renews its {@code Lease} in {@code kube-node-lease} every {@link
 * #LEASE_RENEWAL} and posts its status again every {@link #STATUS_REPORT}, so the controller
 * manager's node lifecycle controller sees a healthy node and the pod garbage collector keeps its
 * pods. It authenticates as the node ({@code system:node:<name>}), so the Node authorizer and
 * NodeRestriction check what it writes.
 */
public final class NodeHeartbeat implements AutoCloseable {

    static final Duration LEASE_RENEWAL = Duration.ofSeconds(10);
    static final Duration STATUS_REPORT = Duration.ofMinutes(1);
    private static final int LEASE_SECONDS = 40;
    private static final Logger LOG = LoggerFactory.getLogger(NodeHeartbeat.class);

    private final KubernetesClient client;
    private final String nodeName;
    private final Clock clock;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                    runnable -> {
                        Thread thread = new Thread(runnable, "node-heartbeat");
                        thread.setDaemon(true);
                        return thread;
                    });

    private NodeHeartbeat(KubernetesClient client, String nodeName, Clock clock) {
        this.client = client;
        this.nodeName = nodeName;
        this.clock = clock;
    }

    /** Registers the node and starts renewing its lease; returns once the node is registered. */
    public static NodeHeartbeat start(KubernetesClient nodeClient, String nodeName) {
        NodeHeartbeat heartbeat = new NodeHeartbeat(nodeClient, nodeName, Clock.systemUTC());
        heartbeat.register();
        heartbeat.renewLease();
        heartbeat.timer.scheduleWithFixedDelay(
                heartbeat::renewLease,
                LEASE_RENEWAL.toSeconds(),
                LEASE_RENEWAL.toSeconds(),
                TimeUnit.SECONDS);
        heartbeat.timer.scheduleWithFixedDelay(
                heartbeat::reportStatus,
                STATUS_REPORT.toSeconds(),
                STATUS_REPORT.toSeconds(),
                TimeUnit.SECONDS);
        return heartbeat;
    }

    private void register() {
        Node node =
                new NodeBuilder()
                        .withNewMetadata()
                        .withName(nodeName)
                        .withLabels(
                                Map.of(
                                        "kubernetes.io/hostname", nodeName,
                                        "kubernetes.io/os", "linux",
                                        "kubernetes.io/arch", "amd64"))
                        .endMetadata()
                        .build();
        if (client.nodes().withName(nodeName).get() == null) {
            client.nodes().resource(node).create();
        }
        reportStatus();
    }

    private void reportStatus() {
        try {
            client.nodes()
                    .withName(nodeName)
                    .editStatus(
                            live -> {
                                live.setStatus(
                                        new io.fabric8.kubernetes.api.model.NodeStatusBuilder()
                                                .withConditions(ready())
                                                .withCapacity(capacity())
                                                .withAllocatable(capacity())
                                                .withAddresses(
                                                        new io.fabric8.kubernetes.api.model
                                                                        .NodeAddressBuilder()
                                                                .withType("InternalIP")
                                                                .withAddress(Kubelet.HOST_IP)
                                                                .build(),
                                                        new io.fabric8.kubernetes.api.model
                                                                        .NodeAddressBuilder()
                                                                .withType("Hostname")
                                                                .withAddress(nodeName)
                                                                .build())
                                                .withNewNodeInfo()
                                                .withKubeletVersion("v0.0.0-vigil-harness")
                                                .withOperatingSystem("linux")
                                                .withArchitecture("amd64")
                                                .withContainerRuntimeVersion("vigil-harness://1")
                                                .withOsImage("the harness's node")
                                                .withKernelVersion(System.getProperty("os.version"))
                                                .withKubeProxyVersion("")
                                                .withMachineID("")
                                                .withSystemUUID("")
                                                .withBootID("")
                                                .endNodeInfo()
                                                .build());
                                return live;
                            });
        } catch (KubernetesClientException e) {
            LOG.warn("Cannot post the status of node {}: {}", nodeName, e.getMessage());
        }
    }

    private NodeCondition ready() {
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        return new NodeConditionBuilder()
                .withType("Ready")
                .withStatus("True")
                .withReason("KubeletReady")
                .withMessage("the harness's kubelet is posting ready status")
                .withLastHeartbeatTime(now)
                .withLastTransitionTime(now)
                .build();
    }

    private static Map<String, Quantity> capacity() {
        return Map.of(
                "cpu", new Quantity("2"),
                "memory", new Quantity("24Gi"),
                "pods", new Quantity("250"),
                "ephemeral-storage", new Quantity("50Gi"));
    }

    private void renewLease() {
        ZonedDateTime now = ZonedDateTime.now(clock);
        try {
            Lease current = client.leases().inNamespace("kube-node-lease").withName(nodeName).get();
            if (current == null) {
                Node node = client.nodes().withName(nodeName).get();
                client.leases()
                        .inNamespace("kube-node-lease")
                        .resource(
                                new LeaseBuilder()
                                        .withNewMetadata()
                                        .withName(nodeName)
                                        .withNamespace("kube-node-lease")
                                        .withOwnerReferences(
                                                List.of(
                                                        new io.fabric8.kubernetes.api.model
                                                                        .OwnerReferenceBuilder()
                                                                .withApiVersion("v1")
                                                                .withKind("Node")
                                                                .withName(nodeName)
                                                                .withUid(
                                                                        node.getMetadata().getUid())
                                                                .build()))
                                        .endMetadata()
                                        .withNewSpec()
                                        .withHolderIdentity(nodeName)
                                        .withLeaseDurationSeconds(LEASE_SECONDS)
                                        .withRenewTime(now)
                                        .endSpec()
                                        .build())
                        .create();
            } else {
                current.getSpec().setRenewTime(now);
                client.leases().inNamespace("kube-node-lease").resource(current).update();
            }
        } catch (KubernetesClientException e) {
            LOG.warn("Cannot renew the lease of node {}: {}", nodeName, e.getMessage());
        }
    }

    /** Stops renewing; the node stays registered, as a stopped kubelet's does. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
