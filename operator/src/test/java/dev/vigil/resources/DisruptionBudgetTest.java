package dev.vigil.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.StandardLabels;
import dev.vigil.testing.TestDatabases;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

class DisruptionBudgetTest {

    private final MonitoredDatabase database =
            SchemaDefaults.withDefaults(TestDatabases.mongo("catalog", "shop"));

    @Test
    void aSingleMemberHasNoBudgetSinceItWouldBlockDrains() {
        assertThat(DisruptionBudget.forMembers(database, 1)).isEmpty();
        assertThat(DisruptionBudget.forMembers(database, 0)).isEmpty();
    }

    @Test
    void severalMembersMayLoseOneAtATime() {
        PodDisruptionBudget budget = DisruptionBudget.forMembers(database, 3).orElseThrow();

        assertThat(budget.getApiVersion()).isEqualTo("policy/v1");
        assertThat(budget.getMetadata().getName()).isEqualTo("catalog");
        assertThat(budget.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(budget.getMetadata().getOwnerReferences()).hasSize(1);
        assertThat(budget.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
        assertThat(budget.getSpec().getMinAvailable()).isNull();
    }

    @Test
    void selectsExactlyTheDatabasePods() {
        PodDisruptionBudget budget = DisruptionBudget.forMembers(database, 2).orElseThrow();

        assertThat(budget.getSpec().getSelector().getMatchLabels())
                .containsExactlyInAnyOrderEntriesOf(
                        StandardLabels.selector(database, StandardLabels.COMPONENT_DATABASE));
    }
}
