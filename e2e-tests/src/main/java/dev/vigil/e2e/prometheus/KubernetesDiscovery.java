package dev.vigil.e2e.prometheus;

import dev.vigil.testing.network.LabelSelectors;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Prometheus's {@code kubernetes_sd_configs} would discover in the cluster, with the same
 * {@code __meta_kubernetes_*} labels: role {@code endpoints} (what a ServiceMonitor scrapes) and
 * role {@code pod} (what a PodMonitor scrapes). Pure.
 *
 * <p>There is no Endpoints controller in the local harness, so the endpoints of a Service are
 * derived here as Kubernetes' Endpoints controller derives them: the pods its selector matches that
 * have an IP and are neither finished nor terminating, ready ones as {@code addresses} and the rest
 * as {@code notReadyAddresses} (all ready when the Service publishes not-ready addresses), on each
 * Service port's {@code targetPort} resolved against the pod's containers. Prometheus scrapes
 * not-ready addresses too, labelled {@code __meta_kubernetes_endpoint_ready: false}. Services
 * without a selector (hand-written Endpoints) are not discovered.
 */
final class KubernetesDiscovery {

    private static final String META = "__meta_kubernetes_";

    private KubernetesDiscovery() {}

    /**
     * Role {@code endpoints}: one target per endpoint address and port, plus the pods' other ports.
     */
    static List<DiscoveredTarget> endpoints(
            List<Service> services, List<Pod> pods, NamespaceScope scope) {
        List<DiscoveredTarget> targets = new ArrayList<>();
        for (Service service : services) {
            String namespace = service.getMetadata().getNamespace();
            Map<String, String> selector = service.getSpec().getSelector();
            if (!scope.contains(namespace) || selector == null || selector.isEmpty()) {
                continue;
            }
            Map<String, String> common = new LinkedHashMap<>();
            common.put(META + "namespace", namespace);
            common.put(META + "endpoints_name", service.getMetadata().getName());
            common.putAll(objectLabels("endpoints", endpointsLabels(service), Map.of()));
            common.put(META + "service_name", service.getMetadata().getName());
            common.putAll(
                    objectLabels(
                            "service",
                            orEmpty(service.getMetadata().getLabels()),
                            orEmpty(service.getMetadata().getAnnotations())));
            for (Pod pod : pods) {
                if (namespace.equals(pod.getMetadata().getNamespace())
                        && LabelSelectors.matches(selector, orEmpty(pod.getMetadata().getLabels()))
                        && isEndpoint(pod)) {
                    targets.addAll(endpointTargets(service, pod, common));
                }
            }
        }
        return targets;
    }

    /** Role {@code pod}: one target per container port of each pod with an IP. */
    static List<DiscoveredTarget> pods(List<Pod> pods, NamespaceScope scope) {
        List<DiscoveredTarget> targets = new ArrayList<>();
        for (Pod pod : pods) {
            String ip = podIp(pod);
            if (!scope.contains(pod.getMetadata().getNamespace()) || ip == null) {
                continue;
            }
            Map<String, String> common = new LinkedHashMap<>();
            common.put(META + "namespace", pod.getMetadata().getNamespace());
            common.putAll(podLabels(pod));
            addContainerTargets(targets, pod.getSpec().getInitContainers(), true, ip, common);
            addContainerTargets(targets, pod.getSpec().getContainers(), false, ip, common);
        }
        return targets;
    }

    private static void addContainerTargets(
            List<DiscoveredTarget> targets,
            List<Container> containers,
            boolean init,
            String ip,
            Map<String, String> common) {
        for (Container container : orEmpty(containers)) {
            Map<String, String> labels = new LinkedHashMap<>(common);
            labels.put(META + "pod_container_name", container.getName());
            labels.put(META + "pod_container_image", nullToEmpty(container.getImage()));
            labels.put(META + "pod_container_init", Boolean.toString(init));
            if (orEmpty(container.getPorts()).isEmpty()) {
                targets.add(new DiscoveredTarget(ip, labels));
            }
            for (ContainerPort port : orEmpty(container.getPorts())) {
                Map<String, String> portLabels = new LinkedHashMap<>(labels);
                portLabels.putAll(containerPortLabels(port));
                targets.add(new DiscoveredTarget(ip + ":" + port.getContainerPort(), portLabels));
            }
        }
    }

    private static List<DiscoveredTarget> endpointTargets(
            Service service, Pod pod, Map<String, String> common) {
        List<DiscoveredTarget> targets = new ArrayList<>();
        String ip = podIp(pod);
        boolean ready =
                Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses())
                        || "true".equals(readiness(pod));
        Set<Integer> portsInEndpoints = new HashSet<>();
        for (ServicePort servicePort : orEmpty(service.getSpec().getPorts())) {
            Optional<Integer> number = resolveTargetPort(servicePort, pod);
            if (number.isEmpty()) {
                continue;
            }
            portsInEndpoints.add(number.get());
            Map<String, String> labels = new LinkedHashMap<>(common);
            labels.put(META + "endpoint_ready", Boolean.toString(ready));
            labels.put(META + "endpoint_port_name", nullToEmpty(servicePort.getName()));
            labels.put(META + "endpoint_port_protocol", protocol(servicePort.getProtocol()));
            labels.put(META + "endpoint_address_target_kind", "Pod");
            labels.put(META + "endpoint_address_target_name", pod.getMetadata().getName());
            if (pod.getSpec().getNodeName() != null) {
                labels.put(META + "endpoint_node_name", pod.getSpec().getNodeName());
            }
            if (pod.getSpec().getHostname() != null
                    && service.getMetadata().getName().equals(pod.getSpec().getSubdomain())) {
                labels.put(META + "endpoint_hostname", pod.getSpec().getHostname());
            }
            labels.putAll(podLabels(pod));
            containerWithPort(pod, number.get())
                    .ifPresent(
                            found -> {
                                labels.put(META + "pod_container_name", found.container.getName());
                                labels.put(
                                        META + "pod_container_image",
                                        nullToEmpty(found.container.getImage()));
                                labels.putAll(containerPortLabels(found.port));
                            });
            targets.add(new DiscoveredTarget(ip + ":" + number.get(), labels));
        }
        // Prometheus adds every other container port of a pod behind the Service as a target of
        // its own, without endpoint labels: a ServiceMonitor selecting by targetPort reaches them.
        for (Container container : orEmpty(pod.getSpec().getContainers())) {
            for (ContainerPort port : orEmpty(container.getPorts())) {
                if (portsInEndpoints.contains(port.getContainerPort())) {
                    continue;
                }
                Map<String, String> labels = new LinkedHashMap<>(common);
                labels.putAll(podLabels(pod));
                labels.put(META + "pod_container_name", container.getName());
                labels.put(META + "pod_container_image", nullToEmpty(container.getImage()));
                labels.putAll(containerPortLabels(port));
                targets.add(new DiscoveredTarget(ip + ":" + port.getContainerPort(), labels));
            }
        }
        return targets;
    }

    /**
     * The Endpoints controller lists a pod when it has an IP and is neither finished nor being
     * deleted.
     */
    private static boolean isEndpoint(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return podIp(pod) != null
                && !"Succeeded".equals(phase)
                && !"Failed".equals(phase)
                && pod.getMetadata().getDeletionTimestamp() == null;
    }

    /** A numeric targetPort as is, a named one through the pod's container ports, none = port. */
    private static Optional<Integer> resolveTargetPort(ServicePort servicePort, Pod pod) {
        IntOrString target = servicePort.getTargetPort();
        if (target == null || (target.getIntVal() == null && target.getStrVal() == null)) {
            return Optional.of(servicePort.getPort());
        }
        if (target.getIntVal() != null) {
            return Optional.of(target.getIntVal());
        }
        return orEmpty(pod.getSpec().getContainers()).stream()
                .flatMap(container -> orEmpty(container.getPorts()).stream())
                .filter(port -> target.getStrVal().equals(port.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst();
    }

    private record ContainerAndPort(Container container, ContainerPort port) {}

    private static Optional<ContainerAndPort> containerWithPort(Pod pod, int number) {
        for (Container container : orEmpty(pod.getSpec().getContainers())) {
            for (ContainerPort port : orEmpty(container.getPorts())) {
                if (port.getContainerPort() == number) {
                    return Optional.of(new ContainerAndPort(container, port));
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> podLabels(Pod pod) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(META + "pod_name", pod.getMetadata().getName());
        labels.put(META + "pod_ip", nullToEmpty(podIp(pod)));
        labels.put(META + "pod_ready", readiness(pod));
        labels.put(
                META + "pod_phase",
                pod.getStatus() == null ? "" : nullToEmpty(pod.getStatus().getPhase()));
        labels.put(META + "pod_node_name", nullToEmpty(pod.getSpec().getNodeName()));
        labels.put(
                META + "pod_host_ip",
                pod.getStatus() == null ? "" : nullToEmpty(pod.getStatus().getHostIP()));
        labels.put(META + "pod_uid", nullToEmpty(pod.getMetadata().getUid()));
        labels.putAll(
                objectLabels(
                        "pod",
                        orEmpty(pod.getMetadata().getLabels()),
                        orEmpty(pod.getMetadata().getAnnotations())));
        orEmpty(pod.getMetadata().getOwnerReferences()).stream()
                .filter(owner -> Boolean.TRUE.equals(owner.getController()))
                .findFirst()
                .ifPresent(
                        (OwnerReference owner) -> {
                            labels.put(META + "pod_controller_kind", owner.getKind());
                            labels.put(META + "pod_controller_name", owner.getName());
                        });
        return labels;
    }

    private static Map<String, String> containerPortLabels(ContainerPort port) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(META + "pod_container_port_name", nullToEmpty(port.getName()));
        labels.put(META + "pod_container_port_number", Integer.toString(port.getContainerPort()));
        labels.put(META + "pod_container_port_protocol", protocol(port.getProtocol()));
        return labels;
    }

    /**
     * {@code <role>_label_<name>}, {@code <role>_labelpresent_<name>} and the same for annotations,
     * names sanitized as Prometheus does.
     */
    private static Map<String, String> objectLabels(
            String role, Map<String, String> labels, Map<String, String> annotations) {
        Map<String, String> meta = new LinkedHashMap<>();
        labels.forEach(
                (name, value) -> {
                    meta.put(META + role + "_label_" + LabelNames.sanitize(name), value);
                    meta.put(META + role + "_labelpresent_" + LabelNames.sanitize(name), "true");
                });
        annotations.forEach(
                (name, value) -> {
                    meta.put(META + role + "_annotation_" + LabelNames.sanitize(name), value);
                    meta.put(
                            META + role + "_annotationpresent_" + LabelNames.sanitize(name),
                            "true");
                });
        return meta;
    }

    /** The Endpoints controller copies the Service's labels and marks headless Services. */
    private static Map<String, String> endpointsLabels(Service service) {
        Map<String, String> labels =
                new LinkedHashMap<>(orEmpty(service.getMetadata().getLabels()));
        if ("None".equals(service.getSpec().getClusterIP())) {
            labels.put("service.kubernetes.io/headless", "");
        }
        return labels;
    }

    /** The Ready condition's status in lower case, {@code unknown} without one. */
    private static String readiness(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return "unknown";
        }
        return pod.getStatus().getConditions().stream()
                .filter(condition -> "Ready".equals(condition.getType()))
                .map(PodCondition::getStatus)
                .map(status -> status.toLowerCase(Locale.ROOT))
                .findFirst()
                .orElse("unknown");
    }

    private static String podIp(Pod pod) {
        String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        return ip == null || ip.isEmpty() ? null : ip;
    }

    private static String protocol(String protocol) {
        return protocol == null ? "TCP" : protocol;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
