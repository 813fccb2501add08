package dev.vigil.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.RolloutStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The health gate on a real PostgreSQL: a change that passes becomes the last stable spec; one that
 * breaks the database is rolled back to it, once, and the old version serves again.
 */
@ExtendWith(E2EExtension.class)
class RollbackPostgresE2E {

    private static final String REVISION = "controller-revision-hash";

    @Test
    void goodMinorUpgradeBecomesTheLastStableSpec(Scenario scenario) throws Exception {
        scenario.apply(Manifests.gated(Manifests.postgres("ledger", 1, "16.4", Map.of())));
        scenario.waitReady("ledger");
        assertThat(rollout(scenario, "ledger").getLastStableGeneration()).isEqualTo(1L);

        scenario.apply(Manifests.gated(Manifests.postgres("ledger", 1, "16.5", Map.of())));

        Awaitility.await()
                .atMost(Scenario.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .untilAsserted(
                        () -> {
                            MonitoredDatabase database = scenario.database("ledger");
                            assertThat(database.getStatus().getPhase()).isEqualTo("Ready");
                            assertThat(database.getStatus().getObservedGeneration()).isEqualTo(2L);
                            assertThat(database.getStatus().getRollout().getLastStableGeneration())
                                    .isEqualTo(2L);
                        });
        scenario.waitReady("ledger");
        RolloutStatus rollout = rollout(scenario, "ledger");
        assertThat(rollout.getLastStableSpec()).contains("\"version\":\"16.5\"");
        assertThat(rollout.getRolledBackFrom()).isNull();
        assertThat(condition(scenario.database("ledger"), "HealthGate").getReason())
                .isEqualTo("Passed");
        assertThat(image(scenario.statefulSet("ledger"))).isEqualTo("postgres:16.5");
        assertThat(rolledBackEvents(scenario, "ledger")).isEmpty();
        assertThat(new DatabaseProbes(scenario).sql("ledger", 0, "SELECT 1"))
                .containsExactly(List.of("1"));
    }

    @Test
    void imageThatCannotBePulledIsRolledBackAndTheStuckPodReplaced(Scenario scenario)
            throws Exception {
        scenario.apply(Manifests.gated(Manifests.postgres("billing", 1, "16.4", Map.of())));
        scenario.waitReady("billing");
        String stableRevision = scenario.statefulSet("billing").getStatus().getCurrentRevision();

        scenario.apply(
                Manifests.gated(
                        Manifests.postgres("billing", 1, "16.5", Map.of()),
                        "  image: registry.invalid/postgres:16.5\n"));

        Pod stuck =
                Awaitility.await()
                        .atMost(Scenario.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                        .pollInterval(100, TimeUnit.MILLISECONDS)
                        .until(
                                () -> stuckPod(scenario, "billing", stableRevision),
                                pod -> pod != null);
        awaitRolledBack(scenario, "billing");

        MonitoredDatabase database = scenario.database("billing");
        assertThat(database.getMetadata().getGeneration()).isEqualTo(2L);
        Condition rolledBack = condition(database, "RolledBack");
        assertThat(rolledBack.getStatus()).isEqualTo("True");
        assertThat(rolledBack.getReason()).isEqualTo("HealthGateFailed");
        assertThat(rolledBack.getMessage())
                .contains("cannot pull its image")
                .contains("generation 1");
        RolloutStatus rollout = database.getStatus().getRollout();
        assertThat(rollout.getRolledBackFrom()).isEqualTo(2L);
        assertThat(rollout.getLastStableGeneration()).isEqualTo(1L);
        assertThat(rollout.getFailedRevision()).isEqualTo(revision(stuck));
        assertThat(rolledBackEvents(scenario, "billing")).hasSize(1);
        assertThat(rolledBackEvents(scenario, "billing").get(0).getType()).isEqualTo("Warning");

        StatefulSet statefulSet = scenario.statefulSet("billing");
        assertThat(image(statefulSet)).isEqualTo("postgres:16.4");
        assertThat(statefulSet.getStatus().getCurrentRevision()).isEqualTo(stableRevision);
        assertThat(statefulSet.getStatus().getUpdateRevision()).isEqualTo(stableRevision);
        Pod serving = scenario.pods("billing").get(0);
        assertThat(serving.getMetadata().getUid()).isNotEqualTo(stuck.getMetadata().getUid());
        assertThat(revision(serving)).isEqualTo(stableRevision);
        assertThat(serving.getStatus().getContainerStatuses())
                .allSatisfy(c -> assertThat(c.getReady()).isTrue());
        assertThat(new DatabaseProbes(scenario).sql("billing", 0, "SHOW server_version"))
                .singleElement()
                .satisfies(row -> assertThat(row.get(0)).startsWith("15."));
        assertThat(new DatabaseProbes(scenario).sql("billing", 0, "SELECT 1"))
                .containsExactly(List.of("1"));
    }

    @Test
    void settingPostgresRefusesIsCaughtAsACrashLoopAndRolledBackAtOnce(Scenario scenario)
            throws Exception {
        scenario.apply(Manifests.gated(Manifests.postgres("audit", 1, "16.4", Map.of())));
        scenario.waitReady("audit");
        String broken =
                Manifests.gated(
                        Manifests.postgres(
                                "audit", 1, "16.4", Map.of("shared_buffers", "nonsense")));

        scenario.apply(broken);
        long started = System.nanoTime();
        awaitRolledBack(scenario, "audit");

        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started))
                .as("a crash loop fails the gate before its 30 s timeout")
                .isLessThan(30);
        Condition rolledBack = condition(scenario.database("audit"), "RolledBack");
        assertThat(rolledBack.getReason()).isEqualTo("HealthGateFailed");
        assertThat(rolledBack.getMessage()).contains("CrashLoopBackOff");
        assertThat(new DatabaseProbes(scenario).sql("audit", 0, "SHOW shared_buffers"))
                .doesNotContain(List.of("nonsense"));

        scenario.apply(broken);

        Awaitility.await()
                .during(5, TimeUnit.SECONDS)
                .atMost(10, TimeUnit.SECONDS)
                .untilAsserted(
                        () -> {
                            MonitoredDatabase database = scenario.database("audit");
                            assertThat(database.getMetadata().getGeneration()).isEqualTo(2L);
                            assertThat(database.getStatus().getPhase()).isEqualTo("RolledBack");
                            assertThat(database.getStatus().getRollout().getGeneration())
                                    .isEqualTo(2L);
                            assertThat(rolledBackEvents(scenario, "audit")).hasSize(1);
                            assertThat(image(scenario.statefulSet("audit")))
                                    .isEqualTo("postgres:16.4");
                        });
    }

    /** A pod of another revision than the stable one with a container waiting on its image. */
    private static Pod stuckPod(Scenario scenario, String name, String stableRevision) {
        return scenario.pods(name).stream()
                .filter(p -> !stableRevision.equals(revision(p)))
                .filter(
                        p ->
                                java.util.stream.Stream.concat(
                                                p.getStatus().getInitContainerStatuses().stream(),
                                                p.getStatus().getContainerStatuses().stream())
                                        .anyMatch(
                                                c ->
                                                        c.getState().getWaiting() != null
                                                                && c.getState()
                                                                        .getWaiting()
                                                                        .getReason()
                                                                        .matches(
                                                                                "ErrImagePull|ImagePullBackOff")))
                .findFirst()
                .orElse(null);
    }

    static void awaitRolledBack(Scenario scenario, String name) {
        Awaitility.await()
                .atMost(Scenario.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .pollInterval(500, TimeUnit.MILLISECONDS)
                .untilAsserted(
                        () ->
                                assertThat(scenario.database(name).getStatus().getPhase())
                                        .isEqualTo("RolledBack"));
    }

    static RolloutStatus rollout(Scenario scenario, String name) {
        return scenario.database(name).getStatus().getRollout();
    }

    static Condition condition(MonitoredDatabase database, String type) {
        return database.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no condition " + type));
    }

    static List<Event> rolledBackEvents(Scenario scenario, String name) {
        return scenario.events(name).stream()
                .filter(e -> "RolledBack".equals(e.getReason()))
                .toList();
    }

    static String image(StatefulSet statefulSet) {
        return statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    static String revision(Pod pod) {
        return pod.getMetadata().getLabels().get(REVISION);
    }
}
