package dev.vigil.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.credentials.SecureRandomCredentials;
import dev.vigil.e2e.controlplane.AuditLog.AuditedRequest;
import dev.vigil.e2e.controlplane.ControlPlane;
import dev.vigil.e2e.controlplane.ControlPlaneBinaries;
import dev.vigil.e2e.controlplane.OperatorIdentity;
import dev.vigil.e2e.scenarios.E2EExtension;
import dev.vigil.engine.DatabaseEngines;
import dev.vigil.engine.DatabaseResources;
import dev.vigil.monitoring.MonitoringContext;
import dev.vigil.monitoring.MonitoringResources;
import dev.vigil.resources.BuildContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet benchmark (docs/benchmarks.md; {@code ./bench/run}): Vigil's operator, as a process of
 * its own ({@code vigil.jar run}), against the real control plane with no node, so pods are never
 * started and only the operator and the API server work. N MonitoredDatabases, a quarter each of
 * Managed MongoDB, Managed PostgreSQL, External MongoDB and External PostgreSQL, are applied at
 * once; the run measures
 *
 * <ul>
 *   <li>the operator's start-up, from its process's start until it is ready;
 *   <li>the time until every object Vigil renders for them exists and every status has {@code
 *       observedGeneration == generation}, against the floor: a bare client creating the same
 *       objects (as {@code vigil render} builds them) on the same server;
 *   <li>the operator's writes per database until then, from the API server's audit log;
 *   <li>its requests during an idle window after that (writes must be none);
 *   <li>its heap after a full GC and its RSS;
 *   <li>a restart with the fleet present: until ready, the first reconcile, every database
 *       reconciled, and the writes it made (expected none);
 *   <li>the reaction to spec edits (p50 and p99);
 *   <li>the reaction to a hard failure of the health gate, an image that cannot be pulled, until
 *       the rollback's first write (p50 and p99), with {@link ReadyPods} as the node of a few
 *       databases.
 * </ul>
 *
 * <p>Run by the {@code bench} execution ({@code ./bench/run}) with {@code
 * -Dvigil.bench.databases=N}, {@code -Dvigil.bench.idle-seconds=S}, {@code -Dvigil.bench.heap} (the
 * operator's {@code -Xmx}) and, for a JDK Flight Recorder profile of the first operator process,
 * {@code -Dvigil.bench.jfr=FILE}. It asserts only that the run completes and the operator writes
 * nothing while idle or after a restart: time is reported, never asserted.
 */
class FleetBenchmark {

    /** The quick mode, which the suite runs as a smoke test: its databases and idle window. */
    static final int QUICK_DATABASES = 8;

    static final int QUICK_IDLE_SECONDS = 10;

    private static final String NAMESPACE = "fleet";
    private static final String FLOOR_NAMESPACE = "fleet-floor";
    private static final String APPLY_FLOOR_NAMESPACE = "fleet-apply-floor";
    private static final Duration CONVERGENCE_LIMIT = Duration.ofMinutes(30);
    private static final Duration START_LIMIT = Duration.ofMinutes(2);

    /** How long without a write of the operator's before the fleet counts as settled. */
    private static final Duration SETTLED = Duration.ofSeconds(10);

    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(10);
    private static final String RECONCILED = "operator_sdk_reconciliations_success_total";
    private static final String STARTED = "operator_sdk_reconciliations_started_total";

    @TempDir Path work;

    @Test
    void aFleetConvergesAndThenTheOperatorIsIdle() throws Exception {
        String execution = System.getProperty(E2EExtension.EXECUTION_PROPERTY);
        Assumptions.assumeTrue(
                execution == null || execution.equals("e2e") || execution.equals("bench"),
                "the fleet benchmark runs in the e2e and bench executions, this is " + execution);
        int databases = Integer.getInteger("vigil.bench.databases", QUICK_DATABASES);
        int idleSeconds = Integer.getInteger("vigil.bench.idle-seconds", QUICK_IDLE_SECONDS);
        String heap = System.getProperty("vigil.bench.heap", "512m");
        Optional<Path> jfr =
                Optional.ofNullable(System.getProperty("vigil.bench.jfr"))
                        .map(p -> Path.of(p).toAbsolutePath());
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Path jar =
                Path.of(
                                System.getProperty(
                                        "vigil.bench.jar",
                                        repository.resolve("operator/target/vigil.jar").toString()))
                        .toAbsolutePath();
        ControlPlaneBinaries binaries = ControlPlaneBinaries.locate(repository);
        try (ControlPlane plane =
                ControlPlane.start(
                        binaries, work.resolve("control-plane"), 0, "127.240.0.0/16", "none")) {
            KubernetesClient admin = plane.client();
            FleetCrds.install(admin, repository, binaries);
            FleetManifests fleet = new FleetManifests(databases);
            namespace(admin, NAMESPACE);
            fleet.externalSecrets(NAMESPACE).forEach(s -> admin.resource(s).create());
            OperatorIdentity identity = OperatorIdentity.fromChart(admin, repository);
            Path kubeconfig =
                    plane.writeKubeconfig(
                            work.resolve("operator.kubeconfig"), "default", identity.token());
            OperatorRequests requests = new OperatorRequests(plane, identity.username());
            int concurrency = chartConcurrency(repository);
            FleetFigures figures;

            try (FleetWatch watch =
                    new FleetWatch(admin, NAMESPACE, render(fleet.databases(NAMESPACE)))) {
                figures = new FleetFigures(databases, watch.objects(), concurrency);
                try (OperatorProcess operator =
                        OperatorProcess.start(
                                jar,
                                kubeconfig,
                                concurrency,
                                heap,
                                jfr,
                                work.resolve("operator-1.log"))) {
                    figures.startupSeconds = operator.awaitReady(START_LIMIT);
                    converge(admin, fleet, watch, requests, figures);
                    idle(watch, requests, figures, idleSeconds);
                    figures.heapBytes = operator.heapAfterGc();
                    figures.rssBytes = operator.rss();
                    write("heap-" + databases + ".txt", operator.heapHistogram());
                }
                int beforeRestart = requests.mark();
                try (OperatorProcess again =
                        OperatorProcess.start(
                                jar,
                                kubeconfig,
                                concurrency,
                                heap,
                                Optional.empty(),
                                work.resolve("operator-2.log"))) {
                    restart(again, requests, beforeRestart, figures);
                    FleetReactions reacting = new FleetReactions(admin, NAMESPACE, watch);
                    List<Double> reactions = reacting.specEdits(fleet.editTargets());
                    figures.edits = reactions.size();
                    figures.editP50 = FleetReactions.percentile(reactions, 50);
                    figures.editP99 = FleetReactions.percentile(reactions, 99);
                    List<Double> rollbacks = reacting.gateFailures(fleet.gateTargets());
                    figures.gateFailures = rollbacks.size();
                    if (!rollbacks.isEmpty()) {
                        figures.gateFailureP50 = FleetReactions.percentile(rollbacks, 50);
                        figures.gateFailureP99 = FleetReactions.percentile(rollbacks, 99);
                    }
                }
            }

            namespace(admin, FLOOR_NAMESPACE);
            fleet.externalSecrets(FLOOR_NAMESPACE).forEach(s -> admin.resource(s).create());
            List<HasMetadata> floorObjects = render(fleet.databases(FLOOR_NAMESPACE));
            long floor = System.nanoTime();
            new FloorClient(admin, concurrency).createAll(floorObjects);
            figures.floorSeconds = seconds(floor);
            namespace(admin, APPLY_FLOOR_NAMESPACE);
            fleet.externalSecrets(APPLY_FLOOR_NAMESPACE).forEach(s -> admin.resource(s).create());
            List<HasMetadata> applied = render(fleet.databases(APPLY_FLOOR_NAMESPACE));
            long applyFloor = System.nanoTime();
            new FloorClient(admin, concurrency).applyAll(applied);
            figures.applyFloorSeconds = seconds(applyFloor);

            String report = figures.report();
            System.out.println(report);
            write("fleet-" + databases + ".txt", report);

            assertThat(figures.idleWrites).as("writes while idle").isZero();
            assertThat(figures.restartWrites).as("writes after a restart").isZero();
        }
    }

    private static void converge(
            KubernetesClient admin,
            FleetManifests fleet,
            FleetWatch watch,
            OperatorRequests requests,
            FleetFigures figures)
            throws InterruptedException {
        int mark = requests.mark();
        long applied = System.nanoTime();
        fleet.databases(NAMESPACE).forEach(db -> admin.resource(db).create());
        FleetWatch.await(watch::converged, CONVERGENCE_LIMIT, "convergence");
        figures.convergenceSeconds = seconds(applied);
        List<AuditedRequest> converging = requests.since(mark);
        figures.writes = OperatorRequests.count(converging, OperatorRequests.WRITES);
        figures.statusWrites = OperatorRequests.statusWrites(converging);
        figures.convergenceBreakdown =
                OperatorRequests.breakdown(converging, OperatorRequests.WRITES);
    }

    private static void idle(
            FleetWatch watch, OperatorRequests requests, FleetFigures figures, int idleSeconds)
            throws InterruptedException {
        long settling = System.nanoTime();
        int settled = awaitSettled(watch, requests);
        figures.settleSeconds = seconds(settling) - SETTLED.toSeconds();
        Map<String, String> before = statuses(watch);
        Thread.sleep(idleSeconds * 1000L);
        figures.idleStatusChanges = changes(before, statuses(watch));
        List<AuditedRequest> window = requests.since(settled);
        figures.idleSeconds = idleSeconds;
        figures.idleWrites = OperatorRequests.count(window, OperatorRequests.WRITES);
        figures.idleReads = OperatorRequests.count(window, OperatorRequests.READS);
        figures.idleWatches = OperatorRequests.count(window, OperatorRequests.WATCHES);
        figures.idleMostRead = OperatorRequests.mostRead(window, 5);
        figures.idleBreakdown =
                OperatorRequests.breakdown(
                        window,
                        java.util.Set.of("get", "list", "watch", "create", "update", "patch"));
    }

    /**
     * A new operator process with the settled fleet present: until it is ready, until its first
     * reconcile, and until it has reconciled as many times as there are databases (JOSDK's success
     * counter; in the first seconds after a start every database is reconciled once, for the
     * initial list), then {@link #SETTLED} more; every write in that time is counted.
     */
    private static void restart(
            OperatorProcess operator, OperatorRequests requests, int mark, FleetFigures figures)
            throws InterruptedException {
        figures.restartReadySeconds = operator.awaitReady(START_LIMIT);
        FleetWatch.await(
                () -> operator.metric(STARTED, "MonitoredDatabase") >= 1,
                START_LIMIT,
                "a first reconcile after the restart");
        figures.restartFirstReconcileSeconds = operator.secondsSinceStart();
        FleetWatch.await(
                () -> operator.metric(RECONCILED, "MonitoredDatabase") >= figures.databases,
                CONVERGENCE_LIMIT,
                "every database reconciled after the restart");
        figures.restartAllSeconds = operator.secondsSinceStart();
        Thread.sleep(SETTLED.toMillis());
        List<AuditedRequest> after = requests.since(mark);
        figures.restartWrites = OperatorRequests.count(after, OperatorRequests.WRITES);
        figures.restartBreakdown = OperatorRequests.breakdown(after, OperatorRequests.WRITES);
    }

    /**
     * Waits until the StatefulSet controller has caught up with every StatefulSet (its status names
     * the generation) and then the operator has written nothing for {@link #SETTLED}: the statuses
     * it refines as that controller reports (revisions, pod counts) come after convergence and are
     * reactions, not idle writes. Returns the audit log's mark then.
     */
    private static int awaitSettled(FleetWatch watch, OperatorRequests requests)
            throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        FleetWatch.await(watch::statefulSetsObserved, SETTLE_LIMIT, "the StatefulSet controller");
        int mark = requests.mark();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < SETTLED.toNanos()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the operator kept writing for " + SETTLE_LIMIT);
            }
            Thread.sleep(500);
            List<AuditedRequest> since = requests.since(mark);
            if (OperatorRequests.count(since, OperatorRequests.WRITES) > 0) {
                mark += since.size();
                quietSince = System.nanoTime();
            }
        }
        return requests.mark();
    }

    /** The chart's {@code reconcileConcurrency}, which the operator runs with when installed. */
    private static int chartConcurrency(Path repository) throws IOException {
        Matcher value =
                Pattern.compile("(?m)^reconcileConcurrency:\\s*(\\d+)\\s*$")
                        .matcher(
                                Files.readString(
                                        repository.resolve("helm/vigil-operator/values.yaml")));
        if (!value.find()) {
            throw new IllegalStateException("the chart's values.yaml has no reconcileConcurrency");
        }
        return Integer.parseInt(value.group(1));
    }

    /** What {@code vigil render} prints for {@code databases}: their objects and monitoring. */
    private static List<HasMetadata> render(List<MonitoredDatabase> databases) {
        BuildContext context = BuildContext.of(Clock.systemUTC(), new SecureRandomCredentials());
        List<HasMetadata> objects = new ArrayList<>();
        for (MonitoredDatabase database : databases) {
            objects.addAll(DatabaseResources.desired(database, context).all());
            objects.addAll(
                    MonitoringResources.desired(
                                    database,
                                    DatabaseEngines.of(
                                                    SchemaDefaults.withDefaults(database).getSpec())
                                            .monitoring(),
                                    MonitoringContext.installed(
                                            List.of(), DatabaseEngines.overridableAlerts()))
                            .objects());
        }
        return objects;
    }

    private static void namespace(KubernetesClient admin, String name) {
        admin.namespaces()
                .resource(
                        new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .endMetadata()
                                .build())
                .create();
    }

    private static Map<String, String> statuses(FleetWatch watch) {
        Map<String, String> statuses = new TreeMap<>();
        for (MonitoredDatabase database : watch.databases()) {
            statuses.put(
                    database.getMetadata().getName(), Serialization.asYaml(database.getStatus()));
        }
        return statuses;
    }

    /** The databases whose status changed, each with the first line that differs. */
    private static String changes(Map<String, String> before, Map<String, String> after) {
        StringBuilder text = new StringBuilder();
        for (var entry : after.entrySet()) {
            String old = before.getOrDefault(entry.getKey(), "");
            if (!old.equals(entry.getValue())) {
                List<String> oldLines = old.lines().toList();
                List<String> newLines = entry.getValue().lines().toList();
                int i = 0;
                while (i < oldLines.size()
                        && i < newLines.size()
                        && oldLines.get(i).equals(newLines.get(i))) {
                    i++;
                }
                text.append("  ")
                        .append(entry.getKey())
                        .append(": ")
                        .append(i < oldLines.size() ? oldLines.get(i).strip() : "")
                        .append(" -> ")
                        .append(i < newLines.size() ? newLines.get(i).strip() : "")
                        .append("\n");
            }
        }
        return text.toString();
    }

    /** Writes {@code text} to {@code target/bench/name}. */
    private static void write(String name, String text) throws IOException {
        Path out = Path.of("target", "bench", name);
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
