package dev.vigil.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.names.DatabaseAddressResolver;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterDnsTest {

    private final StaticClusterView view = new StaticClusterView();
    private final ClusterDns dns = new ClusterDns(view, "cluster.local");

    @BeforeEach
    void cluster() {
        view.services.add(
                StaticClusterView.service("finance", "ledger-rw", "127.20.0.7", "ledger", 5432));
        Service headless =
                new ServiceBuilder(
                                StaticClusterView.service(
                                        "finance", "ledger-members", "None", "ledger", 5432))
                        .editSpec()
                        .withPublishNotReadyAddresses(true)
                        .endSpec()
                        .build();
        view.services.add(headless);
        view.services.add(StaticClusterView.service("finance", "web-headless", "None", "web", 80));
        view.pods.add(member("ledger-0", "127.10.0.1", true));
        view.pods.add(member("ledger-1", "127.10.0.2", false));
        view.pods.add(StaticClusterView.pod("finance", "web-a", "web", "127.10.0.3", false, 80));
        view.pods.add(StaticClusterView.pod("finance", "web-b", "web", "127.10.0.4", true, 80));
    }

    @Test
    void servicesResolveToTheirClusterIpByEveryNameOfTheSearchPath() {
        DatabaseAddressResolver inFinance = dns.forPod("finance", "127.10.0.9");

        assertThat(dns.lookup("ledger-rw.finance.svc.cluster.local", null)).contains("127.20.0.7");
        assertThat(dns.lookup("ledger-rw.finance.svc.cluster.local.", null)).contains("127.20.0.7");
        assertThat(dns.lookup("ledger-rw.finance.svc", null)).contains("127.20.0.7");
        assertThat(dns.lookup("ledger-rw.finance", null)).contains("127.20.0.7");
        assertThat(dns.lookup("LEDGER-RW.Finance", null)).contains("127.20.0.7");
        assertThat(dns.lookup("ledger-rw", "finance")).contains("127.20.0.7");
        assertThat(address(inFinance.resolve("ledger-rw", 5432))).isEqualTo("127.20.0.7");
    }

    @Test
    void aShortServiceNameResolvesOnlyInItsOwnNamespace() {
        assertThat(dns.lookup("ledger-rw", null)).isEmpty();
        assertThat(dns.lookup("ledger-rw", "shop")).isEmpty();
        assertThat(dns.resolve("ledger-rw", 5432).isUnresolved()).isTrue();
    }

    @Test
    void statefulSetPodsResolveThroughTheirHeadlessServiceReadyOrNotWhenItPublishesThem() {
        assertThat(dns.lookup("ledger-0.ledger-members.finance.svc.cluster.local", null))
                .contains("127.10.0.1");
        assertThat(dns.lookup("ledger-1.ledger-members.finance.svc.cluster.local", null))
                .contains("127.10.0.2");
        assertThat(dns.lookup("ledger-1.ledger-members", "finance")).contains("127.10.0.2");
        assertThat(dns.lookup("ledger-2.ledger-members.finance.svc.cluster.local", null)).isEmpty();
    }

    @Test
    void aHeadlessServiceNameResolvesToAReadyPod() {
        assertThat(dns.lookup("web-headless.finance.svc.cluster.local", null))
                .contains("127.10.0.4");
        assertThat(dns.lookup("web-a.web-headless.finance.svc.cluster.local", null)).isEmpty();
    }

    @Test
    void literalsStayAndUnknownNamesAreLeftUnresolved() {
        InetSocketAddress unknown = dns.resolve("nowhere.finance.svc.cluster.local", 5432);

        assertThat(dns.lookup("127.10.0.42", null)).contains("127.10.0.42");
        assertThat(unknown.isUnresolved()).isTrue();
        assertThat(unknown.getHostString()).isEqualTo("nowhere.finance.svc.cluster.local");
        assertThat(dns.lookup("example.com", null)).isEmpty();
        assertThat(dns.lookup("", null)).isEmpty();
    }

    @Test
    void inAPodLoopbackIsThePodsOwnAddress() {
        DatabaseAddressResolver inPod = dns.forPod("finance", "127.10.0.9");

        assertThat(address(inPod.resolve("localhost", 5432))).isEqualTo("127.10.0.9");
        assertThat(address(inPod.resolve("127.0.0.1", 5432))).isEqualTo("127.10.0.9");
        assertThat(address(dns.resolve("127.0.0.1", 5432))).isEqualTo("127.0.0.1");
    }

    @Test
    void aResolvedSocketNamesTheLiteralSoClientsDoNotLookTheNameUpAgain() {
        InetSocketAddress socket = dns.resolve("ledger-rw.finance.svc.cluster.local", 5432);

        assertThat(socket.isUnresolved()).isFalse();
        assertThat(socket.getHostString()).isEqualTo("127.20.0.7");
        assertThat(socket.getPort()).isEqualTo(5432);
    }

    @Test
    void recordsAreEveryFullyQualifiedNameWithItsAddress() {
        assertThat(dns.records())
                .containsOnlyKeys(
                        "ledger-0.ledger-members.finance.svc.cluster.local",
                        "ledger-1.ledger-members.finance.svc.cluster.local",
                        "ledger-members.finance.svc.cluster.local",
                        "ledger-rw.finance.svc.cluster.local",
                        "web-headless.finance.svc.cluster.local")
                .containsEntry("ledger-0.ledger-members.finance.svc.cluster.local", "127.10.0.1")
                .containsEntry("ledger-1.ledger-members.finance.svc.cluster.local", "127.10.0.2")
                .containsEntry("ledger-rw.finance.svc.cluster.local", "127.20.0.7")
                .containsEntry("web-headless.finance.svc.cluster.local", "127.10.0.4");
    }

    @Test
    void theHostsFileFollowsTheRecords(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hosts");
        try (ClusterHostsFile hosts = ClusterHostsFile.start(dns, file, Duration.ofHours(1))) {
            assertThat(Files.readString(file))
                    .contains("\n127.20.0.7 ledger-rw.finance.svc.cluster.local\n")
                    .doesNotContain("ledger-2");
            view.pods.add(member("ledger-2", "127.10.0.5", false));

            hosts.sync();

            assertThat(Files.readString(file))
                    .contains("\n127.10.0.5 ledger-2.ledger-members.finance.svc.cluster.local\n");
        }
    }

    @Test
    void aPodBeingDeletedIsNoLongerAnEndpoint() {
        Pod deleting =
                new PodBuilder(member("ledger-0", "127.10.0.1", true))
                        .editMetadata()
                        .withDeletionTimestamp("2024-05-01T12:00:00Z")
                        .endMetadata()
                        .build();
        view.replace(deleting);

        assertThat(dns.lookup("ledger-0.ledger-members.finance.svc.cluster.local", null))
                .isEqualTo(Optional.empty());
    }

    private static Pod member(String name, String ip, boolean ready) {
        return new PodBuilder(StaticClusterView.pod("finance", name, "ledger", ip, ready, 5432))
                .editSpec()
                .withSubdomain("ledger-members")
                .endSpec()
                .build();
    }

    private static String address(InetSocketAddress socket) {
        return socket.getAddress().getHostAddress();
    }
}
