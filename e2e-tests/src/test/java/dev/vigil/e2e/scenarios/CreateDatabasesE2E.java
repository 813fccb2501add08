package dev.vigil.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user creates databases with {@code kubectl apply} and waits for them with {@code kubectl wait}.
 */
@ExtendWith(E2EExtension.class)
class CreateDatabasesE2E {

    @Test
    void postgresPrimaryAndStandbyBecomeReadyAndStream(Scenario scenario) throws Exception {
        scenario.apply(Manifests.postgres("orders", 2));

        scenario.waitReady("orders");

        String table = scenario.kubectl("get", "mdb", "orders").orThrow().stdout();
        assertThat(table).contains("orders").contains("PostgreSQL").contains("Ready");
        MonitoredDatabase database = scenario.database("orders");
        assertThat(database.getStatus().getObservedGeneration()).isEqualTo(1L);
        assertThat(database.getStatus().getReadyReplicas()).isEqualTo(2);
        List<Pod> pods = scenario.pods("orders");
        assertThat(pods)
                .extracting(p -> p.getMetadata().getName())
                .containsExactly("orders-0", "orders-1");
        assertThat(pods).allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Running"));

        DatabaseProbes probes = new DatabaseProbes(scenario);
        assertThat(probes.sql("orders", 0, "SELECT pg_is_in_recovery()::text"))
                .containsExactly(List.of("false"));
        assertThat(probes.sql("orders", 1, "SELECT pg_is_in_recovery()::text"))
                .containsExactly(List.of("true"));
        Awaitility.await()
                .atMost(60, TimeUnit.SECONDS)
                .untilAsserted(
                        () ->
                                assertThat(
                                                probes.sql(
                                                        "orders",
                                                        0,
                                                        "SELECT application_name, state FROM"
                                                                + " pg_stat_replication"))
                                        .containsExactly(List.of("orders-1", "streaming")));
        Awaitility.await()
                .atMost(60, TimeUnit.SECONDS)
                .untilAsserted(
                        () ->
                                assertThat(probes.exporterMetrics(pods.get(0)))
                                        .containsPattern("(?m)^pg_up 1$"));
    }

    @Test
    void mongoReplicaSetBecomesReadyWithAPrimary(Scenario scenario) {
        scenario.apply(Manifests.mongo("carts", 3));

        scenario.waitReady("carts");

        String table = scenario.kubectl("get", "mdb").orThrow().stdout();
        assertThat(table).contains("carts").contains("MongoDB").contains("Ready");
        MonitoredDatabase database = scenario.database("carts");
        assertThat(database.getStatus().getReadyReplicas()).isEqualTo(3);
        assertThat(database.getStatus().getConditions())
                .anySatisfy(
                        c -> {
                            assertThat(c.getType()).isEqualTo("Ready");
                            assertThat(c.getStatus()).isEqualTo("True");
                            assertThat(c.getMessage()).contains("has primary carts-");
                        });
        assertThat(scenario.pods("carts")).hasSize(3);
        String described = scenario.kubectl("describe", "mdb", "carts").orThrow().stdout();
        assertThat(described).contains("Events:").contains("Ready");
    }
}
