package dev.vigil.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CanaryPlanTest {

    private static CanaryPlan.Step step(int members, int partition, String pause) {
        return new CanaryPlan.Step(members, partition, Duration.parse(pause));
    }

    private static MonitoredDatabase database(int replicas, String upgrade) {
        return SchemaDefaults.withDefaults(
                Serialization.unmarshal(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: catalog, namespace: shop}
                        spec:
                          engine: PostgreSQL
                          version: "16.4"
                          replicas: %d
                          %s
                        """
                                .formatted(replicas, upgrade),
                        MonitoredDatabase.class));
    }

    @Test
    void threeMembersOrMoreRollAsACanaryByDefault() {
        assertThat(CanaryPlan.of(database(3, "").getSpec()).orElseThrow().steps())
                .containsExactly(step(1, 2, "PT5M"), step(2, 1, "PT5M"), step(3, 0, "PT0S"));
        assertThat(CanaryPlan.of(database(5, "").getSpec()).orElseThrow().steps())
                .as("50% of 5 rounds up to 3")
                .containsExactly(step(1, 4, "PT5M"), step(3, 2, "PT5M"), step(5, 0, "PT0S"));
        assertThat(CanaryPlan.of(database(2, "").getSpec())).isEmpty();
        assertThat(CanaryPlan.of(database(1, "").getSpec())).isEmpty();
    }

    @Test
    void stepsAreCutBelowEveryMemberAndNeverShrink() {
        CanaryPlan plan =
                CanaryPlan.of(
                                database(
                                                4,
                                                "upgrade: {strategy: Canary, steps: [{members: 2,"
                                                        + " pause: 1m}, {members: 1}, {members:"
                                                        + " \"90%\", pause: 0s}]}")
                                        .getSpec())
                        .orElseThrow();

        assertThat(plan.steps())
                .containsExactly(step(2, 2, "PT1M"), step(3, 1, "PT0S"), step(4, 0, "PT0S"));
    }

    @Test
    void twoMembersMayAskForACanary() {
        assertThat(
                        CanaryPlan.of(database(2, "upgrade: {strategy: Canary}").getSpec())
                                .orElseThrow()
                                .steps())
                .containsExactly(step(1, 1, "PT5M"), step(2, 0, "PT0S"));
    }
}
