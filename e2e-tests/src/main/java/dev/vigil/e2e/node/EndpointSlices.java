package dev.vigil.e2e.node;

import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The EndpointSlice the endpoint-slice controller keeps for a Service with a selector: one endpoint
 * per selected pod that has an address and is not being deleted, {@code ready} when the pod is
 * ready (or the Service publishes not-ready addresses), with its hostname when the pod's subdomain
 * is the Service, its node and a reference to it; the Service's ports at the pods' target ports.
 * Owned by the Service, so it goes with it. Pure.
 */
final class EndpointSlices {

    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    static final String MANAGED_BY = "endpointslice-controller.k8s.io";

    private EndpointSlices() {}

    /** The slice's name: the Service's, with a suffix taken from its uid (stable, unique). */
    static String name(Service service) {
        String uid = Objects.requireNonNullElse(service.getMetadata().getUid(), "00000");
        String suffix = uid.replace("-", "");
        return service.getMetadata().getName()
                + "-"
                + suffix.substring(Math.max(0, suffix.length() - 5));
    }

    static EndpointSlice desired(Service service, List<Pod> podsOfNamespace) {
        boolean publishNotReady =
                Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
        List<Pod> pods = ServiceEndpoints.selected(service, podsOfNamespace);
        List<Endpoint> endpoints = new ArrayList<>();
        for (Pod pod : pods) {
            boolean ready = ServiceEndpoints.ready(pod);
            boolean named = service.getMetadata().getName().equals(pod.getSpec().getSubdomain());
            endpoints.add(
                    new EndpointBuilder()
                            .withAddresses(ServiceEndpoints.podIp(pod).orElseThrow())
                            .withNewConditions()
                            .withReady(ready || publishNotReady)
                            .withServing(ready)
                            .withTerminating(false)
                            .endConditions()
                            .withHostname(named ? pod.getSpec().getHostname() : null)
                            .withNodeName(pod.getSpec().getNodeName())
                            .withTargetRef(
                                    new ObjectReferenceBuilder()
                                            .withKind("Pod")
                                            .withNamespace(pod.getMetadata().getNamespace())
                                            .withName(pod.getMetadata().getName())
                                            .withUid(pod.getMetadata().getUid())
                                            .build())
                            .build());
        }
        List<EndpointPort> ports = new ArrayList<>();
        for (ServicePort port :
                service.getSpec().getPorts() == null
                        ? List.<ServicePort>of()
                        : service.getSpec().getPorts()) {
            OptionalInt target =
                    pods.stream()
                            .map(pod -> ServiceEndpoints.targetPort(port, pod))
                            .filter(OptionalInt::isPresent)
                            .findFirst()
                            .orElse(OptionalInt.empty());
            if (target.isPresent() || pods.isEmpty()) {
                ports.add(
                        new EndpointPortBuilder()
                                .withName(port.getName() == null ? "" : port.getName())
                                .withPort(target.isPresent() ? target.getAsInt() : null)
                                .withProtocol(
                                        port.getProtocol() == null ? "TCP" : port.getProtocol())
                                .build());
            }
        }
        return new EndpointSliceBuilder()
                .withNewMetadata()
                .withNamespace(service.getMetadata().getNamespace())
                .withName(name(service))
                .withLabels(
                        Map.of(
                                SERVICE_NAME_LABEL,
                                service.getMetadata().getName(),
                                MANAGED_BY_LABEL,
                                MANAGED_BY))
                .withOwnerReferences(
                        new OwnerReferenceBuilder()
                                .withApiVersion("v1")
                                .withKind("Service")
                                .withName(service.getMetadata().getName())
                                .withUid(service.getMetadata().getUid())
                                .withController(true)
                                .withBlockOwnerDeletion(true)
                                .build())
                .endMetadata()
                .withAddressType("IPv4")
                .withEndpoints(endpoints)
                .withPorts(ports)
                .build();
    }

    /** Whether a live slice already says what {@code desired} says. */
    static boolean same(EndpointSlice live, EndpointSlice desired) {
        return Objects.equals(live.getEndpoints(), desired.getEndpoints())
                && Objects.equals(live.getPorts(), desired.getPorts())
                && Objects.equals(
                        live.getMetadata().getLabels(), desired.getMetadata().getLabels());
    }
}
