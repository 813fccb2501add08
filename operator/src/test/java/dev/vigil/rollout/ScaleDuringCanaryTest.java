package dev.vigil.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.CanaryStatus;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.api.v1alpha1.RolloutStatus;
import dev.vigil.validation.FieldError;
import dev.vigil.validation.RefusedChange;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScaleDuringCanaryTest {

    private static MonitoredDatabase database(int replicas) {
        return Serialization.unmarshal(
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: orders, namespace: shop, generation: 3}
                spec: {engine: PostgreSQL, version: "16.5", replicas: %d}
                """
                        .formatted(replicas),
                MonitoredDatabase.class);
    }

    private static Optional<MonitoredDatabaseStatus> canaryOf2(String state) {
        CanaryStatus canary = new CanaryStatus();
        canary.setPosition("1/3 (1 member)");
        RolloutStatus rollout = new RolloutStatus();
        rollout.setGeneration(2L);
        rollout.setState(state);
        rollout.setCanary(canary);
        MonitoredDatabaseStatus status = new MonitoredDatabaseStatus();
        status.setRollout(rollout);
        return Optional.of(status);
    }

    @Test
    void aScaleChangeWhileACanaryHoldsMembersBackIsRefusedWithWhatToDo() {
        Optional<RefusedChange> refused =
                ScaleDuringCanary.check(database(5), canaryOf2("Verifying"), Optional.of(3));

        assertThat(refused)
                .contains(
                        new RefusedChange(
                                ScaleDuringCanary.REASON,
                                new FieldError(
                                        "spec.replicas",
                                        "cannot change from 3 to 5 while the canary of generation"
                                                + " 2 is at step 1/3 (1 member); set it back to 3"
                                                + " and the canary goes on, then scale once it has"
                                                + " passed or rolled back")));
        assertThat(ScaleDuringCanary.check(database(5), canaryOf2("Blocked"), Optional.of(3)))
                .isPresent();
    }

    @Test
    void otherChangesAndScalesOutsideACanaryGoAhead() {
        assertThat(ScaleDuringCanary.check(database(3), canaryOf2("Verifying"), Optional.of(3)))
                .isEmpty();
        assertThat(ScaleDuringCanary.check(database(5), canaryOf2("Passed"), Optional.of(3)))
                .isEmpty();
        assertThat(ScaleDuringCanary.check(database(5), Optional.empty(), Optional.of(3)))
                .isEmpty();
    }
}
