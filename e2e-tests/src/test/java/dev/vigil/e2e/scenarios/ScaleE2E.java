package dev.vigil.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A user scales databases up and down by re-applying the manifest with another member count. */
@ExtendWith(E2EExtension.class)
class ScaleE2E {

    @Test
    void postgresGainsAStreamingStandbyAndLosesItAgain(Scenario scenario) throws Exception {
        scenario.apply(Manifests.postgres("billing", 1));
        scenario.waitReady("billing");

        scenario.apply(Manifests.postgres("billing", 2));
        Awaitility.await()
                .atMost(Scenario.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .untilAsserted(
                        () ->
                                assertThat(
                                                scenario.database("billing")
                                                        .getStatus()
                                                        .getReadyReplicas())
                                        .isEqualTo(2));
        scenario.waitReady("billing");
        assertThat(scenario.kubectl("get", "pdb", "-o", "name").orThrow().stdout())
                .as("two members get a disruption budget")
                .contains("poddisruptionbudget.policy/billing");
        DatabaseProbes probes = new DatabaseProbes(scenario);
        Awaitility.await()
                .atMost(60, TimeUnit.SECONDS)
                .untilAsserted(
                        () ->
                                assertThat(
                                                probes.sql(
                                                        "billing",
                                                        0,
                                                        "SELECT application_name FROM"
                                                                + " pg_stat_replication"))
                                        .containsExactly(List.of("billing-1")));

        scenario.apply(Manifests.postgres("billing", 1));
        Awaitility.await()
                .atMost(120, TimeUnit.SECONDS)
                .untilAsserted(
                        () -> {
                            assertThat(scenario.pods("billing"))
                                    .extracting(p -> p.getMetadata().getName())
                                    .containsExactly("billing-0");
                            assertThat(scenario.database("billing").getStatus().getReadyReplicas())
                                    .isEqualTo(1);
                        });
        scenario.waitReady("billing");
        assertThat(scenario.kubectl("get", "pvc", "-o", "name").orThrow().stdout())
                .as("scaling down keeps the removed member's volume")
                .contains("data-billing-1");
        Awaitility.await()
                .atMost(30, TimeUnit.SECONDS)
                .untilAsserted(
                        () ->
                                assertThat(
                                                scenario.kubectl("get", "pdb", "-o", "name")
                                                        .orThrow()
                                                        .stdout())
                                        .as("one member has no disruption budget")
                                        .doesNotContain("billing"));
    }

    @Test
    void mongoReplicaSetGrowsToFiveMembersAndShrinksToThree(Scenario scenario) {
        scenario.apply(Manifests.mongo("ledger", 3));
        scenario.waitReady("ledger");

        scenario.apply(Manifests.mongo("ledger", 5));
        Awaitility.await()
                .atMost(Scenario.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .untilAsserted(
                        () ->
                                assertThat(
                                                scenario.database("ledger")
                                                        .getStatus()
                                                        .getReadyReplicas())
                                        .isEqualTo(5));
        scenario.waitReady("ledger");

        scenario.apply(Manifests.mongo("ledger", 3));
        Awaitility.await()
                .atMost(Scenario.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .untilAsserted(
                        () -> {
                            assertThat(scenario.pods("ledger")).hasSize(3);
                            assertThat(scenario.database("ledger").getStatus().getReadyReplicas())
                                    .isEqualTo(3);
                        });
        scenario.waitReady("ledger");
        assertThat(scenario.statefulSet("ledger").getStatus().getReadyReplicas()).isEqualTo(3);
    }
}
