package dev.vigil.e2e.controllers;

import static dev.vigil.e2e.controllers.StatefulSets.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testing.kube.MockApiServer;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The StatefulSet controller against fabric8's mock API server in CRUD mode, with a fake kubelet
 * giving pods their phase and readiness.
 */
class StatefulSetControllerTest {

    private static final String BROKEN_IMAGE = "postgres:does-not-start";

    private MockApiServer server;
    private KubernetesClient client;
    private StatefulSetController controller;
    private FakeKubelet kubelet;
    private PodHistory history;

    @BeforeEach
    void start() {
        server = new MockApiServer();
        client = server.client();
        controller =
                new StatefulSetController(client, Duration.ofMillis(50), Clock.systemUTC()).start();
        kubelet = new FakeKubelet(client);
        history = new PodHistory(client, NAMESPACE);
    }

    @AfterEach
    void stop() {
        history.close();
        kubelet.close();
        controller.close();
        server.close();
    }

    @Test
    void podsAppearOneAtATimeInOrdinalOrderEachOnceTheOneBeforeIsReady() {
        create(StatefulSets.postgres("db", 3));

        eventually().until(() -> pod("db-0") != null);
        stays().until(() -> pod("db-1") == null);
        kubelet.markReady(NAMESPACE, "db-0");
        eventually().until(() -> pod("db-1") != null);
        stays().until(() -> pod("db-2") == null);
        kubelet.markReady(NAMESPACE, "db-1");
        eventually().until(() -> pod("db-2") != null);
        kubelet.markReady(NAMESPACE, "db-2");

        eventually().until(() -> readyReplicas() == 3);
        assertThat(history.created()).containsExactly("db-0", "db-1", "db-2");
        StatefulSetStatus status = set().getStatus();
        assertThat(status.getReplicas()).isEqualTo(3);
        assertThat(status.getCurrentReplicas()).isEqualTo(3);
        assertThat(status.getUpdatedReplicas()).isEqualTo(3);
        assertThat(status.getAvailableReplicas()).isEqualTo(3);
        assertThat(status.getCurrentRevision()).isEqualTo(status.getUpdateRevision());
        assertThat(status.getUpdateRevision()).matches("db-[bcdfghjklmnpqrstvwxz2456789]{1,10}");
        assertThat(status.getObservedGeneration()).isEqualTo(set().getMetadata().getGeneration());
    }

    @Test
    void aPodCarriesItsIdentityRevisionOwnerAndClaim() {
        create(StatefulSets.postgres("db", 1));
        eventually().until(() -> pod("db-0") != null && set().getStatus() != null);

        Pod pod = pod("db-0");
        String revision = set().getStatus().getUpdateRevision();
        assertThat(pod.getMetadata().getLabels())
                .containsEntry("app", "db")
                .containsEntry("controller-revision-hash", revision)
                .containsEntry("statefulset.kubernetes.io/pod-name", "db-0")
                .containsEntry("apps.kubernetes.io/pod-index", "0");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("vigil.dev/config-hash", "1");
        assertThat(pod.getSpec().getHostname()).isEqualTo("db-0");
        assertThat(pod.getSpec().getSubdomain()).isEqualTo("db-members");
        OwnerReference owner = pod.getMetadata().getOwnerReferences().get(0);
        assertThat(owner.getKind()).isEqualTo("StatefulSet");
        assertThat(owner.getUid()).isEqualTo(set().getMetadata().getUid());
        assertThat(owner.getController()).isTrue();
        assertThat(owner.getBlockOwnerDeletion()).isTrue();
        assertThat(pod.getSpec().getVolumes())
                .anySatisfy(
                        v -> {
                            assertThat(v.getName()).isEqualTo("data");
                            assertThat(v.getPersistentVolumeClaim().getClaimName())
                                    .isEqualTo("data-db-0");
                        });

        PersistentVolumeClaim claim = claim("data-db-0");
        assertThat(claim.getStatus().getPhase()).isEqualTo("Bound");
        assertThat(claim.getMetadata().getLabels())
                .containsEntry("app", "db")
                .containsEntry("tier", "storage");
        assertThat(claim.getMetadata().getOwnerReferences()).isNullOrEmpty();

        ControllerRevision stored =
                client.apps().controllerRevisions().inNamespace(NAMESPACE).withName(revision).get();
        assertThat(stored.getRevision()).isEqualTo(1L);
        assertThat(stored.getMetadata().getOwnerReferences().get(0).getUid())
                .isEqualTo(set().getMetadata().getUid());
        assertThat(events())
                .anySatisfy(
                        e -> {
                            assertThat(e.getReason()).isEqualTo("SuccessfulCreate");
                            assertThat(e.getMessage())
                                    .isEqualTo("create Pod db-0 in StatefulSet db successful");
                            assertThat(e.getSource().getComponent())
                                    .isEqualTo("statefulset-controller");
                            assertThat(e.getInvolvedObject().getName()).isEqualTo("db");
                        });
    }

    @Test
    void scalesDownFromTheHighestOrdinalKeepingTheClaimsAndScalesBackUpOntoThem() {
        kubelet.startAutoReady(pod -> false);
        create(StatefulSets.postgres("db", 3));
        eventually().until(() -> readyReplicas() == 3);

        edit(s -> withReplicas(s, 1));
        eventually().until(() -> pods().size() == 1 && set().getStatus().getReplicas() == 1);
        assertThat(history.deleted()).containsExactly("db-2", "db-1");
        assertThat(claimNames()).containsExactlyInAnyOrder("data-db-0", "data-db-1", "data-db-2");

        String claimUid = claim("data-db-2").getMetadata().getUid();
        edit(s -> withReplicas(s, 3));
        eventually().until(() -> readyReplicas() == 3);
        assertThat(history.created()).containsExactly("db-0", "db-1", "db-2", "db-1", "db-2");
        assertThat(claim("data-db-2").getMetadata().getUid()).isEqualTo(claimUid);
    }

    @Test
    void aTemplateChangeRollsFromTheHighestOrdinalAsOnARealCluster() {
        kubelet.startAutoReady(pod -> false);
        create(StatefulSets.postgres("db", 3));
        eventually().until(() -> readyReplicas() == 3);
        String oldRevision = set().getStatus().getCurrentRevision();
        List<StatefulSetStatus> statuses = recordStatuses();
        history.close();
        history = new PodHistory(client, NAMESPACE);

        edit(s -> withImage(s, "postgres:17"));

        eventually().until(() -> !set().getStatus().getUpdateRevision().equals(oldRevision));
        String newRevision = set().getStatus().getUpdateRevision();
        eventually()
                .until(
                        () ->
                                newRevision.equals(set().getStatus().getCurrentRevision())
                                        && readyReplicas() == 3
                                        && pods().size() == 3);
        assertThat(history.deleted()).containsExactly("db-2", "db-1", "db-0");
        assertThat(pods())
                .allSatisfy(
                        p ->
                                assertThat(p.getMetadata().getLabels())
                                        .containsEntry("controller-revision-hash", newRevision));
        StatefulSetStatus done = set().getStatus();
        assertThat(done.getUpdatedReplicas()).isEqualTo(3);
        assertThat(done.getCurrentReplicas()).isEqualTo(3);
        assertThat(done.getObservedGeneration()).isEqualTo(set().getMetadata().getGeneration());
        assertThat(statuses)
                .anySatisfy(
                        s -> {
                            assertThat(s.getCurrentRevision()).isEqualTo(oldRevision);
                            assertThat(s.getUpdateRevision()).isEqualTo(newRevision);
                            assertThat(s.getUpdatedReplicas()).isEqualTo(1);
                            assertThat(s.getCurrentReplicas()).isEqualTo(2);
                        });
    }

    @Test
    void aNewPodThatNeverBecomesReadyBlocksTheRolloutUntilRolledBackAndDeleted() {
        kubelet.startAutoReady(pod -> image(pod).equals(BROKEN_IMAGE));
        create(StatefulSets.postgres("db", 3));
        eventually().until(() -> readyReplicas() == 3);
        String good = set().getStatus().getCurrentRevision();

        edit(s -> withImage(s, BROKEN_IMAGE));
        eventually().until(() -> BROKEN_IMAGE.equals(imageOf("db-2")));
        String broken = set().getStatus().getUpdateRevision();
        stays().until(() -> good.equals(revisionOf("db-0")) && good.equals(revisionOf("db-1")));
        StatefulSetStatus stuck = set().getStatus();
        assertThat(stuck.getCurrentRevision()).isEqualTo(good);
        assertThat(stuck.getUpdateRevision()).isEqualTo(broken);
        assertThat(stuck.getUpdatedReplicas()).isEqualTo(1);
        assertThat(stuck.getCurrentReplicas()).isEqualTo(2);
        assertThat(stuck.getReadyReplicas()).isEqualTo(2);

        // The rollback restores the template; the stuck pod stays until deleted.
        edit(s -> withImage(s, "postgres:16"));
        eventually().until(() -> set().getStatus().getUpdateRevision().equals(good));
        stays().until(() -> broken.equals(revisionOf("db-2")));
        String stuckUid = pod("db-2").getMetadata().getUid();
        client.pods().inNamespace(NAMESPACE).withName("db-2").delete();

        eventually().until(() -> isReplaced("db-2", stuckUid) && readyReplicas() == 3);
        assertThat(revisionOf("db-2")).isEqualTo(good);
        eventually().until(() -> set().getStatus().getUpdatedReplicas() == 3);
        StatefulSetStatus converged = set().getStatus();
        assertThat(converged.getCurrentRevision()).isEqualTo(good);
        assertThat(converged.getUpdateRevision()).isEqualTo(good);
        assertThat(converged.getCurrentReplicas()).isEqualTo(3);
        assertThat(
                        client.apps()
                                .controllerRevisions()
                                .inNamespace(NAMESPACE)
                                .withName(good)
                                .get()
                                .getRevision())
                .isEqualTo(3L);
    }

    @Test
    void aSpecReplacedWithoutItsStatusKeepsTheStuckRolloutsCurrentRevision() {
        // Passes only on watched changes, so none is in flight when the status is wiped.
        controller.close();
        controller =
                new StatefulSetController(client, Duration.ofHours(1), Clock.systemUTC()).start();
        kubelet.startAutoReady(pod -> image(pod).equals(BROKEN_IMAGE));
        create(StatefulSets.postgres("db", 2));
        eventually().until(() -> readyReplicas() == 2);
        String good = set().getStatus().getCurrentRevision();
        edit(s -> withImage(s, BROKEN_IMAGE));
        eventually().until(() -> BROKEN_IMAGE.equals(imageOf("db-1")));
        stays().until(() -> set().getStatus().getUpdatedReplicas() == 1);

        // A client replacing the whole object, on a server without a status subresource for
        // StatefulSets (fabric8's mock), wipes the status.
        eventually()
                .ignoreException(KubernetesClientException.class)
                .until(
                        () -> {
                            StatefulSet replaced = set();
                            replaced.setStatus(null);
                            client.apps().statefulSets().resource(replaced).update();
                            return true;
                        });

        eventually().until(() -> set().getStatus() != null);
        stays().until(() -> good.equals(set().getStatus().getCurrentRevision()));
        assertThat(set().getStatus().getUpdatedReplicas()).isEqualTo(1);
    }

    @Test
    void whenDeletedDeleteHandsTheClaimsToTheSetAndRetainOnScaleDownKeepsThem() {
        kubelet.startAutoReady(pod -> false);
        StatefulSet set = StatefulSets.postgres("db", 2);
        set.getSpec()
                .setPersistentVolumeClaimRetentionPolicy(
                        new io.fabric8.kubernetes.api.model.apps
                                        .StatefulSetPersistentVolumeClaimRetentionPolicyBuilder()
                                .withWhenDeleted("Delete")
                                .withWhenScaled("Retain")
                                .build());
        create(set);
        eventually().until(() -> readyReplicas() == 2);

        assertThat(claim("data-db-1").getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(
                        ref -> {
                            assertThat(ref.getKind()).isEqualTo("StatefulSet");
                            assertThat(ref.getUid()).isEqualTo(set().getMetadata().getUid());
                        });
        edit(s -> withReplicas(s, 1));
        eventually().until(() -> pods().size() == 1);
        stays().until(() -> claim("data-db-1") != null);
    }

    @Test
    void whenScaledDeleteRemovesTheClaimOfAScaledDownPod() {
        kubelet.startAutoReady(pod -> false);
        StatefulSet set = StatefulSets.postgres("db", 2);
        set.getSpec()
                .setPersistentVolumeClaimRetentionPolicy(
                        new io.fabric8.kubernetes.api.model.apps
                                        .StatefulSetPersistentVolumeClaimRetentionPolicyBuilder()
                                .withWhenDeleted("Retain")
                                .withWhenScaled("Delete")
                                .build());
        create(set);
        eventually().until(() -> readyReplicas() == 2);
        assertThat(claim("data-db-1").getMetadata().getOwnerReferences()).isNullOrEmpty();

        edit(s -> withReplicas(s, 1));

        eventually().until(() -> pods().size() == 1 && claim("data-db-1") == null);
        assertThat(claim("data-db-0")).isNotNull();
        edit(s -> withReplicas(s, 2));
        eventually().until(() -> readyReplicas() == 2 && claim("data-db-1") != null);
    }

    @Test
    void aFailedPodIsReplaced() {
        kubelet.startAutoReady(pod -> false);
        create(StatefulSets.postgres("db", 2));
        eventually().until(() -> readyReplicas() == 2);
        String uid = pod("db-0").getMetadata().getUid();

        kubelet.markFailed(NAMESPACE, "db-0");

        eventually().until(() -> isReplaced("db-0", uid) && readyReplicas() == 2);
        assertThat(events())
                .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("RecreatingFailedPod"));
    }

    @Test
    void parallelCreatesEveryPodWithoutWaitingForReadiness() {
        StatefulSet set = StatefulSets.postgres("db", 3);
        set.getSpec().setPodManagementPolicy("Parallel");
        create(set);

        eventually().until(() -> pods().size() == 3);
        assertThat(readyReplicas()).isZero();
    }

    @Test
    void aPartitionUpdatesOnlyTheOrdinalsAtOrAboveIt() {
        kubelet.startAutoReady(pod -> false);
        StatefulSet set = StatefulSets.postgres("db", 3);
        set.getSpec()
                .getUpdateStrategy()
                .setRollingUpdate(
                        new io.fabric8.kubernetes.api.model.apps
                                        .RollingUpdateStatefulSetStrategyBuilder()
                                .withPartition(2)
                                .build());
        create(set);
        eventually().until(() -> readyReplicas() == 3);
        String old = set().getStatus().getCurrentRevision();

        edit(s -> withImage(s, "postgres:17"));
        eventually()
                .until(() -> set().getStatus().getUpdatedReplicas() == 1 && readyReplicas() == 3);
        String updated = set().getStatus().getUpdateRevision();
        client.pods().inNamespace(NAMESPACE).withName("db-0").delete();
        eventually().until(() -> pods().size() == 3 && readyReplicas() == 3);

        assertThat(revisionOf("db-0")).isEqualTo(old);
        assertThat(revisionOf("db-1")).isEqualTo(old);
        assertThat(revisionOf("db-2")).isEqualTo(updated);
        assertThat(set().getStatus().getCurrentRevision()).isEqualTo(old);
    }

    @Test
    void onDeleteReplacesPodsOnlyWhenSomeoneDeletesThem() {
        kubelet.startAutoReady(pod -> false);
        StatefulSet set = StatefulSets.postgres("db", 2);
        set.getSpec().getUpdateStrategy().setType("OnDelete");
        create(set);
        eventually().until(() -> readyReplicas() == 2);
        String old = set().getStatus().getCurrentRevision();

        edit(s -> withImage(s, "postgres:17"));
        eventually().until(() -> !set().getStatus().getUpdateRevision().equals(old));
        stays().until(() -> old.equals(revisionOf("db-1")));
        client.pods().inNamespace(NAMESPACE).withName("db-1").delete();

        eventually()
                .until(
                        () ->
                                Objects.equals(
                                        revisionOf("db-1"), set().getStatus().getUpdateRevision()));
        assertThat(revisionOf("db-0")).isEqualTo(old);
    }

    private List<StatefulSetStatus> recordStatuses() {
        List<StatefulSetStatus> statuses = new CopyOnWriteArrayList<>();
        client.apps()
                .statefulSets()
                .inNamespace(NAMESPACE)
                .withName("db")
                .watch(
                        new io.fabric8.kubernetes.client.Watcher<>() {
                            @Override
                            public void eventReceived(Action action, StatefulSet set) {
                                if (set.getStatus() != null) {
                                    statuses.add(set.getStatus());
                                }
                            }

                            @Override
                            public void onClose(
                                    io.fabric8.kubernetes.client.WatcherException cause) {}
                        });
        return statuses;
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20));
    }

    /** Holds for a while: long enough for several controller passes. */
    private static ConditionFactory stays() {
        return await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5));
    }

    private void create(StatefulSet set) {
        client.apps().statefulSets().inNamespace(NAMESPACE).resource(set).create();
    }

    private void edit(UnaryOperator<StatefulSet> change) {
        client.apps().statefulSets().inNamespace(NAMESPACE).withName("db").edit(change);
    }

    private static StatefulSet withReplicas(StatefulSet set, int replicas) {
        set.getSpec().setReplicas(replicas);
        return set;
    }

    private static StatefulSet withImage(StatefulSet set, String image) {
        set.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
        return set;
    }

    private StatefulSet set() {
        return client.apps().statefulSets().inNamespace(NAMESPACE).withName("db").get();
    }

    private int readyReplicas() {
        StatefulSet set = set();
        return set.getStatus() == null || set.getStatus().getReadyReplicas() == null
                ? 0
                : set.getStatus().getReadyReplicas();
    }

    private Pod pod(String name) {
        return client.pods().inNamespace(NAMESPACE).withName(name).get();
    }

    private List<Pod> pods() {
        return client.pods().inNamespace(NAMESPACE).list().getItems();
    }

    /** The pod's revision label, or null while it does not exist. */
    private String revisionOf(String name) {
        Pod pod = pod(name);
        return pod == null ? null : pod.getMetadata().getLabels().get("controller-revision-hash");
    }

    /** Whether a pod of that name exists and has another UID. */
    private boolean isReplaced(String name, String formerUid) {
        String uid = uidOf(name);
        return uid != null && !uid.equals(formerUid);
    }

    /** The pod's UID, or null while it does not exist. */
    private String uidOf(String name) {
        Pod pod = pod(name);
        return pod == null ? null : pod.getMetadata().getUid();
    }

    private static String image(Pod pod) {
        return pod.getSpec().getContainers().get(0).getImage();
    }

    /** The image of the named pod, or null while it does not exist. */
    private String imageOf(String name) {
        Pod pod = pod(name);
        return pod == null ? null : image(pod);
    }

    private PersistentVolumeClaim claim(String name) {
        return client.persistentVolumeClaims().inNamespace(NAMESPACE).withName(name).get();
    }

    private List<String> claimNames() {
        return client.persistentVolumeClaims().inNamespace(NAMESPACE).list().getItems().stream()
                .map(c -> c.getMetadata().getName())
                .toList();
    }

    private List<Event> events() {
        return client.v1().events().inNamespace(NAMESPACE).list().getItems();
    }
}
