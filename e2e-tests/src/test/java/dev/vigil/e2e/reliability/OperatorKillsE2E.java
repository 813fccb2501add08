package dev.vigil.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.RolloutRecord;
import dev.vigil.e2e.cluster.HarnessOperator;
import dev.vigil.e2e.cluster.LocalCluster;
import dev.vigil.e2e.reliability.kills.ChartRelease;
import dev.vigil.e2e.reliability.kills.KillFigures;
import dev.vigil.e2e.reliability.kills.KillManifests;
import dev.vigil.e2e.reliability.kills.KillPhase;
import dev.vigil.e2e.reliability.kills.KillableOperator;
import dev.vigil.e2e.reliability.kills.OperatorLauncher;
import dev.vigil.e2e.reliability.kills.OwnedObjects;
import dev.vigil.e2e.reliability.kills.RenderedObjects;
import dev.vigil.e2e.reliability.kills.SecretWatch;
import dev.vigil.e2e.reliability.kills.SettledDatabase;
import dev.vigil.e2e.scenarios.DatabaseProbes;
import dev.vigil.e2e.scenarios.E2EExtension;
import dev.vigil.e2e.scenarios.Scenario;
import dev.vigil.testing.ReliabilityRun;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Operator kills (issue #19): the operator, a process of its own started as the chart's pod runs
 * it, is killed with SIGKILL at a random moment (seeded: {@code -Dvigil.kills.seed}) of each phase
 * of a PostgreSQL database's life on the local cluster (creation, scaling, a rollout, a password
 * rotation, a rollback) and started again. After every kill, once the database has settled: no
 * object lost, replaced or extra compared with what {@code vigil render} makes for the spec, every
 * object owned by the database; no credential regenerated (every content each Secret ever had is
 * watched); one rotation per request and one rollback per failed generation (Events and rollout
 * history); one replication slot per standby; the database Ready (or RolledBack) at its generation.
 * Fast mode one round of two kills (creation and rollback of one member); long mode ten rounds of
 * the five phases, 50 kills.
 */
@ExtendWith(E2EExtension.class)
class OperatorKillsE2E {

    private static final String RELEASE = "vigil-operator";
    private static final String RELEASE_NAMESPACE = "vigil-system";
    private static final Duration OPERATOR_READY = Duration.ofSeconds(90);
    private static final String ROTATE = "vigil.dev/rotate-monitoring-password";
    private static final String ROTATION_TOKEN = "vigil.dev/rotation-token";

    /**
     * The phases of each round: all five in the long run; in the suite's fast mode, for its time
     * budget, a creation and a rollback of one member.
     */
    private static final List<KillPhase> PHASES =
            ReliabilityRun.isLong()
                    ? List.of(KillPhase.values())
                    : List.of(KillPhase.CREATION, KillPhase.ROLLBACK);

    @Test
    void operatorKilledAtRandomMomentsLosesAndRepeatsNothingAndConverges(Scenario scenario)
            throws Exception {
        LocalCluster cluster = scenario.local();
        int rounds = ReliabilityRun.count(1, 10);
        long seed = Long.getLong("vigil.kills.seed", System.nanoTime());
        Random random = new Random(seed);
        KillFigures figures = new KillFigures(seed);
        ChartRelease release =
                ChartRelease.install(
                        cluster.client(),
                        cluster.options().repositoryRoot(),
                        RELEASE,
                        RELEASE_NAMESPACE,
                        Map.of());
        Path work =
                cluster.options().workDirectory().resolve("kills").resolve(scenario.namespace());
        OperatorLauncher launcher = OperatorLauncher.of(cluster, release, work);
        HarnessOperator harness = cluster.operator();
        harness.stop();
        try (SecretWatch secrets = SecretWatch.start(scenario.client(), scenario.namespace())) {
            Round round = new Round(scenario, launcher, secrets, random, figures, work);
            try {
                for (int r = 1; r <= rounds; r++) {
                    round.run("killed-" + r, r == rounds);
                }
            } finally {
                round.operator.close();
            }
        } finally {
            harness.start();
            ReliabilityRun.record("OperatorKillsE2E", figures.asMap());
        }
        assertThat(figures.problems())
                .as("after %d kills (seed %d)", figures.kills(), seed)
                .isEmpty();
        assertThat(figures.kills()).isEqualTo(rounds * PHASES.size());
    }

    /** One database taken through every phase, with a kill in each. */
    private static final class Round {

        private final Scenario scenario;
        private final OperatorLauncher launcher;
        private final SecretWatch secrets;
        private final Random random;
        private final KillFigures figures;
        private final Path work;
        private final Path jar;
        private final boolean monitors;
        private KillableOperator operator;

        Round(
                Scenario scenario,
                OperatorLauncher launcher,
                SecretWatch secrets,
                Random random,
                KillFigures figures,
                Path work)
                throws InterruptedException {
            this.scenario = scenario;
            this.launcher = launcher;
            this.secrets = secrets;
            this.random = random;
            this.figures = figures;
            this.work = work;
            LocalCluster cluster = scenario.local();
            this.jar = cluster.options().repositoryRoot().resolve("operator/target/vigil.jar");
            this.monitors = cluster.options().prometheusOperatorCrds();
            operator = launcher.start("vigil-operator");
            figures.restarted(operator.awaitReady(OPERATOR_READY));
        }

        void run(String name, boolean last) throws Exception {
            OwnedObjects before = null;
            int rotations = 0;
            int rollbacks = 0;
            int replicas = 1;
            String workMem = "4MB";
            for (KillPhase phase : PHASES) {
                replicas = phase == KillPhase.SCALING ? 2 : replicas;
                workMem = phase == KillPhase.ROLLOUT ? "8MB" : workMem;
                String manifest =
                        KillManifests.postgres(
                                name, replicas, workMem, phase == KillPhase.ROLLBACK);
                String token = name + "-rotation";
                if (phase == KillPhase.ROTATION) {
                    scenario.kubectl("annotate", "--overwrite", "mdb", name, ROTATE + "=" + token)
                            .orThrow();
                    rotations++;
                } else {
                    scenario.apply(manifest);
                }
                if (phase == KillPhase.ROLLBACK) {
                    rollbacks++;
                }
                Thread.sleep(random.nextLong(phase.longestDelay().toMillis() + 1));
                figures.killed(phase, settled(name, phase, token));
                operator.kill();
                long restarted = System.nanoTime();
                operator = launcher.start("vigil-operator");
                figures.restarted(operator.awaitReady(OPERATOR_READY));
                Awaitility.await()
                        .atMost(Scenario.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                        .pollInterval(250, TimeUnit.MILLISECONDS)
                        .ignoreExceptions()
                        .until(() -> settled(name, phase, token));
                figures.converged((System.nanoTime() - restarted) / 1e9);
                // Written after every kill, so that a long run stopped early still tells how far
                // it came.
                ReliabilityRun.record("OperatorKillsE2E", figures.asMap());
                OwnedObjects after =
                        check(name, phase, manifest, replicas, before, rotations, rollbacks);
                before = after;
            }
            if (!last) {
                scenario.kubectl("delete", "mdb", name, "--wait=true").orThrow();
                Awaitility.await()
                        .atMost(60, TimeUnit.SECONDS)
                        .until(() -> scenario.pods(name).isEmpty());
            }
        }

        private boolean settled(String name, KillPhase phase, String token) {
            SettledDatabase database =
                    SettledDatabase.of(scenario.client(), scenario.namespace(), name);
            if (phase == KillPhase.ROLLBACK) {
                return database.rolledBack();
            }
            if (phase == KillPhase.ROTATION) {
                Secret monitoring = secret(name + "-monitoring");
                return database.ready()
                        && monitoring != null
                        && token.equals(
                                monitoring.getMetadata().getAnnotations().get(ROTATION_TOKEN));
            }
            return database.ready();
        }

        private OwnedObjects check(
                String name,
                KillPhase phase,
                String manifest,
                int replicas,
                OwnedObjects before,
                int rotations,
                int rollbacks)
                throws Exception {
            String where = name + " " + phase + ": ";
            OwnedObjects after = OwnedObjects.of(scenario.client(), scenario.namespace(), name);
            if (before != null) {
                before.lostOrReplacedIn(after).forEach(p -> figures.problem(where + p));
            }
            Set<String> expected =
                    RenderedObjects.of(jar, work, manifest, scenario.namespace(), monitors);
            Set<String> actual = new TreeSet<>(after.names());
            actual.removeIf(n -> n.startsWith("PersistentVolumeClaim/"));
            for (String n : actual) {
                if (!expected.contains(n)) {
                    figures.problem(where + "unexpected object " + n);
                }
            }
            for (String n : expected) {
                if (!actual.contains(n)) {
                    figures.problem(where + "missing object " + n);
                }
            }
            long claims =
                    after.names().stream()
                            .filter(n -> n.startsWith("PersistentVolumeClaim/"))
                            .count();
            if (claims != replicas) {
                figures.problem(
                        where
                                + "missing object: "
                                + claims
                                + " claims for "
                                + replicas
                                + " members");
            }
            after.withoutOneController()
                    .forEach(
                            o ->
                                    figures.problem(
                                            where + o + " not controlled by the database alone"));
            for (String secret : secrets.names(name + "-")) {
                int expectedContents = secret.equals(name + "-monitoring") ? 1 + rotations : 1;
                if (secrets.contents(secret) != expectedContents) {
                    figures.problem(
                            where
                                    + "credential "
                                    + secret
                                    + " had "
                                    + secrets.contents(secret)
                                    + " contents, expected "
                                    + expectedContents);
                }
            }
            secrets.remade(name + "-")
                    .forEach(s -> figures.problem(where + "credential " + s + " made twice"));
            Map<String, Long> events = eventCounts(name);
            if (events.getOrDefault("RolledBack", 0L) != rollbacks) {
                figures.problem(
                        where
                                + "rollback Events "
                                + events.get("RolledBack")
                                + ", expected "
                                + rollbacks);
            }
            if (events.getOrDefault("MonitoringPasswordRotated", 0L) != rotations) {
                figures.problem(
                        where
                                + "rotation Events "
                                + events.get("MonitoringPasswordRotated")
                                + ", expected "
                                + rotations);
            }
            MonitoredDatabase database =
                    SettledDatabase.of(scenario.client(), scenario.namespace(), name).database();
            List<RolloutRecord> history =
                    database.getStatus().getRollout() == null
                                    || database.getStatus().getRollout().getHistory() == null
                            ? List.of()
                            : database.getStatus().getRollout().getHistory();
            long rolledBackRecords =
                    history.stream().filter(h -> "RolledBack".equals(h.getOutcome())).count();
            if (rolledBackRecords != rollbacks) {
                figures.problem(
                        where
                                + "rollback history has "
                                + rolledBackRecords
                                + ", expected "
                                + rollbacks);
            }
            Map<Long, Long> perGeneration = new HashMap<>();
            history.forEach(h -> perGeneration.merge(h.getGeneration(), 1L, Long::sum));
            perGeneration.forEach(
                    (generation, count) -> {
                        if (count > 1) {
                            figures.problem(
                                    where
                                            + "rollout of generation "
                                            + generation
                                            + " recorded "
                                            + count
                                            + " times (rollback or rollout repeated)");
                        }
                    });
            if (replicas > 1) {
                List<List<String>> slots =
                        new DatabaseProbes(scenario)
                                .sql(name, 0, "SELECT slot_name, active FROM pg_replication_slots");
                if (slots.size() != replicas - 1) {
                    figures.problem(
                            where
                                    + "replication slots "
                                    + slots.size()
                                    + " for "
                                    + (replicas - 1)
                                    + " standbys");
                }
            }
            return after;
        }

        private Map<String, Long> eventCounts(String name) {
            Map<String, Long> counts = new HashMap<>();
            scenario.events(name).stream()
                    .filter(e -> "MonitoredDatabase".equals(e.getInvolvedObject().getKind()))
                    .forEach(
                            e ->
                                    counts.merge(
                                            e.getReason(),
                                            (long) (e.getCount() == null ? 1 : e.getCount()),
                                            Long::sum));
            return counts;
        }

        private Secret secret(String secretName) {
            return scenario.client()
                    .secrets()
                    .inNamespace(scenario.namespace())
                    .withName(secretName)
                    .get();
        }
    }
}
