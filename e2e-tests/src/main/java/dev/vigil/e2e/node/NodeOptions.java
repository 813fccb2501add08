package dev.vigil.e2e.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How the simulated node behaves.
 *
 * @param nodeName the node's name, written to {@code spec.nodeName} of every pod it runs
 * @param workDirectory where pod volumes, persistent volumes and container logs live; must be
 *     reachable (every parent directory searchable) by the unprivileged user containers run as
 * @param podNetwork the loopback block pod addresses come from, e.g. {@code 127.10.0.0/16}
 * @param clusterDomain the cluster DNS domain, e.g. {@code cluster.local}
 * @param crashLoopingImages images that start and exit with code 1 at once, every time, whatever
 *     runtime could run them (more can be added at run time: {@link Kubelet#crashLoop})
 * @param initialBackOff the first delay before restarting a failed container or pulling an image
 *     again (10 s on a real node); it doubles on each failure
 * @param maxBackOff the longest such delay (5 min on a real node)
 * @param syncInterval how often each pod's containers are polled for exit and readiness and its
 *     status written when it changed
 */
public record NodeOptions(
        String nodeName,
        Path workDirectory,
        String podNetwork,
        String clusterDomain,
        Set<String> crashLoopingImages,
        Duration initialBackOff,
        Duration maxBackOff,
        Duration syncInterval) {

    public static final String DEFAULT_NODE_NAME = "vigil-node-0";
    public static final String DEFAULT_POD_NETWORK = "127.10.0.0/16";

    public NodeOptions {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(workDirectory, "workDirectory");
        Objects.requireNonNull(podNetwork, "podNetwork");
        Objects.requireNonNull(clusterDomain, "clusterDomain");
        crashLoopingImages = Set.copyOf(crashLoopingImages);
        requirePositive(initialBackOff, "initialBackOff");
        requirePositive(maxBackOff, "maxBackOff");
        requirePositive(syncInterval, "syncInterval");
        if (maxBackOff.compareTo(initialBackOff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackOff must not be shorter than initialBackOff");
        }
    }

    /**
     * A node named {@link #DEFAULT_NODE_NAME}, pods on {@link #DEFAULT_POD_NETWORK}, domain {@code
     * cluster.local}, no crash-looping image, a back-off of 1 s doubling up to 8 s (a real node's
     * 10 s to 5 min, compressed), pods synced every 250 ms.
     */
    public static NodeOptions defaults(Path workDirectory) {
        return new NodeOptions(
                DEFAULT_NODE_NAME,
                workDirectory,
                DEFAULT_POD_NETWORK,
                ClusterDns.DEFAULT_DOMAIN,
                Set.of(),
                Duration.ofSeconds(1),
                Duration.ofSeconds(8),
                Duration.ofMillis(250));
    }

    public NodeOptions withCrashLoopingImages(Set<String> images) {
        return new NodeOptions(
                nodeName,
                workDirectory,
                podNetwork,
                clusterDomain,
                images,
                initialBackOff,
                maxBackOff,
                syncInterval);
    }

    /** The same options with pods on {@code cidr} (a block of loopback addresses). */
    public NodeOptions withPodNetwork(String cidr) {
        return new NodeOptions(
                nodeName,
                workDirectory,
                cidr,
                clusterDomain,
                crashLoopingImages,
                initialBackOff,
                maxBackOff,
                syncInterval);
    }

    public NodeOptions withBackOff(Duration initial, Duration max) {
        return new NodeOptions(
                nodeName,
                workDirectory,
                podNetwork,
                clusterDomain,
                crashLoopingImages,
                initial,
                max,
                syncInterval);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }
}
