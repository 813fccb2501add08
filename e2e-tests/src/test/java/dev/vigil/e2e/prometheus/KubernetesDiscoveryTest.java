package dev.vigil.e2e.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KubernetesDiscoveryTest {

    private final LedgerDatabase ledger = LedgerDatabase.withServiceMonitor();
    private final NamespaceScope finance = new NamespaceScope(false, Set.of("finance"));

    @Test
    void metricsServiceEndpointResolvesTheNamedTargetPortOnThePodsIp() {
        List<DiscoveredTarget> targets =
                KubernetesDiscovery.endpoints(
                        metricsService(), List.of(ledger.member(0, "127.10.0.5", true)), finance);

        DiscoveredTarget exporter = only(targets, "127.10.0.5:9187");
        assertThat(exporter.labels())
                .containsEntry("__meta_kubernetes_namespace", "finance")
                .containsEntry("__meta_kubernetes_service_name", "ledger-metrics")
                .containsEntry("__meta_kubernetes_endpoints_name", "ledger-metrics")
                .containsEntry(
                        "__meta_kubernetes_service_label_app_kubernetes_io_instance", "ledger")
                .containsEntry(
                        "__meta_kubernetes_service_labelpresent_app_kubernetes_io_component",
                        "true")
                .containsEntry("__meta_kubernetes_endpoint_port_name", "metrics")
                .containsEntry("__meta_kubernetes_endpoint_ready", "true")
                .containsEntry("__meta_kubernetes_endpoint_address_target_kind", "Pod")
                .containsEntry("__meta_kubernetes_endpoint_address_target_name", "ledger-0")
                .containsEntry("__meta_kubernetes_pod_name", "ledger-0")
                .containsEntry("__meta_kubernetes_pod_container_name", "exporter")
                .containsEntry("__meta_kubernetes_pod_container_port_name", "metrics")
                .containsEntry("__meta_kubernetes_pod_controller_kind", "StatefulSet")
                .containsEntry("__meta_kubernetes_pod_ready", "true");
    }

    @Test
    void theOtherContainerPortsOfAPodBehindTheServiceAreTargetsWithoutEndpointLabels() {
        List<DiscoveredTarget> targets =
                KubernetesDiscovery.endpoints(
                        metricsService(), List.of(ledger.member(0, "127.10.0.5", true)), finance);

        DiscoveredTarget database = only(targets, "127.10.0.5:5432");
        assertThat(database.labels())
                .containsEntry("__meta_kubernetes_service_name", "ledger-metrics")
                .containsEntry("__meta_kubernetes_pod_container_port_number", "5432")
                .doesNotContainKey("__meta_kubernetes_endpoint_port_name");
    }

    @Test
    void notReadyPodsAreNotReadyAddressesAndPodsWithoutIpOrFinishedAreNone() {
        Pod notReady = ledger.member(1, "127.10.0.6", false);
        Pod noIp =
                new PodBuilder(ledger.member(2, "127.10.0.7", true))
                        .editStatus()
                        .withPodIP(null)
                        .endStatus()
                        .build();
        Pod failed =
                new PodBuilder(ledger.member(3, "127.10.0.8", false))
                        .editStatus()
                        .withPhase("Failed")
                        .endStatus()
                        .build();

        List<DiscoveredTarget> targets =
                KubernetesDiscovery.endpoints(
                        metricsService(), List.of(notReady, noIp, failed), finance);

        assertThat(only(targets, "127.10.0.6:9187").labels())
                .containsEntry("__meta_kubernetes_endpoint_ready", "false");
        assertThat(targets)
                .extracting(DiscoveredTarget::address)
                .allMatch(address -> address.startsWith("127.10.0.6:"));
    }

    @Test
    void servicesOutsideTheScopeAreNotDiscovered() {
        List<DiscoveredTarget> targets =
                KubernetesDiscovery.endpoints(
                        metricsService(),
                        List.of(ledger.member(0, "127.10.0.5", true)),
                        new NamespaceScope(false, Set.of("shop")));

        assertThat(targets).isEmpty();
    }

    @Test
    void podRoleGivesEveryContainerPortOfPodsWithAnIp() {
        List<DiscoveredTarget> targets =
                KubernetesDiscovery.pods(
                        List.of(ledger.member(0, "127.10.0.5", true)),
                        new NamespaceScope(true, Set.of()));

        assertThat(only(targets, "127.10.0.5:9187").labels())
                .containsEntry("__meta_kubernetes_pod_container_name", "exporter")
                .containsEntry("__meta_kubernetes_pod_container_port_name", "metrics")
                .containsEntry("__meta_kubernetes_pod_container_init", "false")
                .containsEntry("__meta_kubernetes_pod_label_app_kubernetes_io_instance", "ledger")
                .containsEntry("__meta_kubernetes_pod_labelpresent_app_kubernetes_io_name", "true")
                .doesNotContainKey("__meta_kubernetes_service_name");
        assertThat(targets).extracting(DiscoveredTarget::address).contains("127.10.0.5:5432");
    }

    private List<Service> metricsService() {
        List<Service> services =
                ledger.services().stream()
                        .filter(service -> service.getMetadata().getName().equals("ledger-metrics"))
                        .toList();
        assertThat(services).hasSize(1);
        return services;
    }

    private static DiscoveredTarget only(List<DiscoveredTarget> targets, String address) {
        List<DiscoveredTarget> matching =
                targets.stream().filter(target -> target.address().equals(address)).toList();
        assertThat(matching).as("targets at %s among %s", address, targets).hasSize(1);
        return matching.get(0);
    }
}
