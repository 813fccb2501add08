package dev.vigil.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.testing.TestDatabases;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresConfigMapBuilderTest {

    private static MonitoredDatabase withParameters(Map<String, String> parameters) {
        MonitoredDatabase db =
                TestDatabases.parse(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: ledger, namespace: finance}
                        spec: {engine: PostgreSQL, version: "16.4", postgres: {}}
                        """);
        db.getSpec().getPostgres().setParameters(parameters);
        return db;
    }

    @Test
    void parametersComeAfterTheDefaultsSoTheyWin() {
        String conf =
                PostgresConfigMapBuilder.postgresqlConf(
                        withParameters(Map.of("wal_log_hints", "off", "work_mem", "16MB")), 3);

        assertThat(conf.indexOf("wal_log_hints = 'off'"))
                .isGreaterThan(conf.indexOf("wal_log_hints = on"));
        assertThat(conf).endsWith("wal_log_hints = 'off'\nwork_mem = '16MB'\n");
    }

    @Test
    void quotesValuesSoTheyCannotEndTheString() {
        String conf =
                PostgresConfigMapBuilder.postgresqlConf(
                        withParameters(Map.of("search_path", "'$user', pub\\lic")), 1);

        assertThat(conf).contains("search_path = '''$user'', pub\\\\lic'\n");
    }

    @Test
    void refusesANameThatWouldWriteAnotherLine() {
        MonitoredDatabase db = withParameters(Map.of("work_mem = 1\nfsync", "off"));

        assertThatThrownBy(() -> PostgresConfigMapBuilder.postgresqlConf(db, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("spec.postgres.parameters: ");
    }

    @Test
    void refusesAValueOnSeveralLines() {
        MonitoredDatabase db = withParameters(Map.of("work_mem", "1MB\nfsync = off"));

        assertThatThrownBy(() -> PostgresConfigMapBuilder.postgresqlConf(db, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spec.postgres.parameters.work_mem: needs a value on one line");
    }

    @Test
    void replicationLimitsNeverDropBelowPostgresDefaultsAndGrowWithMembers() {
        assertThat(PostgresConfigMapBuilder.maxWalSenders(1)).isEqualTo(10);
        assertThat(PostgresConfigMapBuilder.maxWalSenders(6)).isEqualTo(10);
        assertThat(PostgresConfigMapBuilder.maxWalSenders(7)).isEqualTo(11);
        assertThat(PostgresConfigMapBuilder.maxReplicationSlots(7)).isEqualTo(10);
    }

    @Test
    void hbaNeverTrustsAndNeverAcceptsMd5() {
        String hba = PostgresConfigMapBuilder.pgHbaConf();

        assertThat(hba.lines().filter(line -> !line.startsWith("#")))
                .allSatisfy(
                        line ->
                                assertThat(line)
                                        .doesNotContain("trust")
                                        .doesNotContain("md5")
                                        .doesNotContain("password"))
                .containsExactly(
                        "local   all          postgres                      peer",
                        "host    replication  all             all           scram-sha-256",
                        "host    all          vigil_monitor   127.0.0.1/32  scram-sha-256",
                        "host    all          all             all           scram-sha-256");
    }

    @Test
    void slotNamesCarryTheOrdinal() {
        assertThat(ReplicationSlotNames.forMember(0)).isEqualTo("vigil_0");
        assertThat(ReplicationSlotNames.forMember(6)).isEqualTo("vigil_6");
        assertThatThrownBy(() -> ReplicationSlotNames.forMember(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
