package dev.vigil.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Canary rollouts on three real PostgreSQL members: a setting that breaks the canary is rolled back
 * without touching the other members; a good change moves step by step, the primary last after a
 * switchover, while a client keeps writing, and no acknowledged write is lost.
 */
@ExtendWith(E2EExtension.class)
class CanaryPostgresE2E {

    private static String canary(String name, String version, Map<String, String> parameters) {
        return Manifests.gated(
                Manifests.postgres(name, 3, version, parameters),
                """
                  upgrade:
                    strategy: Canary
                    steps:
                    - {members: 1, pause: 3s}
                    - {members: 2, pause: 3s}
                """);
    }

    @Test
    void aSettingThatBreaksTheCanaryIsRolledBackAndNoOtherMemberRestarts(Scenario scenario)
            throws Exception {
        scenario.apply(canary("shelf", "16.4", Map.of()));
        scenario.waitReady("shelf");
        String stable = scenario.statefulSet("shelf").getStatus().getCurrentRevision();
        Map<String, Pod> before = RolloutWatch.byName(scenario.pods("shelf"));

        scenario.apply(canary("shelf", "16.4", Map.of("shared_buffers", "nonsense")));
        RollbackPostgresE2E.awaitRolledBack(scenario, "shelf");
        Awaitility.await()
                .atMost(Scenario.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .pollInterval(500, TimeUnit.MILLISECONDS)
                .untilAsserted(
                        () ->
                                assertThat(scenario.pods("shelf"))
                                        .hasSize(3)
                                        .allSatisfy(p -> assertThat(ready(p)).isTrue()));

        MonitoredDatabase database = scenario.database("shelf");
        Condition rolledBack = RollbackPostgresE2E.condition(database, "RolledBack");
        assertThat(rolledBack.getStatus()).isEqualTo("True");
        assertThat(rolledBack.getMessage())
                .contains("step 1/3 ([shelf-2])")
                .contains("CrashLoopBackOff");
        assertThat(database.getStatus().getRollout().getCanary()).isNull();
        assertThat(database.getStatus().getPrimary()).isEqualTo("shelf-0");
        Map<String, Pod> after = RolloutWatch.byName(scenario.pods("shelf"));
        for (String untouched : List.of("shelf-0", "shelf-1")) {
            assertThat(after.get(untouched).getMetadata().getUid())
                    .as("%s was never replaced", untouched)
                    .isEqualTo(before.get(untouched).getMetadata().getUid());
            assertThat(after.get(untouched).getStatus().getStartTime())
                    .isEqualTo(before.get(untouched).getStatus().getStartTime());
            assertThat(restarts(after.get(untouched)))
                    .as("%s never restarted", untouched)
                    .isEqualTo(restarts(before.get(untouched)));
        }
        assertThat(after.get("shelf-2").getMetadata().getUid())
                .isNotEqualTo(before.get("shelf-2").getMetadata().getUid());
        assertThat(after.values())
                .allSatisfy(p -> assertThat(RollbackPostgresE2E.revision(p)).isEqualTo(stable));
        StatefulSet statefulSet = scenario.statefulSet("shelf");
        assertThat(statefulSet.getStatus().getUpdateRevision()).isEqualTo(stable);
        assertThat(partition(statefulSet)).isZero();
        assertThat(reasons(scenario, "shelf")).doesNotContain("PrimaryHandOver", "SwitchedOver");
        for (int ordinal = 0; ordinal < 3; ordinal++) {
            assertThat(new DatabaseProbes(scenario).sql("shelf", ordinal, "SHOW shared_buffers"))
                    .doesNotContain(List.of("nonsense"));
        }
    }

    @Test
    void aGoodChangeMovesStepByStepWithThePrimaryLastWhileAClientWrites(Scenario scenario)
            throws Exception {
        scenario.apply(canary("ledger", "16.4", Map.of()));
        scenario.waitReady("ledger");
        DatabaseProbes probes = new DatabaseProbes(scenario);
        List<Pod> before = scenario.pods("ledger");
        RolloutWatch watch;
        Duration gap;
        List<Long> acknowledged;
        try (SteadyWriter writer = SteadyWriter.start(probes, "ledger", 0)) {
            Awaitility.await()
                    .atMost(5, TimeUnit.SECONDS)
                    .until(() -> writer.acknowledged().size() > 10);

            scenario.apply(canary("ledger", "16.5", Map.of()));
            Instant started = Instant.now();
            watch = RolloutWatch.untilStable(scenario, "ledger", 2, before);
            System.out.printf(
                    "canary of 3 members: %d s from apply to Ready%n",
                    Duration.between(started, Instant.now()).toSeconds());
            int atReady = writer.acknowledged().size();
            Awaitility.await()
                    .atMost(10, TimeUnit.SECONDS)
                    .alias("the new primary takes writes")
                    .until(() -> writer.acknowledged().size() > atReady + 10);
            gap = writer.longestGap();
            acknowledged = writer.acknowledged();
            System.out.printf(
                    "writes through ledger-rw: %d acknowledged, %d failed attempts, longest gap"
                            + " %d ms%n",
                    acknowledged.size(), writer.failures(), gap.toMillis());
        }

        MonitoredDatabase database = scenario.database("ledger");
        assertThat(watch.positions())
                .as("kubectl get mdb shows each step")
                .contains("1/3 (1 member)", "2/3 (2 members)", "3/3 (all 3)");
        assertThat(watch.replaced())
                .as("the primary's pod goes last")
                .containsExactly("ledger-2", "ledger-1", "ledger-0");
        String primary = database.getStatus().getPrimary();
        assertThat(primary).as("switched over to an updated standby").isIn("ledger-1", "ledger-2");
        assertThat(scenario.pods("ledger"))
                .allSatisfy(
                        p ->
                                assertThat(p.getSpec().getContainers().get(0).getImage())
                                        .isEqualTo("postgres:16.5"));
        List<String> reasons = reasons(scenario, "ledger");
        assertThat(reasons)
                .contains(
                        "CanaryStepPassed", "PrimaryHandOver", "SwitchedOver", "HealthGatePassed");
        assertThat(reasons.stream().filter("CanaryStepPassed"::equals)).hasSize(2);
        int primaryOrdinal = Integer.parseInt(primary.substring("ledger-".length()));
        List<List<String>> stored =
                probes.sql(
                        "ledger",
                        primaryOrdinal,
                        "SELECT id FROM " + SteadyWriter.TABLE + " ORDER BY id");
        Set<Long> ids =
                stored.stream().map(r -> Long.parseLong(r.get(0))).collect(Collectors.toSet());
        assertThat(ids).as("no acknowledged write is lost").containsAll(acknowledged);
        assertThat(gap)
                .as("writes pause only for the switchover")
                .isLessThan(Duration.ofSeconds(20));
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static int restarts(Pod pod) {
        return pod.getStatus().getContainerStatuses().stream()
                .mapToInt(c -> c.getRestartCount() == null ? 0 : c.getRestartCount())
                .sum();
    }

    private static int partition(StatefulSet statefulSet) {
        var rollingUpdate = statefulSet.getSpec().getUpdateStrategy().getRollingUpdate();
        return rollingUpdate == null || rollingUpdate.getPartition() == null
                ? 0
                : rollingUpdate.getPartition();
    }

    private static List<String> reasons(Scenario scenario, String name) {
        return scenario.events(name).stream()
                .filter(e -> "MonitoredDatabase".equals(e.getInvolvedObject().getKind()))
                .map(Event::getReason)
                .toList();
    }
}
