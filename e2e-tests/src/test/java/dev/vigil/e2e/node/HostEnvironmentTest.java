package dev.vigil.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.names.DatabaseAddressResolver;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostEnvironmentTest {

    private final StaticClusterView view = new StaticClusterView();
    private final ClusterDns dns = new ClusterDns(view, "cluster.local");
    private final DatabaseAddressResolver inPod;

    HostEnvironmentTest() {
        view.services.add(
                StaticClusterView.service("finance", "ledger-rw", "127.20.0.7", "ledger", 5432));
        inPod = dns.forPod("finance", "127.10.0.5");
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

    /** The environment Vigil gives the postgres container and the backup agent of a member. */
    private static Map<String, String> pgBackRest(String endpoint, String port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGBACKREST_STANZA", "db");
        env.put("PGBACKREST_REPO1_PATH", "/vigil/finance/ledger");
        env.put("PGBACKREST_REPO1_TYPE", "s3");
        env.put("PGBACKREST_REPO1_S3_ENDPOINT", endpoint);
        env.put("PGBACKREST_REPO1_STORAGE_PORT", port);
        env.put("PGBACKREST_REPO1_S3_BUCKET", "backups");
        env.put("PGBACKREST_REPO1_S3_REGION", "us-east-1");
        env.put("PGBACKREST_REPO1_STORAGE_CA_FILE", "/etc/vigil/backup-ca/ca.crt");
        env.put("PGBACKREST_PG1_PATH", "/var/lib/postgresql/data/pgdata");
        env.put("PGBACKREST_PG1_SOCKET_PATH", "/var/run/postgresql");
        env.put("PGBACKREST_PG1_PORT", "5432");
        env.put("PGBACKREST_LOCK_PATH", "/tmp/pgbackrest");
        return env;
    }

    private static final MountTable MEMBER_MOUNTS =
            new MountTable(
                    Map.of(
                            "/var/lib/postgresql/data", Path.of("/pods/ledger-0/claims/data"),
                            "/var/run/postgresql", Path.of("/pods/ledger-0/volumes/run"),
                            "/tmp", Path.of("/pods/ledger-0/volumes/tmp"),
                            "/etc/vigil/backup-ca", Path.of("/pods/ledger-0/volumes/backup-ca")));

    @Test
    void pgBackRestConnectsToTheStoreTheClusterServesKeepingTheEndpointItsName() {
        dns.serveService("storage", "objectstore", 443, new InetSocketAddress("127.0.0.1", 41_234));

        Map<String, String> env =
                HostEnvironment.of(
                        pgBackRest("objectstore.storage.svc", "443"), MEMBER_MOUNTS, inPod);

        assertThat(env)
                .containsEntry("PGBACKREST_REPO1_S3_ENDPOINT", "objectstore.storage.svc")
                .containsEntry("PGBACKREST_REPO1_STORAGE_HOST", "127.0.0.1")
                .containsEntry("PGBACKREST_REPO1_STORAGE_PORT", "41234")
                .containsEntry("PGBACKREST_REPO1_S3_BUCKET", "backups")
                .containsEntry("PGBACKREST_REPO1_S3_REGION", "us-east-1")
                .containsEntry("PGBACKREST_REPO1_PATH", "/vigil/finance/ledger")
                .containsEntry(
                        "PGBACKREST_REPO1_STORAGE_CA_FILE",
                        "/pods/ledger-0/volumes/backup-ca/ca.crt")
                .containsEntry("PGBACKREST_PG1_PATH", "/pods/ledger-0/claims/data/pgdata")
                .containsEntry("PGBACKREST_PG1_SOCKET_PATH", "/pods/ledger-0/volumes/run")
                .containsEntry("PGBACKREST_LOCK_PATH", "/pods/ledger-0/volumes/tmp/pgbackrest");
        assertThat(
                        HostEnvironment.of(
                                        pgBackRest("objectstore.storage.svc.cluster.local", "443"),
                                        MEMBER_MOUNTS,
                                        inPod)
                                .get("PGBACKREST_REPO1_STORAGE_PORT"))
                .isEqualTo("41234");
    }

    @Test
    void pgBackRestReachesAClusterServiceAtItsClusterIp() {
        Map<String, String> env =
                HostEnvironment.of(
                        pgBackRest("ledger-rw.finance.svc", "5432"), MEMBER_MOUNTS, inPod);

        assertThat(env)
                .containsEntry("PGBACKREST_REPO1_S3_ENDPOINT", "ledger-rw.finance.svc")
                .containsEntry("PGBACKREST_REPO1_STORAGE_HOST", "127.20.0.7")
                .containsEntry("PGBACKREST_REPO1_STORAGE_PORT", "5432");
    }

    @Test
    void aStoreOutsideTheClusterOrAHostTheContainerSetsIsLeftAlone() {
        Map<String, String> aws =
                HostEnvironment.of(
                        pgBackRest("s3.eu-west-1.amazonaws.com", "443"), MEMBER_MOUNTS, inPod);
        assertThat(aws)
                .containsEntry("PGBACKREST_REPO1_S3_ENDPOINT", "s3.eu-west-1.amazonaws.com")
                .containsEntry("PGBACKREST_REPO1_STORAGE_PORT", "443")
                .doesNotContainKey("PGBACKREST_REPO1_STORAGE_HOST");

        Map<String, String> own = pgBackRest("ledger-rw.finance.svc", "5432");
        own.put("PGBACKREST_REPO1_STORAGE_HOST", "10.1.2.3");
        assertThat(HostEnvironment.of(own, MEMBER_MOUNTS, inPod))
                .containsEntry("PGBACKREST_REPO1_STORAGE_HOST", "10.1.2.3")
                .containsEntry("PGBACKREST_REPO1_STORAGE_PORT", "5432");
    }
}
