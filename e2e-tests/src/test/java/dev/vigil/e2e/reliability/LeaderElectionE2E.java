package dev.vigil.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.RolloutRecord;
import dev.vigil.e2e.cluster.HarnessOperator;
import dev.vigil.e2e.cluster.LocalCluster;
import dev.vigil.e2e.reliability.kills.ChartRelease;
import dev.vigil.e2e.reliability.kills.KillManifests;
import dev.vigil.e2e.reliability.kills.KillableOperator;
import dev.vigil.e2e.reliability.kills.LeaseHolder;
import dev.vigil.e2e.reliability.kills.OperatorLauncher;
import dev.vigil.e2e.reliability.kills.SettledDatabase;
import dev.vigil.e2e.scenarios.E2EExtension;
import dev.vigil.e2e.scenarios.Scenario;
import dev.vigil.testing.ReliabilityRun;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Leader election (issue #19): two operator processes of a chart release with two replicas (so the
 * chart turns leader election on and grants the Lease), one leading and one standing by. During a
 * change, the leader is killed with SIGKILL, so it never releases the Lease; the standby must hold
 * it within the bound the Lease settings give ({@link #TAKEOVER_BOUND}) and finish the change, done
 * once: the odd changes fail their health gate (a setting PostgreSQL refuses) and are rolled back
 * once (one RolledBack Event and one rollout record per failed generation), the even ones are good
 * rollouts that pass; no generation recorded twice, and the StatefulSet's template changed exactly
 * as often as the changes and rollbacks require, never re-applied. A new standby replaces the
 * killed one before the next kill, as the Deployment would. Fast mode one kill (a failing change);
 * long mode five (three failing, two good).
 */
@ExtendWith(E2EExtension.class)
class LeaderElectionE2E {

    private static final String RELEASE = "vigil-ha";
    private static final Duration OPERATOR_READY = Duration.ofSeconds(90);
    private static final String NAME = "elected";

    /**
     * The longest a standby can take to hold the Lease after the leader died: the Lease expires at
     * most {@code leaseDuration} after the leader's last renewal, and the standby tries again every
     * {@code retryPeriod} plus fabric8's jitter of up to 1.2 times that; one second more for the
     * API server and this test's polling.
     */
    static final Duration TAKEOVER_BOUND =
            LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE
                    .plus(
                            Duration.ofMillis(
                                    (long)
                                            (LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE
                                                            .toMillis()
                                                    * 2.2)))
                    .plusSeconds(1);

    @Test
    void theStandbyTakesOverWithinTheLeaseAndTheRollbackHappensOnce(Scenario scenario)
            throws Exception {
        LocalCluster cluster = scenario.local();
        int kills = ReliabilityRun.count(1, 5);
        long seed = Long.getLong("vigil.kills.seed", System.nanoTime());
        Random random = new Random(seed);
        long started = System.nanoTime();
        ChartRelease release =
                ChartRelease.install(
                        cluster.client(),
                        cluster.options().repositoryRoot(),
                        RELEASE,
                        RELEASE,
                        Map.of("replicaCount", "2"));
        assertThat(release.leaderElection()).as("the chart's leader election").isTrue();
        Path work =
                cluster.options().workDirectory().resolve("leader").resolve(scenario.namespace());
        OperatorLauncher launcher = OperatorLauncher.of(cluster, release, work);
        LeaseHolder lease =
                new LeaseHolder(cluster.client(), release.leaseNamespace(), release.leaseName());
        List<Double> takeovers = new ArrayList<>();
        List<Double> convergence = new ArrayList<>();
        AtomicInteger doneOnce = new AtomicInteger();
        HarnessOperator harness = cluster.operator();
        harness.stop();
        List<KillableOperator> operators = new ArrayList<>();
        try {
            operators.add(launcher.start("vigil-ha"));
            operators.add(launcher.start("vigil-ha"));
            for (KillableOperator operator : operators) {
                operator.awaitReady(OPERATOR_READY);
            }
            lease.awaitHeldByOneOf(operators, OPERATOR_READY);
            scenario.apply(KillManifests.postgres(NAME, 1, "4MB", false));
            Awaitility.await()
                    .atMost(Scenario.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .pollInterval(250, TimeUnit.MILLISECONDS)
                    .ignoreExceptions()
                    .until(() -> settled(scenario).ready());
            long createdGeneration = settled(scenario).statefulSet().getMetadata().getGeneration();
            int rollbacks = 0;
            for (int kill = 1; kill <= kills; kill++) {
                KillableOperator leader = lease.awaitHeldByOneOf(operators, OPERATOR_READY);
                KillableOperator standby = operators.get(operators.get(0) == leader ? 1 : 0);
                boolean failing = kill % 2 == 1;
                scenario.apply(KillManifests.postgres(NAME, 1, (4 + kill) + "MB", failing));
                Thread.sleep(random.nextLong(3001));
                leader.kill();
                long killed = System.nanoTime();
                operators.remove(leader);
                KillableOperator next =
                        lease.awaitHeldByOneOf(List.of(standby), TAKEOVER_BOUND.plusSeconds(30));
                double takeover = (System.nanoTime() - killed) / 1e9;
                takeovers.add(takeover);
                assertThat(next).isSameAs(standby);
                assertThat(takeover)
                        .as("takeover after the leader's kill, bound %s", TAKEOVER_BOUND)
                        .isLessThanOrEqualTo(TAKEOVER_BOUND.toMillis() / 1000.0);
                Awaitility.await()
                        .atMost(Scenario.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                        .pollInterval(250, TimeUnit.MILLISECONDS)
                        .ignoreExceptions()
                        .until(
                                () ->
                                        failing
                                                ? settled(scenario).rolledBack()
                                                : settled(scenario).ready()
                                                        && settled(scenario).passedItsGate());
                convergence.add((System.nanoTime() - killed) / 1e9);
                rollbacks += failing ? 1 : 0;
                assertDoneOnce(scenario, rollbacks, kill - rollbacks, createdGeneration);
                doneOnce.incrementAndGet();
                record(seed, takeovers, convergence, doneOnce.get(), started);
                KillableOperator replacement = launcher.start("vigil-ha");
                operators.add(replacement);
                replacement.awaitReady(OPERATOR_READY);
            }
        } finally {
            for (KillableOperator operator : operators) {
                operator.close();
            }
            harness.start();
            record(seed, takeovers, convergence, doneOnce.get(), started);
        }
    }

    private static void record(
            long seed,
            List<Double> takeovers,
            List<Double> convergence,
            int doneOnce,
            long started) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("seed", seed);
        figures.put("leader_kills", takeovers.size());
        figures.put("takeover_bound_s", TAKEOVER_BOUND.toMillis() / 1000.0);
        figures.put("takeover_s.each", takeovers.stream().map(LeaderElectionE2E::seconds).toList());
        figures.put(
                "takeover_s.max", takeovers.isEmpty() ? "-" : seconds(Collections.max(takeovers)));
        figures.put(
                "change_done_after_kill_s.max",
                convergence.isEmpty() ? "-" : seconds(Collections.max(convergence)));
        figures.put("leader_kills.during_failing_change", (takeovers.size() + 1) / 2);
        figures.put("leader_kills.during_good_rollout", takeovers.size() / 2);
        figures.put("changes_done_exactly_once", doneOnce);
        figures.put("duration_s", seconds((System.nanoTime() - started) / 1e9));
        ReliabilityRun.record("LeaderElectionE2E", figures);
    }

    /**
     * After the {@code changes}-th failed change: one rollback each (Events, rollout records) and
     * the StatefulSet's template changed twice per change since the database was created.
     */
    private static void assertDoneOnce(
            Scenario scenario, int rollbacks, int rollouts, long createdGeneration) {
        SettledDatabase settled = settled(scenario);
        MonitoredDatabase database = settled.database();
        long events =
                scenario.events(NAME).stream()
                        .filter(e -> "RolledBack".equals(e.getReason()))
                        .mapToLong(e -> e.getCount() == null ? 1 : e.getCount())
                        .sum();
        assertThat(events).as("RolledBack Events").isEqualTo(rollbacks);
        List<RolloutRecord> history = database.getStatus().getRollout().getHistory();
        assertThat(
                        history.stream()
                                .filter(h -> "RolledBack".equals(h.getOutcome()))
                                .map(RolloutRecord::getGeneration))
                .as("rollout records of rolled back generations")
                .hasSize(rollbacks);
        assertThat(history.stream().map(RolloutRecord::getGeneration))
                .as("rollout records, one per generation")
                .doesNotHaveDuplicates();
        assertThat(settled.statefulSet().getMetadata().getGeneration())
                .as(
                        "StatefulSet template changes since the creation: each failing change and"
                                + " its rollback, each good change")
                .isEqualTo(createdGeneration + 2L * rollbacks + rollouts);
    }

    private static SettledDatabase settled(Scenario scenario) {
        return SettledDatabase.of(scenario.client(), scenario.namespace(), NAME);
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
