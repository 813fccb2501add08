package dev.vigil.e2e.node;

import dev.vigil.names.DatabaseAddressResolver;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything a {@link ContainerRuntime} needs to start one container of a pod.
 *
 * @param pod the pod as stored in the API server
 * @param container the container (or init container) to start
 * @param initContainer whether it is an init container, expected to run to completion
 * @param podIp the pod's own loopback address (each pod gets one, as each pod has its own IP in a
 *     cluster); what the container would reach as {@code 127.0.0.1} or {@code localhost} is this
 *     address
 * @param env the container's environment with every {@code valueFrom} resolved (Secrets,
 *     ConfigMaps, the downward API); paths are container paths, see {@link #mounts}
 * @param mounts where each of the container's volume mounts lives on this machine
 * @param logFile where the container's standard output and error go
 * @param dns resolves cluster DNS names (pods through their headless Service, Services to their
 *     cluster IP) to loopback socket addresses, as the cluster's DNS and kube-proxy would
 */
public record ContainerLaunch(
        Pod pod,
        Container container,
        boolean initContainer,
        String podIp,
        Map<String, String> env,
        MountTable mounts,
        Path logFile,
        DatabaseAddressResolver dns) {

    public ContainerLaunch {
        env = Map.copyOf(env);
    }

    public String namespace() {
        return pod.getMetadata().getNamespace();
    }

    public String podName() {
        return pod.getMetadata().getName();
    }
}
