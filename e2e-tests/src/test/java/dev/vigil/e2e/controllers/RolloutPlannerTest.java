package dev.vigil.e2e.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.e2e.controllers.RolloutPlanner.ReplicaSetState;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutPlannerTest {

    @Test
    void defaultsAreQuarterSurgeRoundedUpAndQuarterUnavailableRoundedDown() {
        DeploymentSettings two = DeploymentSettings.of(deployment(2, null, null));
        DeploymentSettings ten = DeploymentSettings.of(deployment(10, null, null));

        assertThat(two.maxSurge()).isEqualTo(1);
        assertThat(two.maxUnavailable()).isZero();
        assertThat(ten.maxSurge()).isEqualTo(3);
        assertThat(ten.maxUnavailable()).isEqualTo(2);
        assertThat(two.progressDeadlineSeconds()).isEqualTo(600);
    }

    @Test
    void zeroSurgeAndZeroUnavailableAllowsOneUnavailable() {
        DeploymentSettings settings =
                DeploymentSettings.of(deployment(2, new IntOrString(0), new IntOrString(0)));

        assertThat(settings.maxUnavailable()).isEqualTo(1);
    }

    @Test
    void aFirstRolloutScalesTheNewReplicaSetToTheWholeSize() {
        Map<String, Integer> plan =
                RolloutPlanner.plan(rolling(2), new ReplicaSetState("web-new", 0, 0, 0), List.of());

        assertThat(plan).containsExactly(Map.entry("web-new", 2));
    }

    @Test
    void theNewReplicaSetGrowsWithinTheSurge() {
        Map<String, Integer> plan =
                RolloutPlanner.plan(
                        rolling(2),
                        new ReplicaSetState("web-new", 0, 0, 0),
                        List.of(new ReplicaSetState("web-old", 2, 2, 2)));

        assertThat(plan).containsExactly(Map.entry("web-new", 1));
    }

    @Test
    void oldPodsGoOnlyAsNewOnesBecomeAvailable() {
        ReplicaSetState old = new ReplicaSetState("web-old", 2, 2, 2);

        Map<String, Integer> waiting =
                RolloutPlanner.plan(
                        rolling(2), new ReplicaSetState("web-new", 1, 0, 1), List.of(old));
        Map<String, Integer> progressing =
                RolloutPlanner.plan(
                        rolling(2), new ReplicaSetState("web-new", 1, 1, 1), List.of(old));

        assertThat(waiting).isEmpty();
        assertThat(progressing).containsExactly(Map.entry("web-old", 1));
    }

    @Test
    void unavailableOldPodsGoFirst() {
        Map<String, Integer> plan =
                RolloutPlanner.plan(
                        rolling(4),
                        new ReplicaSetState("web-new", 1, 0, 1),
                        List.of(new ReplicaSetState("web-old", 4, 2, 4)));

        // 5 pods, at least 3 available wanted, 1 new pod not available: 1 may go, an unhealthy one
        assertThat(plan).containsExactly(Map.entry("web-old", 3));
    }

    @Test
    void recreateEmptiesTheOldReplicaSetsBeforeStartingTheNewOne() {
        DeploymentSettings recreate = DeploymentSettings.of(recreateDeployment(2));
        ReplicaSetState fresh = new ReplicaSetState("web-new", 0, 0, 0);

        Map<String, Integer> first =
                RolloutPlanner.plan(
                        recreate, fresh, List.of(new ReplicaSetState("web-old", 2, 2, 2)));
        Map<String, Integer> podsStillThere =
                RolloutPlanner.plan(
                        recreate, fresh, List.of(new ReplicaSetState("web-old", 0, 0, 1)));
        Map<String, Integer> allGone =
                RolloutPlanner.plan(
                        recreate, fresh, List.of(new ReplicaSetState("web-old", 0, 0, 0)));

        assertThat(first).containsExactly(Map.entry("web-old", 0));
        assertThat(podsStillThere).isEmpty();
        assertThat(allGone).containsExactly(Map.entry("web-new", 2));
    }

    private static DeploymentSettings rolling(int replicas) {
        return DeploymentSettings.of(deployment(replicas, null, null));
    }

    static Deployment deployment(int replicas, IntOrString surge, IntOrString unavailable) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxSurge(surge)
                .withMaxUnavailable(unavailable)
                .endRollingUpdate()
                .endStrategy()
                .endSpec()
                .build();
    }

    private static Deployment recreateDeployment(int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewStrategy()
                .withType("Recreate")
                .endStrategy()
                .endSpec()
                .build();
    }
}
