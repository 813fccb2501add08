package dev.vigil.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointSlicesTest {

    private final Service members =
            new ServiceBuilder(
                            StaticClusterView.service(
                                    "finance", "ledger-members", "None", "ledger", 5432))
                    .editMetadata()
                    .withUid("7a4e2c90-1d3b-4f6a-8e21-5c9b0d7f3a12")
                    .endMetadata()
                    .editSpec()
                    .withPublishNotReadyAddresses(true)
                    .endSpec()
                    .build();
    private final Service web =
            new ServiceBuilder(StaticClusterView.service("finance", "web", "127.20.0.9", "web", 80))
                    .editMetadata()
                    .withUid("11111111-2222-3333-4444-555555555555")
                    .endMetadata()
                    .build();

    @Test
    void listsTheSelectedPodsWithHostnamesReadinessAndTargetPorts() {
        EndpointSlice slice =
                EndpointSlices.desired(
                        members,
                        List.of(
                                member("ledger-0", "127.10.0.1", true),
                                member("ledger-1", "127.10.0.2", false),
                                StaticClusterView.pod(
                                        "finance", "web-0", "web", "127.10.0.3", true, 80)));

        assertThat(slice.getMetadata().getName()).isEqualTo("ledger-members-f3a12");
        assertThat(slice.getMetadata().getLabels())
                .containsEntry("kubernetes.io/service-name", "ledger-members");
        assertThat(slice.getMetadata().getOwnerReferences().get(0).getUid())
                .isEqualTo(members.getMetadata().getUid());
        assertThat(slice.getEndpoints())
                .extracting(e -> e.getAddresses().get(0), Endpoint::getHostname)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("127.10.0.1", "ledger-0"),
                        org.assertj.core.groups.Tuple.tuple("127.10.0.2", "ledger-1"));
        Endpoint notReady = slice.getEndpoints().get(1);
        assertThat(notReady.getConditions().getReady()).isTrue();
        assertThat(notReady.getConditions().getServing()).isFalse();
        assertThat(slice.getPorts())
                .singleElement()
                .satisfies(
                        port -> {
                            assertThat(port.getName()).isEqualTo("web");
                            assertThat(port.getPort()).isEqualTo(5432);
                        });
    }

    @Test
    void aServiceThatDoesNotPublishNotReadyPodsMarksThemNotReady() {
        EndpointSlice slice =
                EndpointSlices.desired(
                        web,
                        List.of(
                                StaticClusterView.pod(
                                        "finance", "web-0", "web", "127.10.0.3", false, 8080)));

        assertThat(slice.getEndpoints())
                .singleElement()
                .satisfies(e -> assertThat(e.getConditions().getReady()).isFalse());
        assertThat(slice.getEndpoints().get(0).getHostname()).isNull();
        assertThat(slice.getPorts().get(0).getPort()).isEqualTo(8080);
        assertThat(
                        EndpointSlices.same(
                                slice,
                                EndpointSlices.desired(
                                        web,
                                        List.of(
                                                StaticClusterView.pod(
                                                        "finance",
                                                        "web-0",
                                                        "web",
                                                        "127.10.0.3",
                                                        true,
                                                        8080)))))
                .isFalse();
    }

    private static Pod member(String name, String ip, boolean ready) {
        return new PodBuilder(StaticClusterView.pod("finance", name, "ledger", ip, ready, 5432))
                .editSpec()
                .withSubdomain("ledger-members")
                .endSpec()
                .build();
    }
}
