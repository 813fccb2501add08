package dev.vigil.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A canary rollout of a three-member MongoDB replica set on the local cluster (its MongoDB is the
 * wire double, which elects the first electable secondary): the canary first, then the primary
 * steps down to an updated member before the partition reaches its pod.
 */
@ExtendWith(E2EExtension.class)
class CanaryMongoE2E {

    private static String manifest(String version) {
        return Manifests.mongo("catalog", 3).replace("\"7.0.14\"", "\"" + version + "\"")
                + """
                  upgrade:
                    strategy: Canary
                    steps:
                    - {members: 1, pause: 2s}
                  healthGate:
                    timeout: 60s
                    crashLoopRestartLimit: 1
                """;
    }

    @Test
    void thePrimaryStepsDownToAnUpdatedMemberBeforeItsPodIsReplaced(Scenario scenario) {
        scenario.apply(manifest("7.0.14"));
        scenario.waitReady("catalog");
        assertThat(scenario.database("catalog").getStatus().getPrimary()).isEqualTo("catalog-0");
        List<Pod> before = scenario.pods("catalog");

        scenario.apply(manifest("7.0.15"));
        RolloutWatch watch = RolloutWatch.untilStable(scenario, "catalog", 2, before);
        Set<String> positions = watch.positions();
        List<String> replaced = watch.replaced();

        assertThat(positions).contains("1/2 (1 member)", "2/2 (all 3)");
        assertThat(replaced).as("the canary first, the first primary last").startsWith("catalog-2");
        assertThat(replaced.get(replaced.size() - 1)).isEqualTo("catalog-0");
        assertThat(scenario.database("catalog").getStatus().getPrimary())
                .as("the primary stepped down to the updated member")
                .isNotEqualTo("catalog-0");
        List<String> reasons = scenario.events("catalog").stream().map(Event::getReason).toList();
        assertThat(reasons)
                .contains(
                        "CanaryStepPassed",
                        "PrimaryHandOver",
                        "PrimarySteppedDown",
                        "HealthGatePassed");
        assertThat(scenario.pods("catalog"))
                .allSatisfy(
                        p ->
                                assertThat(p.getSpec().getContainers().get(0).getImage())
                                        .isEqualTo("mongo:7.0.15"));
    }
}
