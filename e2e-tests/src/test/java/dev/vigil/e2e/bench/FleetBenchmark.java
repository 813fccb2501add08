package dev.vigil.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.credentials.SecureRandomCredentials;
import dev.vigil.e2e.cluster.HarnessOperator;
import dev.vigil.e2e.controlplane.AuditLog.AuditedRequest;
import dev.vigil.e2e.controlplane.ControlPlane;
import dev.vigil.e2e.controlplane.ControlPlaneBinaries;
import dev.vigil.e2e.controlplane.OperatorIdentity;
import dev.vigil.engine.DatabaseResources;
import dev.vigil.names.DatabaseAddressResolver;
import dev.vigil.reconciler.ReconcileIntervals;
import dev.vigil.resources.BuildContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet benchmark (docs/benchmarks.md; {@code ./bench/run}): Vigil's operator against the real
 * control plane with no node, so pods are never started and only the operator and the API server
 * work. N MonitoredDatabases, a quarter each of Managed MongoDB, Managed PostgreSQL, External
 * MongoDB and External PostgreSQL, are applied at once; the run measures
 *
 * <ul>
 *   <li>the time until every object Vigil renders for them exists and every status has {@code
 *       observedGeneration == generation}, against the floor: a bare client creating the same
 *       objects (as {@code vigil render} builds them) on the same server;
 *   <li>the operator's writes per database until then, from the API server's audit log;
 *   <li>its requests during an idle window after that (writes must be none);
 *   <li>the heap the operator holds after a full GC (this JVM's, before and after).
 * </ul>
 *
 * <p>Run by the {@code bench} execution only, with {@code -Dvigil.bench.databases=N} and {@code
 * -Dvigil.bench.idle-seconds=S}. It asserts only that the run completes and the operator writes
 * nothing while idle: time is reported, never asserted.
 */
class FleetBenchmark {

    private static final String NAMESPACE = "fleet";
    private static final String FLOOR_NAMESPACE = "fleet-floor";
    private static final Duration CONVERGENCE_LIMIT = Duration.ofMinutes(30);
    private static final Set<String> WRITES = Set.of("create", "update", "patch", "delete");
    private static final Set<String> READS = Set.of("get", "list");

    /** How long without a write of the operator's before the fleet counts as settled. */
    private static final Duration SETTLED = Duration.ofSeconds(10);

    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(10);

    @TempDir Path work;

    @Test
    void aFleetConvergesAndThenTheOperatorIsIdle() throws Exception {
        int databases = Integer.getInteger("vigil.bench.databases", 20);
        int idleSeconds = Integer.getInteger("vigil.bench.idle-seconds", 30);
        Path repository = Path.of("..").toAbsolutePath().normalize();
        ControlPlaneBinaries binaries = ControlPlaneBinaries.locate(repository);
        try (ControlPlane plane =
                ControlPlane.start(
                        binaries, work.resolve("control-plane"), 0, "127.240.0.0/16", "none")) {
            KubernetesClient admin = plane.client();
            FleetCrds.install(admin, repository);
            FleetManifests fleet = new FleetManifests(databases);
            namespace(admin, NAMESPACE);
            fleet.externalSecrets(NAMESPACE).forEach(s -> admin.resource(s).create());
            Convergence convergence =
                    new Convergence(admin, NAMESPACE, render(fleet.databases(NAMESPACE)));

            OperatorIdentity identity = OperatorIdentity.fromChart(admin, repository);
            int concurrency = chartConcurrency(repository);
            long heapBefore = heapAfterGc();
            Figures figures = new Figures(databases, convergence.objects());
            figures.concurrency = concurrency;
            try (HarnessOperator operator =
                    new HarnessOperator(
                            plane.clientConfig(identity.token(), HarnessOperator.USER_AGENT),
                            DatabaseAddressResolver.IN_CLUSTER,
                            ReconcileIntervals.DEFAULT,
                            concurrency)) {
                long started = System.nanoTime();
                operator.start();
                figures.startSeconds = seconds(started);
                int requestsAtStart =
                        plane.auditLog().resourceRequestsBy(identity.username()).size();

                long applied = System.nanoTime();
                fleet.databases(NAMESPACE).forEach(db -> admin.resource(db).create());
                convergence.await(CONVERGENCE_LIMIT);
                convergence = null;
                figures.convergenceSeconds = seconds(applied);

                List<AuditedRequest> converging =
                        plane.auditLog().resourceRequestsBy(identity.username());
                figures.writes =
                        count(converging.subList(requestsAtStart, converging.size()), WRITES);
                figures.convergenceBreakdown =
                        breakdown(
                                converging.subList(requestsAtStart, converging.size()).stream()
                                        .filter(r -> WRITES.contains(r.verb()))
                                        .toList());
                figures.statusWrites =
                        converging.subList(requestsAtStart, converging.size()).stream()
                                .filter(r -> WRITES.contains(r.verb()))
                                .filter(r -> r.subresource().equals("status"))
                                .count();

                long settling = System.nanoTime();
                int settled = awaitSettled(admin, plane, identity.username());
                figures.settleSeconds = seconds(settling) - SETTLED.toSeconds();
                java.util.Map<String, String> before = statuses(admin);
                Thread.sleep(idleSeconds * 1000L);
                figures.idleStatusChanges = changes(before, statuses(admin));
                List<AuditedRequest> idle =
                        plane.auditLog().resourceRequestsBy(identity.username());
                List<AuditedRequest> window = idle.subList(settled, idle.size());
                figures.idleSeconds = idleSeconds;
                figures.idleWrites = count(window, WRITES);
                figures.idleReads = count(window, READS);
                figures.idleWatches = count(window, Set.of("watch"));
                figures.heapMiB = (heapAfterGc() - heapBefore) / (1024.0 * 1024.0);
                figures.idleBreakdown = breakdown(window);
            }

            namespace(admin, FLOOR_NAMESPACE);
            fleet.externalSecrets(FLOOR_NAMESPACE).forEach(s -> admin.resource(s).create());
            List<HasMetadata> floorObjects = render(fleet.databases(FLOOR_NAMESPACE));
            long floor = System.nanoTime();
            new FloorClient(admin, concurrency).createAll(floorObjects);
            figures.floorSeconds = seconds(floor);

            String report = figures.report();
            System.out.println(report);
            Path out = Path.of("target", "bench", "fleet-" + databases + ".txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);

            assertThat(figures.idleWrites).as("writes while idle").isZero();
        }
    }

    /**
     * Waits until the StatefulSet controller has caught up with every StatefulSet (its status names
     * the generation) and then the operator has written nothing for {@link #SETTLED}: the statuses
     * it refines as that controller reports (revisions, pod counts) come after convergence and are
     * reactions, not idle writes. Returns how many requests of the operator the log held then.
     */
    private static int awaitSettled(KubernetesClient admin, ControlPlane plane, String username)
            throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        while (!statefulSetsObserved(admin)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the StatefulSet controller did not catch up in " + SETTLE_LIMIT);
            }
            Thread.sleep(500);
        }
        List<AuditedRequest> seen = plane.auditLog().resourceRequestsBy(username);
        long lastWrites = count(seen, WRITES);
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < SETTLED.toNanos()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the operator kept writing for " + SETTLE_LIMIT);
            }
            Thread.sleep(500);
            seen = plane.auditLog().resourceRequestsBy(username);
            long writes = count(seen, WRITES);
            if (writes != lastWrites) {
                lastWrites = writes;
                quietSince = System.nanoTime();
            }
        }
        return seen.size();
    }

    private static boolean statefulSetsObserved(KubernetesClient admin) {
        return admin.apps().statefulSets().inNamespace(NAMESPACE).list().getItems().stream()
                .allMatch(
                        s ->
                                s.getStatus() != null
                                        && java.util.Objects.equals(
                                                s.getStatus().getObservedGeneration(),
                                                s.getMetadata().getGeneration()));
    }

    /** The chart's {@code reconcileConcurrency}, which the operator runs with when installed. */
    private static int chartConcurrency(Path repository) throws java.io.IOException {
        java.util.regex.Matcher value =
                java.util.regex.Pattern.compile("(?m)^reconcileConcurrency:\\s*(\\d+)\\s*$")
                        .matcher(
                                Files.readString(
                                        repository.resolve("helm/vigil-operator/values.yaml")));
        if (!value.find()) {
            throw new IllegalStateException("the chart's values.yaml has no reconcileConcurrency");
        }
        return Integer.parseInt(value.group(1));
    }

    private static List<HasMetadata> render(List<MonitoredDatabase> databases) {
        BuildContext context = BuildContext.of(Clock.systemUTC(), new SecureRandomCredentials());
        List<HasMetadata> objects = new ArrayList<>();
        for (MonitoredDatabase database : databases) {
            objects.addAll(DatabaseResources.desired(database, context).all());
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

    private static java.util.Map<String, String> statuses(KubernetesClient admin) {
        java.util.Map<String, String> statuses = new java.util.TreeMap<>();
        for (MonitoredDatabase database :
                admin.resources(MonitoredDatabase.class).inNamespace(NAMESPACE).list().getItems()) {
            statuses.put(
                    database.getMetadata().getName(),
                    io.fabric8.kubernetes.client.utils.Serialization.asYaml(database.getStatus()));
        }
        return statuses;
    }

    /** The databases whose status changed, each with the first line that differs. */
    private static String changes(
            java.util.Map<String, String> before, java.util.Map<String, String> after) {
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

    /** {@code verb resource/subresource: count}, one a line, most first. */
    private static String breakdown(List<AuditedRequest> requests) {
        return requests.stream()
                .collect(
                        java.util.stream.Collectors.groupingBy(
                                r -> r.verb() + " " + r.resourceWithSubresource(),
                                java.util.TreeMap::new,
                                java.util.stream.Collectors.counting()))
                .entrySet()
                .stream()
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> "  " + e.getKey() + ": " + e.getValue() + "\n")
                .collect(java.util.stream.Collectors.joining());
    }

    private static long count(List<AuditedRequest> requests, Set<String> verbs) {
        return requests.stream().filter(r -> verbs.contains(r.verb())).count();
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** What one run measured. */
    private static final class Figures {
        final int databases;
        final int objects;
        double startSeconds;
        double convergenceSeconds;
        double settleSeconds;
        double floorSeconds;
        long writes;
        long statusWrites;
        int idleSeconds;
        long idleWrites;
        long idleReads;
        long idleWatches;
        double heapMiB;
        String idleBreakdown = "";
        String idleStatusChanges = "";
        String convergenceBreakdown = "";

        int concurrency;

        Figures(int databases, int objects) {
            this.databases = databases;
            this.objects = objects;
        }

        String report() {
            return String.format(
                    Locale.ROOT,
                    """
                    fleet benchmark: %d databases, %d rendered objects, %d reconciles at once
                    operator start to informers synced   %8.1f s
                    convergence                          %8.1f s
                    floor (bare client, same objects)    %8.1f s
                    ratio to the floor                   %8.2f
                    then settled (controller caught up)  %8.1f s later
                    writes per database to convergence   %8.2f (objects per database %.2f, status writes per database %.2f)
                    idle window                          %8d s
                    idle writes                          %8d
                    idle reads (get, list)               %8d
                    idle watches started                 %8d
                    operator heap after GC (delta)       %8.1f MiB
                    writes to convergence by verb and resource:
                    %sidle requests by verb and resource:
                    %sstatuses changed while idle:
                    %s\
                    """,
                    databases,
                    objects,
                    concurrency,
                    startSeconds,
                    convergenceSeconds,
                    floorSeconds,
                    convergenceSeconds / floorSeconds,
                    settleSeconds,
                    writes / (double) databases,
                    objects / (double) databases,
                    statusWrites / (double) databases,
                    idleSeconds,
                    idleWrites,
                    idleReads,
                    idleWatches,
                    heapMiB,
                    convergenceBreakdown,
                    idleBreakdown,
                    idleStatusChanges);
        }
    }
}
