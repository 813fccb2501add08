package dev.vigil.e2e.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testing.kube.MockApiServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Deployment and ReplicaSet controllers, started as a {@link ControllerManager}, against
 * fabric8's mock API server in CRUD mode, with a fake kubelet.
 */
class DeploymentControllerTest {

    private static final String NAMESPACE = "test";
    private static final String BROKEN_IMAGE = "exporter:does-not-start";

    private MockApiServer server;
    private KubernetesClient client;
    private ControllerManager controllers;
    private FakeKubelet kubelet;
    private PodHistory history;

    @BeforeEach
    void start() {
        server = new MockApiServer();
        client = server.client();
        controllers = ControllerManager.start(client, Duration.ofMillis(50), Clock.systemUTC());
        kubelet =
                new FakeKubelet(client)
                        .startAutoReady(
                                p ->
                                        BROKEN_IMAGE.equals(
                                                p.getSpec().getContainers().get(0).getImage()));
        history = new PodHistory(client, NAMESPACE);
    }

    @AfterEach
    void stop() {
        history.close();
        kubelet.close();
        controllers.close();
        server.close();
    }

    @Test
    void aDeploymentRunsItsPodsThroughAReplicaSetAndReportsItsRollout() {
        create(deployment("RollingUpdate"));

        eventually().until(() -> available() == 2 && complete());
        ReplicaSet replicaSet = replicaSets().get(0);
        String hash = replicaSet.getMetadata().getLabels().get("pod-template-hash");
        assertThat(replicaSets()).hasSize(1);
        assertThat(replicaSet.getMetadata().getName()).isEqualTo("web-" + hash);
        assertThat(replicaSet.getMetadata().getOwnerReferences().get(0).getUid())
                .isEqualTo(deploymentNow().getMetadata().getUid());
        assertThat(replicaSet.getSpec().getSelector().getMatchLabels())
                .containsEntry("app", "web")
                .containsEntry("pod-template-hash", hash);
        assertThat(replicaSet.getMetadata().getAnnotations())
                .containsEntry("deployment.kubernetes.io/revision", "1");
        assertThat(replicaSet.getStatus().getReadyReplicas()).isEqualTo(2);
        assertThat(pods())
                .hasSize(2)
                .allSatisfy(
                        pod -> {
                            assertThat(pod.getMetadata().getName())
                                    .matches("web-" + hash + "-[bcdfghjklmnpqrstvwxz2456789]{5}");
                            assertThat(pod.getMetadata().getLabels())
                                    .containsEntry("app", "web")
                                    .containsEntry("pod-template-hash", hash);
                            assertThat(pod.getMetadata().getOwnerReferences().get(0).getUid())
                                    .isEqualTo(replicaSet.getMetadata().getUid());
                        });
        Deployment deployment = deploymentNow();
        DeploymentStatus status = deployment.getStatus();
        assertThat(status.getObservedGeneration())
                .isEqualTo(deployment.getMetadata().getGeneration());
        assertThat(status.getReplicas()).isEqualTo(2);
        assertThat(status.getUpdatedReplicas()).isEqualTo(2);
        assertThat(status.getReadyReplicas()).isEqualTo(2);
        assertThat(condition("Available").getStatus()).isEqualTo("True");
        assertThat(condition("Available").getReason()).isEqualTo("MinimumReplicasAvailable");
        assertThat(condition("Progressing").getMessage())
                .isEqualTo("ReplicaSet \"web-" + hash + "\" has successfully progressed.");
        assertThat(deployment.getMetadata().getAnnotations())
                .containsEntry("deployment.kubernetes.io/revision", "1");
    }

    @Test
    void aTemplateChangeRollsToANewReplicaSetWithinTheSurge() {
        create(deployment("RollingUpdate"));
        eventually().until(() -> available() == 2 && complete());
        String oldName = replicaSets().get(0).getMetadata().getName();

        setImage("exporter:2");

        eventually().until(() -> replicaSets().size() == 2 && complete() && pods().size() == 2);
        ReplicaSet fresh = replicaSet(r -> !r.getMetadata().getName().equals(oldName));
        assertThat(
                        replicaSet(r -> r.getMetadata().getName().equals(oldName))
                                .getSpec()
                                .getReplicas())
                .isZero();
        assertThat(pods())
                .allSatisfy(
                        p ->
                                assertThat(p.getMetadata().getName())
                                        .startsWith(fresh.getMetadata().getName()));
        assertThat(fresh.getMetadata().getAnnotations())
                .containsEntry("deployment.kubernetes.io/revision", "2");
        assertThat(condition("Progressing").getMessage()).contains(fresh.getMetadata().getName());
        // 2 replicas, 25% surge: never more than 3 pods at once
        assertThat(mostPodsAtOnce()).isEqualTo(3);
    }

    @Test
    void aNewTemplateWhosePodsNeverBecomeReadyLeavesTheOldPodsServingUntilRolledBack() {
        create(deployment("RollingUpdate"));
        eventually().until(() -> available() == 2 && complete());
        String good = replicaSets().get(0).getMetadata().getName();

        setImage(BROKEN_IMAGE);
        eventually().until(() -> replicaSets().size() == 2 && pods().size() == 3);
        stays().until(
                        () ->
                                replicaSet(r -> r.getMetadata().getName().equals(good))
                                                .getSpec()
                                                .getReplicas()
                                        == 2);
        assertThat(condition("Available").getStatus()).isEqualTo("True");
        assertThat(condition("Progressing").getReason())
                .isIn("NewReplicaSetCreated", "ReplicaSetUpdated");
        assertThat(deploymentNow().getStatus().getUpdatedReplicas()).isEqualTo(1);

        setImage("exporter:1");

        eventually().until(() -> complete() && pods().size() == 2);
        ReplicaSet restored = replicaSet(r -> r.getMetadata().getName().equals(good));
        assertThat(restored.getSpec().getReplicas()).isEqualTo(2);
        assertThat(restored.getMetadata().getAnnotations())
                .containsEntry("deployment.kubernetes.io/revision", "3");
        assertThat(replicaSet(r -> !r.getMetadata().getName().equals(good)).getSpec().getReplicas())
                .isZero();
    }

    @Test
    void recreateStopsEveryOldPodBeforeStartingANewOne() {
        create(deployment("Recreate"));
        eventually().until(() -> available() == 2 && complete());
        List<String> oldPods = pods().stream().map(p -> p.getMetadata().getName()).toList();

        setImage("exporter:2");

        eventually().until(() -> replicaSets().size() == 2 && complete() && pods().size() == 2);
        List<String> events = history.all();
        int lastOldDeleted =
                oldPods.stream().mapToInt(p -> events.indexOf("-" + p)).max().orElseThrow();
        int firstNewCreated =
                events.indexOf(
                        events.stream()
                                .filter(e -> e.startsWith("+") && !oldPods.contains(e.substring(1)))
                                .findFirst()
                                .orElseThrow());
        assertThat(lastOldDeleted).isLessThan(firstNewCreated);
    }

    @Test
    void aFailedPodIsReplacedByTheReplicaSet() {
        create(deployment("RollingUpdate"));
        eventually().until(() -> available() == 2 && complete());
        String failed = pods().get(0).getMetadata().getName();

        kubelet.markFailed(NAMESPACE, failed);

        eventually()
                .until(
                        () ->
                                pods().stream()
                                                        .filter(
                                                                p ->
                                                                        "Running"
                                                                                .equals(
                                                                                        p.getStatus()
                                                                                                .getPhase()))
                                                        .count()
                                                == 2
                                        && available() == 2);
        assertThat(pods()).hasSize(3);
    }

    /** The most pods that existed at once, from the history (started before any pod). */
    private int mostPodsAtOnce() {
        int count = 0;
        int most = 0;
        for (String event : history.all()) {
            count += event.startsWith("+") ? 1 : -1;
            most = Math.max(most, count);
        }
        return most;
    }

    private static Deployment deployment(String strategy) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace(NAMESPACE)
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withNewSelector()
                .addToMatchLabels("app", "web")
                .endSelector()
                .withNewStrategy()
                .withType(strategy)
                .endStrategy()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "web")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("exporter")
                .withImage("exporter:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20));
    }

    private static ConditionFactory stays() {
        return await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5));
    }

    private void create(Deployment deployment) {
        client.apps().deployments().inNamespace(NAMESPACE).resource(deployment).create();
    }

    private void setImage(String image) {
        client.apps()
                .deployments()
                .inNamespace(NAMESPACE)
                .withName("web")
                .edit(
                        d -> {
                            d.getSpec()
                                    .getTemplate()
                                    .getSpec()
                                    .getContainers()
                                    .get(0)
                                    .setImage(image);
                            return d;
                        });
    }

    private Deployment deploymentNow() {
        return client.apps().deployments().inNamespace(NAMESPACE).withName("web").get();
    }

    private int available() {
        DeploymentStatus status = deploymentNow().getStatus();
        return status == null || status.getAvailableReplicas() == null
                ? 0
                : status.getAvailableReplicas();
    }

    /** Progressing with NewReplicaSetAvailable for the current template's ReplicaSet. */
    private boolean complete() {
        Deployment deployment = deploymentNow();
        if (deployment.getStatus() == null || deployment.getStatus().getConditions() == null) {
            return false;
        }
        String current = "web-" + DeploymentReplicaSets.templateHash(deployment);
        return deployment.getStatus().getConditions().stream()
                .anyMatch(
                        c ->
                                "Progressing".equals(c.getType())
                                        && "NewReplicaSetAvailable".equals(c.getReason())
                                        && c.getMessage().contains("\"" + current + "\""));
    }

    private DeploymentCondition condition(String type) {
        return deploymentNow().getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()))
                .findFirst()
                .orElseThrow();
    }

    private List<ReplicaSet> replicaSets() {
        return client.apps().replicaSets().inNamespace(NAMESPACE).list().getItems();
    }

    private ReplicaSet replicaSet(java.util.function.Predicate<ReplicaSet> which) {
        return replicaSets().stream().filter(which).findFirst().orElseThrow();
    }

    private List<Pod> pods() {
        return client.pods().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(Objects::nonNull)
                .toList();
    }
}
