package dev.vigil.e2e.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which pods back a Service and on which port, as the endpoints controller decides: the pods of the
 * Service's namespace that its selector matches, that have an IP and are not being deleted; ready
 * ones serve, not-ready ones only when the Service publishes them ({@code
 * publishNotReadyAddresses}, as headless Services of StatefulSets do). Pure.
 */
public final class ServiceEndpoints {

    private ServiceEndpoints() {}

    /** Whether the Service has a cluster IP that kube-proxy forwards ({@code None}: headless). */
    public static boolean hasClusterIp(Service service) {
        String ip = service.getSpec() == null ? null : service.getSpec().getClusterIP();
        return ip != null && !ip.isEmpty() && !"None".equals(ip);
    }

    /** The pods that serve the Service now, by name; empty for a Service without a selector. */
    public static List<Pod> serving(Service service, List<Pod> podsOfNamespace) {
        boolean publishNotReady =
                Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
        return selected(service, podsOfNamespace).stream()
                .filter(pod -> publishNotReady || ready(pod))
                .toList();
    }

    /** The pods the Service's selector matches that have an IP and are not being deleted. */
    public static List<Pod> selected(Service service, List<Pod> podsOfNamespace) {
        Map<String, String> selector = service.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            return List.of();
        }
        return podsOfNamespace.stream()
                .filter(pod -> matches(selector, pod.getMetadata().getLabels()))
                .filter(pod -> podIp(pod).isPresent())
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparing(pod -> pod.getMetadata().getName()))
                .toList();
    }

    /** Whether the pod's {@code Ready} condition is true. */
    public static boolean ready(Pod pod) {
        List<PodCondition> conditions =
                pod.getStatus() == null ? null : pod.getStatus().getConditions();
        return conditions != null
                && conditions.stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    public static Optional<String> podIp(Pod pod) {
        String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        return ip == null || ip.isEmpty() ? Optional.empty() : Optional.of(ip);
    }

    /**
     * The pod's port a Service port forwards to: {@code targetPort} as a number, or the container
     * port of that name; the Service port itself when {@code targetPort} is unset. Empty when the
     * pod has no container port of that name, as such a pod is no endpoint of that port.
     */
    public static OptionalInt targetPort(ServicePort port, Pod pod) {
        IntOrString target = port.getTargetPort();
        if (target == null) {
            return OptionalInt.of(port.getPort());
        }
        if (target.getIntVal() != null) {
            return OptionalInt.of(target.getIntVal());
        }
        String name = target.getStrVal();
        if (name != null && name.matches("\\d+")) {
            return OptionalInt.of(Integer.parseInt(name));
        }
        return pod.getSpec().getContainers().stream()
                .map(Container::getPorts)
                .filter(Objects::nonNull)
                .flatMap(List::stream)
                .filter(p -> Objects.equals(name, p.getName()))
                .mapToInt(ContainerPort::getContainerPort)
                .findFirst();
    }

    private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return labels != null
                && selector.entrySet().stream()
                        .allMatch(e -> Objects.equals(e.getValue(), labels.get(e.getKey())));
    }
}
