package dev.vigil.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.RolloutRecord;
import dev.vigil.e2e.cluster.HarnessOperator;
import dev.vigil.e2e.cluster.LocalCluster;
import dev.vigil.e2e.reliability.faults.FaultInjectingProxy;
import dev.vigil.e2e.reliability.faults.FaultKind;
import dev.vigil.e2e.reliability.faults.FaultPlan;
import dev.vigil.e2e.reliability.faults.RequestLedger;
import dev.vigil.e2e.scenarios.E2EExtension;
import dev.vigil.e2e.scenarios.Manifests;
import dev.vigil.e2e.scenarios.Scenario;
import dev.vigil.status.EventRecorder;
import dev.vigil.testing.ReliabilityRun;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #19's API faults: Vigil's operator works through a proxy ({@link FaultInjectingProxy}) that
 * answers a seeded 10 % of its requests with a 500, a 429 with {@code Retry-After}, a time-out
 * (before or after the server got the request) or, for a watch, a cut in the middle; from its start
 * (informers listing and watching) to the end. Through them, PostgreSQL databases are created, a
 * setting is changed (every member rolls) and the monitoring password is rotated, and in the long
 * run members are added. Then: each database is Ready at its current generation; no object it owns
 * was made twice, no Secret's content changed except the rotated one, once; one StatefulSet
 * revision per change of the pod template, none made again; no Event repeated; no rollback; no
 * faulted request repeated more than fabric8's retry limit; and once converged it writes nothing.
 *
 * <p>The operator's client behind the proxy watches over HTTP ({@code onlyHttpWatches}): fabric8
 * opens watches as WebSockets by default, which the proxy does not relay (an upgrade answered with
 * a 200 stream left the informers waiting for their handshake until JOSDK gave up). HTTP watches go
 * through the same watch manager, its reconnects and relists, as WebSocket ones.
 */
@ExtendWith(E2EExtension.class)
class ApiFaultsE2E {

    private static final double FAULT_RATE = 0.10;
    private static final String SEED_PROPERTY = "vigil.faults.seed";
    private static final long DEFAULT_SEED = 19;

    /**
     * The request timeout of the operator's client behind the proxy: the harness's 10 s would make
     * each time-out cost 10 s of a reconcile; what is tested (a request gets no answer and the
     * client gives up) does not depend on the length.
     */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(3);

    /** fabric8's default {@code requestRetryBackoffLimit}. */
    private static final long RETRY_LIMIT = 10;

    /** A retry storm would repeat a request many times within this. */
    private static final Duration REPEAT_WINDOW = Duration.ofSeconds(10);

    private static final String INSTANCE = "app.kubernetes.io/instance";
    private static final String ROTATE = "vigil.dev/rotate-monitoring-password";
    private static final String ROTATED = "vigil.dev/rotation-token";

    @Test
    void operatorConvergesThroughApiFaultsWithoutRepeatingItself(Scenario scenario) {
        LocalCluster cluster = scenario.local();
        int databases = ReliabilityRun.count(1, 3);
        int rounds = ReliabilityRun.count(1, 3);
        int replicas = ReliabilityRun.count(1, 2);
        long seed = Long.getLong(SEED_PROPERTY, DEFAULT_SEED);
        List<String> names =
                IntStream.range(0, databases).mapToObj(i -> "faulty-" + (char) ('a' + i)).toList();
        Map<String, Integer> templateChanges = new TreeMap<>();
        Map<String, Integer> rotations = new TreeMap<>();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("seed", seed);
        figures.put("faultRate", FAULT_RATE);
        figures.put("databases", databases);

        HarnessOperator shared = cluster.operator();
        shared.stop();
        FaultPlan plan = new FaultPlan(seed, FAULT_RATE);
        long started = System.nanoTime();
        try (FaultInjectingProxy proxy =
                        FaultInjectingProxy.start(cluster.url(), plan, CLIENT_TIMEOUT);
                ObjectHistory history =
                        ObjectHistory.watch(scenario.client(), scenario.namespace());
                HarnessOperator operator =
                        new HarnessOperator(
                                proxied(cluster, proxy),
                                cluster.dns(),
                                cluster.options().intervals())) {
            plan.start();
            try {
                operator.start();
            } catch (RuntimeException e) {
                throw new AssertionError(
                        "the operator did not start through the proxy; requests by verb, resource"
                                + " and status: "
                                + RequestLedger.byVerbResourceAndStatus(proxy.ledger().entries()),
                        e);
            }
            figures.put("operatorStartSeconds", seconds(started));

            for (String name : names) {
                scenario.apply(Manifests.postgres(name, replicas, "16.4", workMem(4)));
                templateChanges.put(name, 1);
                rotations.put(name, 0);
            }
            names.forEach(name -> awaitConverged(scenario, name, replicas));
            figures.put("createdSeconds", seconds(started));

            int members = replicas;
            for (int round = 1; round <= rounds; round++) {
                int mem = 4 + 4 * round;
                boolean scale = round == rounds && ReliabilityRun.isLong();
                members = scale ? replicas + 1 : members;
                Map<String, String> revisions = new TreeMap<>();
                for (String name : names) {
                    revisions.put(name, scenario.statefulSet(name).getStatus().getUpdateRevision());
                    scenario.apply(Manifests.postgres(name, members, "16.4", workMem(mem)));
                    templateChanges.merge(name, 1, Integer::sum);
                }
                for (String name : names) {
                    awaitRolled(scenario, name, members, revisions.get(name));
                    awaitConverged(scenario, name, members);
                }
                figures.put("round" + round + "SettingSeconds", seconds(started));
                for (String name : names) {
                    revisions.put(name, scenario.statefulSet(name).getStatus().getUpdateRevision());
                    String token = "round-" + round;
                    scenario.kubectl("annotate", "mdb", name, ROTATE + "=" + token, "--overwrite")
                            .orThrow();
                    rotations.merge(name, 1, Integer::sum);
                    templateChanges.merge(name, 1, Integer::sum);
                    Awaitility.await()
                            .atMost(Scenario.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                            .pollInterval(200, TimeUnit.MILLISECONDS)
                            .until(() -> token.equals(rotationToken(scenario, name)));
                }
                for (String name : names) {
                    awaitRolled(scenario, name, members, revisions.get(name));
                    awaitConverged(scenario, name, members);
                }
                figures.put("round" + round + "RotationSeconds", seconds(started));
            }
            double converged = seconds(started);
            figures.put("convergedSeconds", converged);

            // Converged: with the faults still on, the operator has nothing left to write.
            int before = proxy.ledger().size();
            Awaitility.await().pollDelay(quiet()).atMost(quiet().plusSeconds(1)).until(() -> true);
            List<RequestLedger.Entry> quietWindow = proxy.ledger().since(before);
            plan.stop();
            List<RequestLedger.Entry> requests = proxy.ledger().entries();

            Map<FaultKind, Integer> faults = RequestLedger.faultsByKind(requests);
            int injected = faults.values().stream().mapToInt(Integer::intValue).sum();
            faults.forEach((kind, count) -> figures.put("faults." + kind, count));
            figures.put("faultsInjected", injected);
            figures.put("requests", requests.size());
            figures.put("writes", requests.stream().filter(e -> e.request().isWrite()).count());
            figures.put("quietWindowSeconds", quiet().toSeconds());
            figures.put(
                    "quietWindowWrites",
                    quietWindow.stream().filter(e -> e.request().isWrite()).count());
            RequestLedger.byVerbAndResource(requests, e -> true)
                    .forEach((k, v) -> figures.put("requests." + k.replace(' ', '.'), v));
            Map<RequestLedger.Entry, Long> delays = RequestLedger.retryDelays(requests);
            figures.put(
                    "shortestRetryAfter429Millis",
                    delays.entrySet().stream()
                            .filter(e -> e.getKey().fault() == FaultKind.TOO_MANY_REQUESTS)
                            .mapToLong(Map.Entry::getValue)
                            .min()
                            .orElse(-1));
            figures.put(
                    "shortestRetryAfter500Millis",
                    delays.entrySet().stream()
                            .filter(e -> e.getKey().fault() == FaultKind.SERVER_ERROR)
                            .mapToLong(Map.Entry::getValue)
                            .min()
                            .orElse(-1));
            Map<String, Set<String>> uids = history.uids();
            Map<String, Set<String>> contents = history.secretContents();
            List<String> events = operatorEvents(scenario);
            figures.put("objectsWatched", uids.size());
            figures.put("events", events.size());
            figures.put("lost", "nothing checked was lost (see the assertions)");
            ReliabilityRun.record("ApiFaultsE2E", figures);
            figures.forEach((k, v) -> System.err.println("api-faults: " + k + "=" + v));
            events.forEach(e -> System.err.println("api-faults: event " + e));

            assertThat(faults.get(FaultKind.SERVER_ERROR)).as("500s injected").isPositive();
            assertThat(faults.get(FaultKind.TOO_MANY_REQUESTS)).as("429s injected").isPositive();
            for (String name : names) {
                MonitoredDatabase database = scenario.database(name);
                assertThat(database.getStatus().getObservedGeneration())
                        .as("%s observed its current generation", name)
                        .isEqualTo(database.getMetadata().getGeneration());
                assertThat(database.getStatus().getRollout().getHistory())
                        .as("%s: every rollout succeeded, none rolled back", name)
                        .allSatisfy(
                                r ->
                                        assertThat(r.getOutcome())
                                                .as("rollout of generation %s", r.getGeneration())
                                                .isNotEqualToIgnoringCase("RolledBack"));
                assertThat(
                                database.getStatus().getRollout().getHistory().stream()
                                        .map(RolloutRecord::getGeneration)
                                        .toList())
                        .as("%s: no generation rolled out twice", name)
                        .doesNotHaveDuplicates();
                assertRevisions(scenario, name, templateChanges.get(name));
            }
            assertThat(uids)
                    .as("no object a database owns was deleted and made again")
                    .allSatisfy((key, seen) -> assertThat(seen).as(key).hasSize(1));
            assertThat(contents)
                    .as("no credential regenerated; the monitoring one rotated once per request")
                    .allSatisfy(
                            (key, seen) ->
                                    assertThat(seen)
                                            .as(key)
                                            .hasSize(
                                                    key.endsWith("-monitoring")
                                                            ? 1
                                                                    + rotations.get(
                                                                            database(key, names))
                                                            : 1));
            assertThat(events).as("no Event recorded twice").doesNotHaveDuplicates();
            // Bounded retries: fabric8 retries a 500, a 429 and a broken connection at most
            // RETRY_LIMIT times with a backoff from 100 ms; no fault sets off a storm of the same
            // request. (How soon each came again is a figure, not a check: a 429's Retry-After was
            // not always waited for, see docs/reliability.md.)
            assertThat(RequestLedger.repeatsWithin(requests, REPEAT_WINDOW))
                    .as("no faulted request was repeated more than fabric8's retry limit")
                    .allSatisfy(
                            (fault, repeats) ->
                                    assertThat(repeats)
                                            .as(
                                                    "%s of %s",
                                                    fault.fault(), fault.request().identity())
                                            .isLessThanOrEqualTo(RETRY_LIMIT));
            assertThat(quietWindow.stream().filter(e -> e.request().isWrite()).toList())
                    .as("once converged the operator writes nothing, faults or not")
                    .isEmpty();
        } finally {
            shared.start();
        }
    }

    /** The harness operator's client configuration, sent through the proxy. */
    private static Config proxied(LocalCluster cluster, FaultInjectingProxy proxy) {
        Config direct =
                cluster.controlPlane()
                        .clientConfig(
                                cluster.operatorIdentity().token(), HarnessOperator.USER_AGENT);
        return new ConfigBuilder(direct)
                .withMasterUrl(proxy.url())
                .withRequestTimeout((int) CLIENT_TIMEOUT.toMillis())
                // fabric8 opens watches as WebSockets, which the proxy does not relay (an upgrade
                // answered 200 leaves the informers waiting for a handshake); its HTTP watches go
                // through the same watch manager's reconnects and relists.
                .withOnlyHttpWatches(true)
                .build();
    }

    private static Duration quiet() {
        return Duration.ofSeconds(ReliabilityRun.count(3, 15));
    }

    private static Map<String, String> workMem(int megabytes) {
        return Map.of("work_mem", megabytes + "MB");
    }

    private static double seconds(long since) {
        return Math.round((System.nanoTime() - since) / 1e8) / 10.0;
    }

    /** Ready at its current generation, every member ready. */
    private static void awaitConverged(Scenario scenario, String name, int members) {
        scenario.waitReady(name);
        Awaitility.await()
                .atMost(Scenario.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .pollInterval(200, TimeUnit.MILLISECONDS)
                .untilAsserted(
                        () -> {
                            MonitoredDatabase database = scenario.database(name);
                            assertThat(database.getStatus().getObservedGeneration())
                                    .isEqualTo(database.getMetadata().getGeneration());
                            assertThat(database.getStatus().getPhase()).isEqualTo("Ready");
                            assertThat(database.getStatus().getReadyReplicas()).isEqualTo(members);
                        });
    }

    /** The StatefulSet has a revision other than {@code before}, on every member, all ready. */
    private static void awaitRolled(Scenario scenario, String name, int members, String before) {
        Awaitility.await()
                .atMost(Scenario.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .pollInterval(200, TimeUnit.MILLISECONDS)
                .untilAsserted(
                        () -> {
                            StatefulSet set = scenario.statefulSet(name);
                            assertThat(set.getStatus().getUpdateRevision()).isNotEqualTo(before);
                            assertThat(set.getStatus().getCurrentRevision())
                                    .isEqualTo(set.getStatus().getUpdateRevision());
                            assertThat(set.getStatus().getReadyReplicas()).isEqualTo(members);
                            assertThat(set.getStatus().getUpdatedReplicas()).isEqualTo(members);
                        });
    }

    /**
     * One ControllerRevision per change of the pod template, numbered 1 to n: a template applied
     * again (a flap back to an earlier one) would reuse its revision with a higher number.
     */
    private static void assertRevisions(Scenario scenario, String name, int changes) {
        List<Long> numbers =
                scenario
                        .client()
                        .apps()
                        .controllerRevisions()
                        .inNamespace(scenario.namespace())
                        .withLabel(INSTANCE, name)
                        .list()
                        .getItems()
                        .stream()
                        .map(ControllerRevision::getRevision)
                        .sorted()
                        .toList();
        assertThat(numbers)
                .as("%s: one StatefulSet revision per template change", name)
                .isEqualTo(LongStream.rangeClosed(1, changes).boxed().toList());
    }

    private static String rotationToken(Scenario scenario, String name) {
        return scenario
                .client()
                .secrets()
                .inNamespace(scenario.namespace())
                .withLabel(INSTANCE, name)
                .list()
                .getItems()
                .stream()
                .filter(s -> s.getMetadata().getName().endsWith("-monitoring"))
                .map(s -> s.getMetadata().getAnnotations())
                .filter(a -> a != null && a.containsKey(ROTATED))
                .map(a -> a.get(ROTATED))
                .findFirst()
                .orElse(null);
    }

    /** The database a Secret key (Secret/<name>) belongs to. */
    private static String database(String key, List<String> names) {
        String secret = key.substring(key.indexOf('/') + 1);
        return names.stream()
                .filter(n -> secret.startsWith(n + "-"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no database owns " + key));
    }

    /** The operator's Events: object, reason, message, and how many times each was counted. */
    private static List<String> operatorEvents(Scenario scenario) {
        List<String> events = new ArrayList<>();
        for (Event event :
                scenario.client()
                        .v1()
                        .events()
                        .inNamespace(scenario.namespace())
                        .list()
                        .getItems()) {
            if (event.getSource() == null
                    || !EventRecorder.COMPONENT.equals(event.getSource().getComponent())) {
                continue;
            }
            for (int i = 0; i < (event.getCount() == null ? 1 : event.getCount()); i++) {
                events.add(
                        event.getInvolvedObject().getName()
                                + " "
                                + event.getInvolvedObject().getResourceVersion()
                                + " "
                                + event.getReason()
                                + ": "
                                + event.getMessage());
            }
        }
        return events.stream().sorted().collect(Collectors.toList());
    }
}
