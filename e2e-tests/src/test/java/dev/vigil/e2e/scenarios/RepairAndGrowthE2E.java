package dev.vigil.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a user changes by hand on Vigil's children of a running PostgreSQL database comes back (a
 * ServiceAccount's label, a PodDisruptionBudget's limit), and a larger {@code spec.storage.size}
 * grows each member's claim while the database stays Ready.
 */
@ExtendWith(E2EExtension.class)
class RepairAndGrowthE2E {

    /**
     * A label Vigil sets; not {@code app.kubernetes.io/managed-by}, which selects what the
     * operator's informers see: an object relabelled there is out of its sight.
     */
    private static final String PART_OF = "app.kubernetes.io/part-of";

    @Test
    void editedChildrenAreRepairedAndGrowingTheStorageGrowsTheClaims(Scenario scenario) {
        scenario.apply(Manifests.postgres("ledger", 2));
        scenario.waitReady("ledger");

        ServiceAccount account =
                only(
                        scenario.client()
                                .serviceAccounts()
                                .inNamespace(scenario.namespace())
                                .withLabel("app.kubernetes.io/managed-by", "vigil-operator")
                                .list()
                                .getItems());
        String partOf = account.getMetadata().getLabels().get(PART_OF);
        assertThat(partOf).isNotBlank();
        PodDisruptionBudget budget =
                only(
                        scenario.client()
                                .policy()
                                .v1()
                                .podDisruptionBudget()
                                .inNamespace(scenario.namespace())
                                .list()
                                .getItems());
        String maxUnavailable = budget.getSpec().getMaxUnavailable().toString();

        scenario.kubectl(
                        "label",
                        "serviceaccount",
                        account.getMetadata().getName(),
                        PART_OF + "=someone-else",
                        "--overwrite")
                .orThrow();
        scenario.kubectl(
                        "patch",
                        "poddisruptionbudget",
                        budget.getMetadata().getName(),
                        "--type=merge",
                        "-p",
                        "{\"spec\":{\"maxUnavailable\":2}}")
                .orThrow();
        Awaitility.await()
                .atMost(90, TimeUnit.SECONDS)
                .pollInterval(1, TimeUnit.SECONDS)
                .untilAsserted(
                        () -> {
                            assertThat(
                                            scenario.client()
                                                    .serviceAccounts()
                                                    .inNamespace(scenario.namespace())
                                                    .withName(account.getMetadata().getName())
                                                    .get()
                                                    .getMetadata()
                                                    .getLabels())
                                    .containsEntry(PART_OF, partOf);
                            assertThat(
                                            scenario.client()
                                                    .policy()
                                                    .v1()
                                                    .podDisruptionBudget()
                                                    .inNamespace(scenario.namespace())
                                                    .withName(budget.getMetadata().getName())
                                                    .get()
                                                    .getSpec()
                                                    .getMaxUnavailable()
                                                    .toString())
                                    .isEqualTo(maxUnavailable);
                        });

        scenario.apply(Manifests.postgres("ledger", 2).replace("size: 1Gi", "size: 2Gi"));
        Awaitility.await()
                .atMost(90, TimeUnit.SECONDS)
                .pollInterval(1, TimeUnit.SECONDS)
                .untilAsserted(
                        () ->
                                assertThat(claims(scenario))
                                        .hasSize(2)
                                        .allSatisfy(
                                                claim ->
                                                        assertThat(
                                                                        claim.getSpec()
                                                                                .getResources()
                                                                                .getRequests()
                                                                                .get("storage"))
                                                                .isEqualTo(new Quantity("2Gi"))));
        assertThat(scenario.kubectl("get", "events").orThrow().stdout())
                .contains("VolumeExpansionRequested");
        scenario.waitReady("ledger");
    }

    private static List<PersistentVolumeClaim> claims(Scenario scenario) {
        return scenario.client()
                .persistentVolumeClaims()
                .inNamespace(scenario.namespace())
                .list()
                .getItems();
    }

    private static <T> T only(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
