package dev.vigil.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.RolloutRecord;
import dev.vigil.e2e.reliability.database.ExporterPasswordFault;
import dev.vigil.e2e.reliability.database.MongoReplicaSetProbe;
import dev.vigil.e2e.reliability.database.PostgresMemberKill;
import dev.vigil.e2e.reliability.database.StatusTrail;
import dev.vigil.e2e.scenarios.DatabaseProbes;
import dev.vigil.e2e.scenarios.E2EExtension;
import dev.vigil.e2e.scenarios.Manifests;
import dev.vigil.e2e.scenarios.Scenario;
import dev.vigil.e2e.scenarios.SteadyWriter;
import dev.vigil.testing.ReliabilityRun;
import io.fabric8.kubernetes.api.model.Pod;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Database faults (#19), on the local cluster: a PostgreSQL member's server SIGKILLed in the middle
 * of a rollout, while a client writes; the monitoring role's password changed behind Vigil's back;
 * a MongoDB primary stepping down in the middle of a reconfiguration (the wire double's election).
 * After each: the rollout or reconfiguration finished once, the status says what happened, no
 * acknowledged write or user is lost, the database is Ready. The long mode repeats each fault.
 */
@ExtendWith(E2EExtension.class)
class DatabaseFaultsE2E {

    private static final String MONITORING_ROLE = "vigil_monitor";

    /**
     * How long a stepped-down primary may not be elected again. Short: each round steps another
     * member down, and with rounds about ten seconds apart a 30 s period left no electable
     * secondary by the fourth (the double then refuses, 262 ExceededTimeLimit, as mongod does).
     */
    private static final int STEP_DOWN_SECONDS = 6;

    @Test
    void postgresSurvivesAMemberKilledMidRolloutAndABrokenExporterPassword(Scenario scenario)
            throws Exception {
        long started = System.nanoTime();
        String name = "faults";
        int rollouts = ReliabilityRun.count(1, 10);
        int passwordFaults = ReliabilityRun.count(1, 5);
        scenario.apply(Manifests.postgres(name, 2, "16.4", Map.of("work_mem", "4MB")));
        scenario.waitReady(name);
        DatabaseProbes probes = new DatabaseProbes(scenario);
        PostgresMemberKill kills = new PostgresMemberKill(probes);
        Map<String, Object> figures = new LinkedHashMap<>();
        int killed = 0;
        int primariesKilled = 0;
        int completed = 0;
        int rolledBack = 0;
        long longestRecovery = 0;
        SteadyWriter writer = SteadyWriter.start(probes, name, 0);
        try {
            for (int rollout = 1; rollout <= rollouts; rollout++) {
                // The StatefulSet replaces the highest ordinal first. Odd rollouts kill member 0,
                // still on the old revision, once member 1 was replaced; even ones kill member 1
                // as soon as it serves again on the new revision, before member 0 is replaced.
                boolean oldRevision = rollout % 2 == 1;
                int victim = oldRevision ? 0 : 1;
                String victimPod = name + "-" + victim;
                String victimRole =
                        victim == primaryOrdinal(scenario, name) ? "primary" : "standby";
                long pid = kills.postmasterPid(name, victim);
                Map<String, String> uidsBefore = uids(scenario.pods(name));
                long generation = scenario.database(name).getMetadata().getGeneration() + 1;
                scenario.apply(
                        Manifests.postgres(
                                name, 2, "16.4", Map.of("work_mem", (4 + rollout) + "MB")));
                StatusTrail trail = new StatusTrail();
                Awaitility.await()
                        .atMost(Scenario.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                        .pollInterval(100, TimeUnit.MILLISECONDS)
                        .until(
                                () -> {
                                    trail.look(scenario.database(name));
                                    return replaced(scenario, name, name + "-1", uidsBefore);
                                });
                if (!oldRevision) {
                    pid = awaitServer(kills, name, victim);
                }
                assertThat(PostgresMemberKill.kill(pid))
                        .as(
                                "postgres of %s, the %s (pid %d), was running and got SIGKILL",
                                victimPod, victimRole, pid)
                        .isTrue();
                killed++;
                if (victimRole.equals("primary")) {
                    primariesKilled++;
                }
                long killedAt = System.nanoTime();
                Awaitility.await()
                        .atMost(Scenario.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                        .pollInterval(200, TimeUnit.MILLISECONDS)
                        .until(
                                () -> {
                                    MonitoredDatabase database = scenario.database(name);
                                    trail.look(database);
                                    return settled(database, generation);
                                });
                longestRecovery =
                        Math.max(longestRecovery, (System.nanoTime() - killedAt) / 1_000_000);
                MonitoredDatabase database = scenario.database(name);
                System.out.printf(
                        "rollout %d, %s %s killed; status seen: %s%n",
                        rollout, victimRole, victimPod, trail.lines());
                RolloutRecord last = lastRecord(database, generation);
                if ("Ready".equals(database.getStatus().getPhase())) {
                    completed++;
                    assertThat(database.getStatus().getRollout().getLastStableGeneration())
                            .as("the rollout completed: %s", trail.lines())
                            .isEqualTo(generation);
                } else {
                    rolledBack++;
                    assertThat(database.getStatus().getPhase()).isEqualTo("RolledBack");
                    assertThat(condition(database, "RolledBack"))
                            .as("a rollback says why")
                            .contains("True")
                            .contains(victimPod);
                }
                assertThat(last.getOutcome()).as("the rollout's record").isNotBlank();
                if (!oldRevision) {
                    // Member 0's killed pod is replaced by the rollout anyway; member 1's is not.
                    assertThat(restarts(scenario.pods(name), victimPod))
                            .as("the node restarted the killed container of %s", victimPod)
                            .isPositive();
                }
                scenario.waitReady(name);
                assertStatusNamesTheRealPrimary(scenario, probes, name);
            }
        } finally {
            writer.close();
        }
        int primary = primaryOrdinal(scenario, name);
        Set<Long> stored = storedIds(probes, name, primary);
        List<Long> acknowledged = writer.acknowledged();
        List<Long> lost = acknowledged.stream().filter(id -> !stored.contains(id)).toList();
        assertThat(acknowledged).as("the client kept writing").hasSizeGreaterThan(50);
        assertThat(lost).as("acknowledged writes lost").isEmpty();
        assertThat(storedIds(probes, name, 1 - primary))
                .as("the standby streamed every acknowledged write")
                .containsAll(acknowledged);
        figures.put("postgres.rollouts", rollouts);
        figures.put("postgres.membersKilled", killed);
        figures.put("postgres.primariesKilled", primariesKilled);
        figures.put("postgres.rolloutsCompleted", completed);
        figures.put("postgres.rolloutsRolledBack", rolledBack);
        figures.put("postgres.writesAcknowledged", acknowledged.size());
        figures.put("postgres.writesLost", lost.size());
        figures.put("postgres.writeFailures", writer.failures());
        figures.put("postgres.longestWritePauseMs", writer.longestGap().toMillis());
        figures.put("postgres.longestKillToSettledMs", longestRecovery);

        long longestRepair = 0;
        for (int fault = 1; fault <= passwordFaults; fault++) {
            longestRepair =
                    Math.max(longestRepair, breakAndWatchTheExporter(scenario, probes, name));
        }
        figures.put("exporter.passwordFaults", passwordFaults);
        figures.put("exporter.longestRepairMs", longestRepair);
        figures.put("durationMs", (System.nanoTime() - started) / 1_000_000);
        ReliabilityRun.record("DatabaseFaultsE2E-postgres", figures);
    }

    /**
     * Changes the monitoring role's password behind Vigil's back: the exporter reports the database
     * down, then Vigil sets the Secret's password again, says so, and the exporter reports it up.
     *
     * @return milliseconds from the fault to the exporter's {@code pg_up 1}
     */
    private static long breakAndWatchTheExporter(
            Scenario scenario, DatabaseProbes probes, String name) throws Exception {
        int primary = primaryOrdinal(scenario, name);
        Pod primaryPod = scenario.pods(name).get(primary);
        Set<String> eventsBefore = repairEvents(scenario);
        long brokenAt = System.nanoTime();
        new ExporterPasswordFault(probes).inject(name, primary, MONITORING_ROLE);
        boolean[] sawDown = {false};
        Awaitility.await()
                .atMost(60, TimeUnit.SECONDS)
                .pollInterval(250, TimeUnit.MILLISECONDS)
                .ignoreExceptions()
                .until(
                        () -> {
                            String metrics = probes.exporterMetrics(primaryPod);
                            if (metrics.lines().anyMatch("pg_up 0"::equals)) {
                                sawDown[0] = true;
                            }
                            return sawDown[0] && metrics.lines().anyMatch("pg_up 1"::equals);
                        });
        long repairedMs = (System.nanoTime() - brokenAt) / 1_000_000;
        Set<String> events = repairEvents(scenario);
        events.removeAll(eventsBefore);
        assertThat(events)
                .as("an Event tells that the monitoring role's password was set again")
                .anySatisfy(message -> assertThat(message).contains(MONITORING_ROLE));
        scenario.waitReady(name);
        return repairedMs;
    }

    private static Set<String> repairEvents(Scenario scenario) {
        return scenario
                .client()
                .v1()
                .events()
                .inNamespace(scenario.namespace())
                .list()
                .getItems()
                .stream()
                .filter(e -> "MonitoringRoleRepaired".equals(e.getReason()))
                .map(e -> e.getMetadata().getUid() + " " + e.getMessage() + " x" + e.getCount())
                .collect(Collectors.toCollection(HashSet::new));
    }

    @Test
    void mongoReconfigurationCompletesOnceAcrossAPrimaryStepDown(Scenario scenario) {
        long started = System.nanoTime();
        String name = "ledger";
        int reconfigurations = ReliabilityRun.count(1, 6);
        scenario.apply(Manifests.mongo(name, 3));
        scenario.waitReady(name);
        DatabaseProbes probes = new DatabaseProbes(scenario);
        MongoReplicaSetProbe replicaSet = new MongoReplicaSetProbe(probes, name);
        int firstPrimary = replicaSet.primary(0).orElseThrow();
        String password = UUID.randomUUID().toString();
        replicaSet.createUser(firstPrimary, "shop-app", password);
        List<String> usersBefore = replicaSet.users(firstPrimary);
        int stepDowns = 0;
        long longestSettle = 0;
        int size = 3;
        for (int round = 1; round <= reconfigurations; round++) {
            int target = size == 3 ? 5 : 3;
            int versionBefore = MongoReplicaSetProbe.version(replicaSet.config(0));
            scenario.apply(Manifests.mongo(name, target));
            // In the middle: the configuration has four members, one of the two changes made.
            Awaitility.await()
                    .atMost(Scenario.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .pollInterval(100, TimeUnit.MILLISECONDS)
                    .ignoreExceptions()
                    .until(() -> replicaSet.hosts(replicaSet.config(0)).size() == 4);
            int primary = replicaSet.primary(0).orElseThrow();
            Document reply = replicaSet.stepDown(primary, STEP_DOWN_SECONDS);
            assertThat(reply.get("ok")).isEqualTo(1.0);
            stepDowns++;
            long steppedDownAt = System.nanoTime();
            int expected = target;
            Awaitility.await()
                    .atMost(Scenario.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .pollInterval(200, TimeUnit.MILLISECONDS)
                    .ignoreExceptions()
                    .until(
                            () -> {
                                MonitoredDatabase database = scenario.database(name);
                                return "Ready".equals(database.getStatus().getPhase())
                                        && database.getStatus().getReadyReplicas() == expected
                                        && replicaSet.hosts(replicaSet.config(0)).size()
                                                == expected;
                            });
            scenario.waitReady(name);
            longestSettle =
                    Math.max(longestSettle, (System.nanoTime() - steppedDownAt) / 1_000_000);
            Document config = replicaSet.config(0);
            List<String> hosts = replicaSet.hosts(config);
            assertThat(hosts).as("every member once").doesNotHaveDuplicates().hasSize(target);
            assertThat(hosts.stream().map(MongoReplicaSetProbe::ordinal).sorted().toList())
                    .as("the members are the StatefulSet's pods")
                    .isEqualTo(java.util.stream.IntStream.range(0, target).boxed().toList());
            assertThat(MongoReplicaSetProbe.version(config) - versionBefore)
                    .as("one reconfiguration per member added or removed, none repeated")
                    .isEqualTo(2);
            int newPrimary = replicaSet.primary(0).orElseThrow();
            assertThat(newPrimary).as("a new primary was elected").isNotEqualTo(primary);
            assertThat(scenario.database(name).getStatus().getPrimary())
                    .as("status names the primary the replica set elected")
                    .isEqualTo(name + "-" + newPrimary);
            assertThat(replicaSet.users(newPrimary))
                    .as("the users written before the step-down are all there")
                    .containsAll(usersBefore);
            size = target;
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("mongo.reconfigurations", reconfigurations);
        figures.put("mongo.primaryStepDowns", stepDowns);
        figures.put("mongo.usersLost", 0);
        figures.put("mongo.longestStepDownToReadyMs", longestSettle);
        figures.put("durationMs", (System.nanoTime() - started) / 1_000_000);
        ReliabilityRun.record("DatabaseFaultsE2E-mongo", figures);
    }

    private static int primaryOrdinal(Scenario scenario, String name) {
        String primary = scenario.database(name).getStatus().getPrimary();
        return Integer.parseInt(primary.substring(primary.lastIndexOf('-') + 1));
    }

    /**
     * Checks that the member status calls primary is the one PostgreSQL says is not in recovery.
     */
    private static void assertStatusNamesTheRealPrimary(
            Scenario scenario, DatabaseProbes probes, String name) throws SQLException {
        int primary = primaryOrdinal(scenario, name);
        assertThat(probes.sql(name, primary, "SELECT pg_is_in_recovery()"))
                .as("status.primary %s-%d takes writes", name, primary)
                .containsExactly(List.of("f"));
        assertThat(probes.sql(name, 1 - primary, "SELECT pg_is_in_recovery()"))
                .containsExactly(List.of("t"));
    }

    /** Waits until member {@code ordinal}'s server answers again, and returns its pid. */
    private static long awaitServer(PostgresMemberKill kills, String name, int ordinal) {
        long[] pid = {0};
        Awaitility.await()
                .atMost(Scenario.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .pollInterval(100, TimeUnit.MILLISECONDS)
                .ignoreExceptions()
                .until(
                        () -> {
                            pid[0] = kills.postmasterPid(name, ordinal);
                            return true;
                        });
        return pid[0];
    }

    private static boolean settled(MonitoredDatabase database, long generation) {
        if (database.getStatus() == null || database.getStatus().getRollout() == null) {
            return false;
        }
        String phase = database.getStatus().getPhase();
        Long stable = database.getStatus().getRollout().getLastStableGeneration();
        return ("Ready".equals(phase) && stable != null && stable == generation)
                || "RolledBack".equals(phase);
    }

    private static RolloutRecord lastRecord(MonitoredDatabase database, long generation) {
        List<RolloutRecord> history = database.getStatus().getRollout().getHistory();
        assertThat(history).as("status.rollout.history").isNotEmpty();
        RolloutRecord last = history.get(history.size() - 1);
        assertThat(last.getGeneration()).isEqualTo(generation);
        return last;
    }

    private static String condition(MonitoredDatabase database, String type) {
        return database.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()))
                .map(c -> c.getStatus() + " " + c.getReason() + " " + c.getMessage())
                .findFirst()
                .orElse("");
    }

    private static Map<String, String> uids(List<Pod> pods) {
        return pods.stream()
                .collect(
                        Collectors.toMap(
                                p -> p.getMetadata().getName(), p -> p.getMetadata().getUid()));
    }

    private static boolean replaced(
            Scenario scenario, String name, String pod, Map<String, String> uidsBefore) {
        return scenario.pods(name).stream()
                .anyMatch(
                        p ->
                                p.getMetadata().getName().equals(pod)
                                        && !p.getMetadata().getUid().equals(uidsBefore.get(pod))
                                        && p.getMetadata().getDeletionTimestamp() == null);
    }

    private static int restarts(List<Pod> pods, String pod) {
        return pods.stream()
                .filter(p -> p.getMetadata().getName().equals(pod))
                .flatMap(p -> p.getStatus().getContainerStatuses().stream())
                .mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount())
                .sum();
    }

    private static Set<Long> storedIds(DatabaseProbes probes, String name, int ordinal)
            throws SQLException {
        return probes.sql(name, ordinal, "SELECT id FROM " + SteadyWriter.TABLE).stream()
                .map(row -> Long.parseLong(row.get(0)))
                .collect(Collectors.toSet());
    }
}
