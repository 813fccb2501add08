package dev.vigil.e2e.controllers;

import dev.vigil.e2e.controllers.ControllerRevisionHistory.Revisions;
import dev.vigil.e2e.controllers.StatefulSetAction.CreatePod;
import dev.vigil.e2e.controllers.StatefulSetAction.DeletePod;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The StatefulSet controller of a simulated control plane, working through a {@link
 * KubernetesClient} against any API server: for every StatefulSet in every namespace it keeps the
 * ControllerRevisions, creates and deletes pods and their PersistentVolumeClaims as {@link
 * StatefulSetPlanner} decides, and reports the status {@link StatefulSetStatusCalculator} computes,
 * with the Events the real controller records. It does not run pods: a kubelet (real or simulated)
 * must give them phases and readiness.
 *
 * <p>One thread per controller; a pass reads the API server afresh (no cache to go stale) after any
 * watched change and every resync period. A conflict or a vanished object ends the set's pass; the
 * next pass starts over from what the server says.
 */
public final class StatefulSetController implements AutoCloseable {

    /** The Event source component, as on a real cluster. */
    public static final String COMPONENT = "statefulset-controller";

    private static final Logger LOG = LoggerFactory.getLogger(StatefulSetController.class);

    private final KubernetesClient client;
    private final Clock clock;
    private final ControlLoop loop;
    private final EventRecorder events;
    private final ControllerRevisionHistory history;

    /**
     * The last current revision reported per set UID: an API server without a status subresource
     * for StatefulSets wipes the status when the spec is replaced, and the current revision must
     * survive that, as it does on a real cluster.
     */
    private final Map<String, String> currentRevisions = new ConcurrentHashMap<>();

    /** A controller resyncing every 200 ms on the system clock. */
    public StatefulSetController(KubernetesClient client) {
        this(client, Duration.ofMillis(200), Clock.systemUTC());
    }

    public StatefulSetController(KubernetesClient client, Duration resync, Clock clock) {
        this.client = client;
        this.clock = clock;
        this.loop = new ControlLoop(COMPONENT, resync, this::reconcileAll);
        this.events = new EventRecorder(client, COMPONENT, clock);
        this.history = new ControllerRevisionHistory(client);
    }

    /** Starts watching and reconciling; returns this controller. */
    public StatefulSetController start() {
        loop.wakeOn(client.apps().statefulSets().inAnyNamespace());
        loop.wakeOn(client.pods().inAnyNamespace());
        loop.wakeOn(client.persistentVolumeClaims().inAnyNamespace());
        loop.start();
        return this;
    }

    @Override
    public void close() {
        loop.close();
    }

    private void reconcileAll() {
        List<StatefulSet> sets = client.apps().statefulSets().inAnyNamespace().list().getItems();
        if (sets.isEmpty()) {
            currentRevisions.clear();
            return;
        }
        Map<String, List<Pod>> pods = byNamespace(client.pods().inAnyNamespace().list().getItems());
        Map<String, List<PersistentVolumeClaim>> claims =
                byNamespace(client.persistentVolumeClaims().inAnyNamespace().list().getItems());
        Map<String, List<ControllerRevision>> revisions =
                byNamespace(client.apps().controllerRevisions().inAnyNamespace().list().getItems());
        Set<String> seen = new HashSet<>();
        for (StatefulSet set : sets) {
            String namespace = set.getMetadata().getNamespace();
            seen.add(set.getMetadata().getUid());
            try {
                reconcile(
                        set,
                        pods.getOrDefault(namespace, List.of()),
                        claims.getOrDefault(namespace, List.of()),
                        revisions.getOrDefault(namespace, List.of()));
            } catch (KubernetesClientException e) {
                LOG.debug(
                        "StatefulSet {}/{}: pass ended by the API server: {}",
                        namespace,
                        set.getMetadata().getName(),
                        e.getMessage());
            }
        }
        currentRevisions.keySet().retainAll(seen);
    }

    private void reconcile(
            StatefulSet set,
            List<Pod> namespacePods,
            List<PersistentVolumeClaim> namespaceClaims,
            List<ControllerRevision> namespaceRevisions) {
        if (set.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        StatefulSetSettings settings = StatefulSetSettings.of(set);
        List<Pod> pods = ownedBy(set, namespacePods);
        List<ControllerRevision> ownedRevisions = ownedBy(set, namespaceRevisions);
        String uid = set.getMetadata().getUid();
        String reportedCurrent =
                set.getStatus() != null && set.getStatus().getCurrentRevision() != null
                        ? set.getStatus().getCurrentRevision()
                        : currentRevisions.get(uid);
        Revisions revisions = history.resolve(set, ownedRevisions, reportedCurrent);

        Instant now = clock.instant();
        List<StatefulSetMember> members =
                pods.stream()
                        .map(p -> StatefulSetMember.of(p, settings.minReadySeconds(), now))
                        .filter(m -> m.ordinal() >= 0)
                        .toList();
        Map<String, PersistentVolumeClaim> claims =
                namespaceClaims.stream()
                        .collect(
                                Collectors.toMap(
                                        c -> c.getMetadata().getName(),
                                        Function.identity(),
                                        (a, b) -> a));
        StatefulSetPlan plan =
                StatefulSetPlanner.plan(
                        settings,
                        revisions.update().name(),
                        members,
                        staleClaimOrdinals(set, settings, members, claims));
        execute(set, settings, revisions, plan, claims);
        syncClaims(set, settings, pods, namespacePods, claims, plan.scaleDownReached());

        StatefulSetStatus status = reportStatus(set, settings, revisions, members);
        currentRevisions.put(uid, status.getCurrentRevision());
        history.truncate(
                ownedRevisions,
                revisions,
                members.stream().map(StatefulSetMember::revision).filter(Objects::nonNull).toList(),
                settings.revisionHistoryLimit());
    }

    private void execute(
            StatefulSet set,
            StatefulSetSettings settings,
            Revisions revisions,
            StatefulSetPlan plan,
            Map<String, PersistentVolumeClaim> claims) {
        for (StatefulSetAction action : plan.actions()) {
            if (action instanceof CreatePod create) {
                createPod(
                        set,
                        settings,
                        create.atUpdateRevision() ? revisions.update() : revisions.current(),
                        create.ordinal(),
                        claims);
            } else if (action instanceof DeletePod delete) {
                deletePod(set, delete);
            }
        }
    }

    /** Writes the status through the status subresource when it changed; returns it. */
    private StatefulSetStatus reportStatus(
            StatefulSet set,
            StatefulSetSettings settings,
            Revisions revisions,
            List<StatefulSetMember> members) {
        StatefulSetStatus status =
                StatefulSetStatusCalculator.compute(
                        settings,
                        generation(set),
                        revisions.current().name(),
                        revisions.update().name(),
                        members);
        if (!StatefulSetStatusCalculator.sameStatus(set.getStatus(), status)) {
            if (set.getStatus() != null) {
                status.setConditions(set.getStatus().getConditions());
            }
            client.apps()
                    .statefulSets()
                    .resource(new StatefulSetBuilder(set).withStatus(status).build())
                    .updateStatus();
        }
        return status;
    }

    /** Ordinals with no pod whose claim is still going away: their pods must wait. */
    private static Set<Integer> staleClaimOrdinals(
            StatefulSet set,
            StatefulSetSettings settings,
            List<StatefulSetMember> members,
            Map<String, PersistentVolumeClaim> claims) {
        Set<Integer> present =
                members.stream().map(StatefulSetMember::ordinal).collect(Collectors.toSet());
        Set<Integer> stale = new HashSet<>();
        for (int ordinal = 0; ordinal < settings.replicas(); ordinal++) {
            if (present.contains(ordinal)) {
                continue;
            }
            for (PersistentVolumeClaim template : claimTemplates(set)) {
                PersistentVolumeClaim claim =
                        claims.get(VolumeClaims.claimName(template, set, ordinal));
                if (claim != null
                        && VolumeClaims.isStale(claim, StatefulSetPods.podName(set, ordinal))) {
                    stale.add(ordinal);
                }
            }
        }
        return stale;
    }

    private void createPod(
            StatefulSet set,
            StatefulSetSettings settings,
            StatefulSetRevision revision,
            int ordinal,
            Map<String, PersistentVolumeClaim> claims) {
        String podName = StatefulSetPods.podName(set, ordinal);
        for (PersistentVolumeClaim template : claimTemplates(set)) {
            String claimName = VolumeClaims.claimName(template, set, ordinal);
            if (!claims.containsKey(claimName)) {
                createClaim(
                        set,
                        VolumeClaims.newClaim(
                                set,
                                template,
                                ordinal,
                                VolumeClaims.retentionOwners(null, settings, set, null, false)),
                        podName);
            }
        }
        Pod pod = StatefulSetPods.newPod(set, revision, ordinal);
        try {
            client.pods().inNamespace(set.getMetadata().getNamespace()).resource(pod).create();
        } catch (KubernetesClientException e) {
            events.warning(
                    set,
                    "FailedCreate",
                    "create Pod %s in StatefulSet %s failed error: %s"
                            .formatted(podName, set.getMetadata().getName(), e.getMessage()));
            throw e;
        }
        events.normal(
                set,
                "SuccessfulCreate",
                "create Pod %s in StatefulSet %s successful"
                        .formatted(podName, set.getMetadata().getName()));
    }

    private void createClaim(StatefulSet set, PersistentVolumeClaim claim, String podName) {
        PersistentVolumeClaim created =
                client.persistentVolumeClaims()
                        .inNamespace(set.getMetadata().getNamespace())
                        .resource(claim)
                        .create();
        // An API server that drops the status on create gets it the way the volume binder
        // writes it.
        if (created.getStatus() == null || !"Bound".equals(created.getStatus().getPhase())) {
            created.setStatus(VolumeClaims.bound(created));
            client.persistentVolumeClaims().resource(created).updateStatus();
        }
        events.normal(
                set,
                "SuccessfulCreate",
                "create Claim %s Pod %s in StatefulSet %s success"
                        .formatted(
                                claim.getMetadata().getName(),
                                podName,
                                set.getMetadata().getName()));
    }

    private void deletePod(StatefulSet set, DeletePod delete) {
        String setName = set.getMetadata().getName();
        if (delete.reason() == StatefulSetAction.Reason.FINISHED) {
            events.warning(
                    set,
                    "RecreatingFailedPod",
                    "StatefulSet %s/%s is recreating failed Pod %s"
                            .formatted(set.getMetadata().getNamespace(), setName, delete.name()));
        }
        client.pods()
                .inNamespace(set.getMetadata().getNamespace())
                .withName(delete.name())
                .delete();
        events.normal(
                set,
                "SuccessfulDelete",
                "delete Pod %s in StatefulSet %s successful".formatted(delete.name(), setName));
    }

    /**
     * Creates the claims missing for existing pods, sets each claim's owners as the retention
     * policy asks (for pods above {@code spec.replicas} only once the pass reached the scale-down),
     * and deletes the claims whose owning pods are all gone, as the garbage collector would, so
     * {@code whenScaled: Delete} holds on a server without one.
     */
    private void syncClaims(
            StatefulSet set,
            StatefulSetSettings settings,
            List<Pod> pods,
            List<Pod> namespacePods,
            Map<String, PersistentVolumeClaim> claims,
            boolean scaleDownReached) {
        List<PersistentVolumeClaim> templates = claimTemplates(set);
        if (templates.isEmpty()) {
            return;
        }
        for (Pod pod : pods) {
            int ordinal = StatefulSetMember.ordinalOf(pod.getMetadata().getName());
            boolean scaledDown = ordinal >= settings.replicas();
            if (ordinal < 0
                    || PodReadiness.isTerminating(pod)
                    || (scaledDown && !scaleDownReached)) {
                continue;
            }
            for (PersistentVolumeClaim template : templates) {
                PersistentVolumeClaim claim =
                        claims.get(VolumeClaims.claimName(template, set, ordinal));
                if (claim == null) {
                    if (!scaledDown) {
                        createClaim(
                                set,
                                VolumeClaims.newClaim(
                                        set,
                                        template,
                                        ordinal,
                                        VolumeClaims.retentionOwners(
                                                null, settings, set, pod, false)),
                                pod.getMetadata().getName());
                    }
                    continue;
                }
                List<OwnerReference> owners =
                        VolumeClaims.retentionOwners(
                                claim.getMetadata().getOwnerReferences(),
                                settings,
                                set,
                                pod,
                                scaledDown);
                if (!VolumeClaims.sameOwners(claim.getMetadata().getOwnerReferences(), owners)) {
                    claim.getMetadata().setOwnerReferences(owners);
                    client.persistentVolumeClaims().resource(claim).update();
                }
            }
        }
        Set<String> livePods =
                namespacePods.stream()
                        .map(p -> p.getMetadata().getUid())
                        .collect(Collectors.toSet());
        for (PersistentVolumeClaim claim : claims.values()) {
            if (isClaimOf(set, templates, claim) && ownedOnlyByGonePods(claim, livePods)) {
                client.persistentVolumeClaims().resource(claim).delete();
            }
        }
    }

    private static boolean isClaimOf(
            StatefulSet set, List<PersistentVolumeClaim> templates, PersistentVolumeClaim claim) {
        String name = claim.getMetadata().getName();
        int ordinal = StatefulSetMember.ordinalOf(name);
        return ordinal >= 0
                && templates.stream()
                        .anyMatch(t -> VolumeClaims.claimName(t, set, ordinal).equals(name));
    }

    private static boolean ownedOnlyByGonePods(PersistentVolumeClaim claim, Set<String> livePods) {
        List<OwnerReference> owners = claim.getMetadata().getOwnerReferences();
        return claim.getMetadata().getDeletionTimestamp() == null
                && owners != null
                && !owners.isEmpty()
                && owners.stream()
                        .allMatch(r -> "Pod".equals(r.getKind()) && !livePods.contains(r.getUid()));
    }

    private static List<PersistentVolumeClaim> claimTemplates(StatefulSet set) {
        return set.getSpec().getVolumeClaimTemplates() == null
                ? List.of()
                : set.getSpec().getVolumeClaimTemplates();
    }

    private static long generation(StatefulSet set) {
        Long generation = set.getMetadata().getGeneration();
        return generation == null ? 1 : generation;
    }

    private static <T extends HasMetadata> List<T> ownedBy(StatefulSet set, List<T> objects) {
        return objects.stream().filter(o -> ControllerRefs.isControlledBy(o, set)).toList();
    }

    private static <T extends HasMetadata> Map<String, List<T>> byNamespace(List<T> objects) {
        return objects.stream().collect(Collectors.groupingBy(o -> o.getMetadata().getNamespace()));
    }
}
