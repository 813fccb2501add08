package dev.vigil.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.names.DatabaseAddressResolver;
import org.junit.jupiter.api.Test;

class HostEnvironmentTest {

    private final StaticClusterView view = new StaticClusterView();
    private final DatabaseAddressResolver inPod;

    HostEnvironmentTest() {
        view.services.add(
                StaticClusterView.service("finance", "ledger-rw", "127.20.0.7", "ledger", 5432));
        inPod = new ClusterDns(view, "cluster.local").forPod("finance", "127.10.0.5");
    }

    @Test
    void aHostVariableNamingAClusterServiceGetsItsAddress() {
        assertThat(HostEnvironment.rewrite("VIGIL_PRIMARY_HOST", "ledger-rw", inPod))
                .isEqualTo("127.20.0.7");
        assertThat(HostEnvironment.rewrite("PRIMARY", "ledger-rw.finance.svc", inPod))
                .isEqualTo("127.20.0.7");
        assertThat(HostEnvironment.rewrite("PGHOST", "localhost", inPod)).isEqualTo("127.10.0.5");
    }

    @Test
    void wordsThatAreNotHostsStay() {
        assertThat(HostEnvironment.rewrite("POD_NAME", "ledger-rw", inPod)).isEqualTo("ledger-rw");
        assertThat(HostEnvironment.rewrite("VIGIL_PRIMARY_HOST", "elsewhere", inPod))
                .isEqualTo("elsewhere");
        assertThat(HostEnvironment.rewrite("PGPORT", "5432", inPod)).isEqualTo("5432");
        assertThat(HostEnvironment.rewrite("VERSION", "16.4", inPod)).isEqualTo("16.4");
        assertThat(HostEnvironment.rewrite("PGDATA", "/var/lib/postgresql/data", inPod))
                .isEqualTo("/var/lib/postgresql/data");
    }

    @Test
    void theHostOfAnAddressOrUriBecomesTheClusterAddress() {
        assertThat(
                        HostEnvironment.rewrite(
                                "DATA_SOURCE_URI",
                                "127.0.0.1:5432/postgres?sslmode=disable",
                                inPod))
                .isEqualTo("127.10.0.5:5432/postgres?sslmode=disable");
        assertThat(HostEnvironment.rewrite("URL", "postgresql://app@ledger-rw:5432/shop", inPod))
                .isEqualTo("postgresql://app@127.20.0.7:5432/shop");
        assertThat(HostEnvironment.rewrite("MEMBERS", "ledger-rw:5432,unknown:5432", inPod))
                .isEqualTo("127.20.0.7:5432,unknown:5432");
        assertThat(HostEnvironment.rewrite("TIME", "12:30", inPod)).isEqualTo("12:30");
    }
}
