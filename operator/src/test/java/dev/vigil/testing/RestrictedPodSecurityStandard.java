package dev.vigil.testing;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks a pod spec against the Kubernetes "restricted" Pod Security Standard (which includes the
 * "baseline" one) as far as Vigil's pods can break it: host namespaces, host ports, volume types,
 * privileged containers, privilege escalation, non-root users, capabilities and seccomp. Each
 * violation is one line naming the workload, the container where there is one, and the rule.
 *
 * @see <a href="https://kubernetes.io/docs/concepts/security/pod-security-standards/">Pod Security
 *     Standards</a>
 */
public final class RestrictedPodSecurityStandard {

    /** The volume types the restricted standard allows. */
    static final Set<String> ALLOWED_VOLUME_TYPES =
            Set.of(
                    "configMap",
                    "csi",
                    "downwardAPI",
                    "emptyDir",
                    "ephemeral",
                    "persistentVolumeClaim",
                    "projected",
                    "secret");

    private static final Set<String> ALLOWED_SECCOMP = Set.of("RuntimeDefault", "Localhost");
    private static final String NET_BIND_SERVICE = "NET_BIND_SERVICE";

    private RestrictedPodSecurityStandard() {}

    /**
     * Every violation of the restricted standard in {@code pod}, empty when it complies.
     *
     * @param workload how to name the pod's owner in the messages, e.g. {@code StatefulSet/shop/a}
     */
    public static List<String> violations(String workload, PodSpec pod) {
        List<String> found = new ArrayList<>();
        if (Boolean.TRUE.equals(pod.getHostNetwork())) {
            found.add(workload + ": hostNetwork must not be true");
        }
        if (Boolean.TRUE.equals(pod.getHostPID())) {
            found.add(workload + ": hostPID must not be true");
        }
        if (Boolean.TRUE.equals(pod.getHostIPC())) {
            found.add(workload + ": hostIPC must not be true");
        }
        for (Volume volume : Optional.ofNullable(pod.getVolumes()).orElse(List.of())) {
            for (String type : volumeTypes(volume)) {
                if (!ALLOWED_VOLUME_TYPES.contains(type)) {
                    found.add(
                            "%s: volume %s: type %s is not allowed (only %s)"
                                    .formatted(
                                            workload,
                                            volume.getName(),
                                            type,
                                            ALLOWED_VOLUME_TYPES.stream().sorted().toList()));
                }
            }
        }
        PodSecurityContext podContext =
                Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);
        if (Boolean.FALSE.equals(podContext.getRunAsNonRoot())) {
            found.add(workload + ": pod runAsNonRoot must not be false");
        }
        SeccompProfile podSeccomp = podContext.getSeccompProfile();
        if (podSeccomp != null && !ALLOWED_SECCOMP.contains(podSeccomp.getType())) {
            found.add(
                    workload + ": pod seccompProfile " + podSeccomp.getType() + " is not allowed");
        }
        Stream.concat(
                        Optional.ofNullable(pod.getInitContainers()).orElse(List.of()).stream()
                                .map(c -> new Named("init container " + c.getName(), c)),
                        Optional.ofNullable(pod.getContainers()).orElse(List.of()).stream()
                                .map(c -> new Named("container " + c.getName(), c)))
                .forEach(
                        named ->
                                container(
                                        workload + ": " + named.label(),
                                        named.container(),
                                        podContext,
                                        found));
        return found;
    }

    private static void container(
            String where, Container container, PodSecurityContext pod, List<String> found) {
        SecurityContext context =
                Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);
        if (Boolean.TRUE.equals(context.getPrivileged())) {
            found.add(where + ": privileged must not be true");
        }
        if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
            found.add(where + ": allowPrivilegeEscalation must be false");
        }
        Boolean nonRoot =
                Optional.ofNullable(context.getRunAsNonRoot()).orElse(pod.getRunAsNonRoot());
        if (!Boolean.TRUE.equals(nonRoot)) {
            found.add(where + ": runAsNonRoot must be true (container or pod)");
        }
        Long user = Optional.ofNullable(context.getRunAsUser()).orElse(pod.getRunAsUser());
        if (user != null && user == 0) {
            found.add(where + ": runAsUser must not be 0 (container or pod)");
        }
        capabilities(where, context.getCapabilities(), found);
        seccomp(where, context.getSeccompProfile(), pod.getSeccompProfile(), found);
        for (ContainerPort port : Optional.ofNullable(container.getPorts()).orElse(List.of())) {
            if (port.getHostPort() != null && port.getHostPort() != 0) {
                found.add(where + ": hostPort must not be set (port " + port.getName() + ")");
            }
        }
    }

    private static void capabilities(String where, Capabilities capabilities, List<String> found) {
        List<String> drop =
                capabilities == null || capabilities.getDrop() == null
                        ? List.of()
                        : capabilities.getDrop();
        if (!drop.contains("ALL")) {
            found.add(where + ": capabilities must drop ALL");
        }
        List<String> add =
                capabilities == null || capabilities.getAdd() == null
                        ? List.of()
                        : capabilities.getAdd();
        for (String added : add) {
            if (!NET_BIND_SERVICE.equals(added)) {
                found.add(where + ": capability " + added + " must not be added");
            }
        }
    }

    private static void seccomp(
            String where, SeccompProfile container, SeccompProfile pod, List<String> found) {
        if (container != null && container.getType() != null) {
            if (!ALLOWED_SECCOMP.contains(container.getType())) {
                found.add(where + ": seccompProfile " + container.getType() + " is not allowed");
            }
            return;
        }
        if (pod == null || !ALLOWED_SECCOMP.contains(pod.getType())) {
            found.add(
                    where
                            + ": seccompProfile must be RuntimeDefault or Localhost (container or"
                            + " pod)");
        }
    }

    /** The fields of {@code volume} that say its type: every key but its name. */
    @SuppressWarnings("unchecked") // a serialized Volume is a JSON object
    private static List<String> volumeTypes(Volume volume) {
        Map<String, Object> fields = Serialization.jsonMapper().convertValue(volume, Map.class);
        return fields.keySet().stream().filter(key -> !key.equals("name")).sorted().toList();
    }

    private record Named(String label, Container container) {}
}
