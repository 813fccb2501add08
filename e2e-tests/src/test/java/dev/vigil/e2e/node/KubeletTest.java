package dev.vigil.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testing.kube.MockApiServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kubelet against fabric8's mock API server, with a {@link ScriptedRuntime}: what it does to
 * pods and their status, without real processes. Each test uses its own namespace.
 */
class KubeletTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String BROKEN_IMAGE = "vigil.test/broken:1";
    private static final String POD_NETWORK = TestAddresses.podNetwork();

    @TempDir static Path work;

    private static MockApiServer api;
    private static KubernetesClient client;
    private static ClusterNetwork network;
    private static Kubelet kubelet;
    private static final ScriptedRuntime runtime = new ScriptedRuntime();

    @BeforeAll
    static void startNode() {
        api = new MockApiServer();
        client = api.client();
        network = ClusterNetwork.start(client, ClusterDns.DEFAULT_DOMAIN);
        NodeOptions options =
                NodeOptions.defaults(work)
                        .withPodNetwork(POD_NETWORK)
                        .withCrashLoopingImages(Set.of(BROKEN_IMAGE))
                        .withBackOff(Duration.ofMillis(200), Duration.ofMillis(800));
        kubelet = new Kubelet(client, options, network.dns(), PodUser.detect(), List.of(runtime));
        kubelet.start();
    }

    @AfterAll
    static void stopNode() {
        kubelet.close();
        network.close();
        api.close();
    }

    @Test
    void runsAPodWithItsVolumesAndEnvironmentAndReportsItReady() throws IOException {
        String ns = "run";
        client.secrets()
                .inNamespace(ns)
                .resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName("creds")
                                .endMetadata()
                                .addToData("username", base64("app"))
                                .addToStringData("password", "s3cret")
                                .build())
                .create();
        client.configMaps()
                .inNamespace(ns)
                .resource(
                        new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName("settings")
                                .endMetadata()
                                .addToData("mode", "fast")
                                .addToData("app.conf", "x = 1\n")
                                .build())
                .create();
        claim(ns, "data-web-0");
        Container app =
                new ContainerBuilder(container("app", ScriptedRuntime.IMAGE))
                        .withCommand("app")
                        .withArgs("--name=$(POD_NAME)", "--escaped=$$(POD_NAME)")
                        .withEnv(
                                field("POD_NAME", "metadata.name"),
                                field("POD_IP", "status.podIP"),
                                new EnvVarBuilder()
                                        .withName("USER")
                                        .withNewValueFrom()
                                        .withNewSecretKeyRef("username", "creds", false)
                                        .endValueFrom()
                                        .build(),
                                new EnvVarBuilder()
                                        .withName("PASSWORD")
                                        .withNewValueFrom()
                                        .withNewSecretKeyRef("password", "creds", false)
                                        .endValueFrom()
                                        .build(),
                                new EnvVarBuilder()
                                        .withName("MODE")
                                        .withNewValueFrom()
                                        .withNewConfigMapKeyRef("mode", "settings", false)
                                        .endValueFrom()
                                        .build(),
                                env("GREETING", "hello $(USER)"))
                        .withNewReadinessProbe()
                        .withNewExec()
                        .withCommand("true")
                        .endExec()
                        .endReadinessProbe()
                        .addNewVolumeMount()
                        .withName("creds")
                        .withMountPath("/etc/creds")
                        .endVolumeMount()
                        .addNewVolumeMount()
                        .withName("settings")
                        .withMountPath("/etc/app")
                        .endVolumeMount()
                        .addNewVolumeMount()
                        .withName("scratch")
                        .withMountPath("/tmp")
                        .endVolumeMount()
                        .addNewVolumeMount()
                        .withName("data")
                        .withMountPath("/var/lib/app")
                        .endVolumeMount()
                        .build();
        Pod pod =
                new PodBuilder(pod(ns, "web-0", app))
                        .editSpec()
                        .withNewSecurityContext()
                        .withRunAsUser(999L)
                        .withFsGroup(999L)
                        .endSecurityContext()
                        .withInitContainers(
                                new ContainerBuilder(container("prepare", ScriptedRuntime.IMAGE))
                                        .withEnv(env("EXIT_CODE", "0"))
                                        .build())
                        .withVolumes(
                                new VolumeBuilder()
                                        .withName("creds")
                                        .withNewSecret()
                                        .withSecretName("creds")
                                        .withDefaultMode(0440)
                                        .addNewItem()
                                        .withKey("password")
                                        .withPath("pw")
                                        .endItem()
                                        .endSecret()
                                        .build(),
                                new VolumeBuilder()
                                        .withName("settings")
                                        .withNewConfigMap()
                                        .withName("settings")
                                        .endConfigMap()
                                        .build(),
                                new VolumeBuilder()
                                        .withName("scratch")
                                        .withNewEmptyDir()
                                        .endEmptyDir()
                                        .build(),
                                claimVolume("data", "data-web-0"))
                        .endSpec()
                        .build();

        create(pod);

        Pod running =
                awaitPod(ns, "web-0", p -> "Running".equals(p.getStatus().getPhase()) && ready(p));
        assertThat(running.getSpec().getNodeName()).isEqualTo("vigil-node-0");
        String podIp = running.getStatus().getPodIP();
        assertThat(podIp).startsWith(POD_NETWORK.substring(0, POD_NETWORK.lastIndexOf('.') + 1));
        assertThat(running.getStatus().getPodIPs())
                .extracting(ip -> ip.getIp())
                .containsExactly(podIp);
        assertThat(running.getStatus().getHostIP()).isEqualTo("127.0.0.1");
        assertThat(running.getStatus().getStartTime()).isNotNull();
        assertThat(running.getStatus().getConditions())
                .extracting(PodCondition::getType, PodCondition::getStatus)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("PodScheduled", "True"),
                        org.assertj.core.groups.Tuple.tuple("Initialized", "True"),
                        org.assertj.core.groups.Tuple.tuple("ContainersReady", "True"),
                        org.assertj.core.groups.Tuple.tuple("Ready", "True"));
        assertThat(running.getStatus().getConditions())
                .allSatisfy(c -> assertThat(c.getLastTransitionTime()).isNotNull());
        ContainerStatus prepare = running.getStatus().getInitContainerStatuses().get(0);
        assertThat(prepare.getState().getTerminated().getReason()).isEqualTo("Completed");
        assertThat(prepare.getState().getTerminated().getExitCode()).isZero();
        ContainerStatus main = running.getStatus().getContainerStatuses().get(0);
        assertThat(main.getState().getRunning().getStartedAt()).isNotNull();
        assertThat(main.getReady()).isTrue();
        assertThat(main.getStarted()).isTrue();
        assertThat(main.getRestartCount()).isZero();
        assertThat(main.getImageID()).startsWith("vigil.test/app@sha256:");
        assertThat(main.getContainerID()).startsWith("containerd://");

        ContainerLaunch launch = runtime.of(ns, "web-0", "app").get(0).launch;
        assertThat(launch.podIp()).isEqualTo(podIp);
        assertThat(launch.env())
                .containsEntry("POD_NAME", "web-0")
                .containsEntry("POD_IP", podIp)
                .containsEntry("USER", "app")
                .containsEntry("PASSWORD", "s3cret")
                .containsEntry("MODE", "fast")
                .containsEntry("GREETING", "hello app");
        assertThat(launch.container().getArgs())
                .containsExactly("--name=web-0", "--escaped=$(POD_NAME)");
        assertThat(launch.dns().resolve("localhost", 80).getAddress().getHostAddress())
                .isEqualTo(podIp);

        Path creds = launch.mounts().mount("/etc/creds").orElseThrow();
        try (var files = Files.list(creds)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("pw");
        }
        assertThat(Files.readString(creds.resolve("pw"))).isEqualTo("s3cret");
        assertThat(
                        PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(creds.resolve("pw"))))
                .isEqualTo("r--r-----");
        assertThat(Files.readString(launch.mounts().hostPath("/etc/app/app.conf").orElseThrow()))
                .isEqualTo("x = 1\n");
        assertThat(launch.mounts().mount("/tmp").orElseThrow()).isDirectory();
        assertThat(launch.mounts().mount("/var/lib/app"))
                .contains(work.resolve("volumes").resolve(ns).resolve("data-web-0"));
        assertThat(
                        client.persistentVolumeClaims()
                                .inNamespace(ns)
                                .withName("data-web-0")
                                .get()
                                .getStatus()
                                .getPhase())
                .isEqualTo("Bound");
    }

    @Test
    void aConfigMapVolumeFollowsItsObject() throws IOException {
        String ns = "refresh";
        client.configMaps()
                .inNamespace(ns)
                .resource(
                        new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName("settings")
                                .endMetadata()
                                .addToData("mode", "fast")
                                .build())
                .create();
        Container app =
                new ContainerBuilder(container("app", ScriptedRuntime.IMAGE))
                        .addNewVolumeMount()
                        .withName("settings")
                        .withMountPath("/etc/app")
                        .endVolumeMount()
                        .build();
        create(
                new PodBuilder(pod(ns, "web-0", app))
                        .editSpec()
                        .withVolumes(
                                new VolumeBuilder()
                                        .withName("settings")
                                        .withNewConfigMap()
                                        .withName("settings")
                                        .endConfigMap()
                                        .build())
                        .endSpec()
                        .build());
        awaitPod(ns, "web-0", KubeletTest::ready);
        Path mode =
                runtime.of(ns, "web-0", "app")
                        .get(0)
                        .launch
                        .mounts()
                        .hostPath("/etc/app/mode")
                        .orElseThrow();
        assertThat(Files.readString(mode)).isEqualTo("fast");

        client.configMaps()
                .inNamespace(ns)
                .withName("settings")
                .edit(c -> new ConfigMapBuilder(c).withData(Map.of("mode", "safe")).build());

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(Files.readString(mode)).isEqualTo("safe"));
    }

    @Test
    void anImageNoRuntimeRunsCannotBePulled() {
        String ns = "pull";
        create(pod(ns, "web-0", container("app", "registry.example/nothing:1")));

        Set<String> reasons = new CopyOnWriteArraySet<>();
        Pod pod =
                await().atMost(TIMEOUT)
                        .pollInterval(Duration.ofMillis(50))
                        .until(
                                () -> client.pods().inNamespace(ns).withName("web-0").get(),
                                p -> {
                                    waitingReason(p).ifPresent(reasons::add);
                                    return reasons.containsAll(
                                            List.of("ErrImagePull", "ImagePullBackOff"));
                                });

        assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(ready(pod)).isFalse();
        ContainerStatus status = pod.getStatus().getContainerStatuses().get(0);
        assertThat(status.getState().getWaiting().getMessage())
                .contains("Back-off pulling image \"registry.example/nothing:1\"");
        assertThat(status.getImageID()).isEmpty();
        assertThat(runtime.of(ns, "web-0", "app")).isEmpty();
    }

    @Test
    void crashLoopingImagesExitAtOnceAndRestartWithBackOff() {
        String ns = "crash";
        kubelet.crashLoop("vigil.test/app:crash");
        create(pod(ns, "listed-0", container("app", BROKEN_IMAGE)));
        create(pod(ns, "added-0", container("app", "vigil.test/app:crash")));

        for (String name : List.of("listed-0", "added-0")) {
            Pod pod =
                    awaitPod(
                            ns,
                            name,
                            p ->
                                    restartCount(p) >= 2
                                            && "CrashLoopBackOff"
                                                    .equals(waitingReason(p).orElse("")));
            ContainerStatus status = pod.getStatus().getContainerStatuses().get(0);
            assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(1);
            assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("Error");
            assertThat(status.getState().getWaiting().getMessage())
                    .contains("back-off", "restarting failed container=app");
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
            assertThat(ready(pod)).isFalse();
        }
        assertThat(runtime.launches).noneMatch(l -> l.namespace().equals(ns));
    }

    @Test
    void aContainerThatExitsIsRestartedAndReportsItsExit() {
        String ns = "exits";
        create(
                pod(
                        ns,
                        "web-0",
                        new ContainerBuilder(container("app", ScriptedRuntime.IMAGE))
                                .withEnv(env("EXIT_CODE", "3"))
                                .build()));

        Pod pod = awaitPod(ns, "web-0", p -> restartCount(p) >= 3);

        ContainerStatus status = pod.getStatus().getContainerStatuses().get(0);
        assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(3);
        assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("Error");
        assertThat(runtime.launches.stream().filter(l -> l.namespace().equals(ns)))
                .hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void aMissingSecretOrKeyIsAConfigErrorUntilItExists() {
        String ns = "config";
        create(
                pod(
                        ns,
                        "web-0",
                        new ContainerBuilder(container("app", ScriptedRuntime.IMAGE))
                                .withEnv(
                                        new EnvVarBuilder()
                                                .withName("TOKEN")
                                                .withNewValueFrom()
                                                .withNewSecretKeyRef("token", "later", false)
                                                .endValueFrom()
                                                .build())
                                .build()));

        awaitPod(ns, "web-0", p -> "secret \"later\" not found".equals(waitingMessage(p)));
        assertThat(waitingReason(get(ns, "web-0"))).contains("CreateContainerConfigError");

        client.secrets()
                .inNamespace(ns)
                .resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName("later")
                                .endMetadata()
                                .addToData("other", base64("x"))
                                .build())
                .create();
        awaitPod(
                ns,
                "web-0",
                p -> "couldn't find key token in Secret config/later".equals(waitingMessage(p)));

        client.secrets()
                .inNamespace(ns)
                .withName("later")
                .edit(s -> new SecretBuilder(s).addToData("token", base64("t0k")).build());
        awaitPod(ns, "web-0", KubeletTest::ready);
        assertThat(runtime.of(ns, "web-0", "app"))
                .singleElement()
                .satisfies(c -> assertThat(c.launch.env()).containsEntry("TOKEN", "t0k"));
    }

    @Test
    void aFailingInitContainerHoldsThePodInitializing() {
        String ns = "init";
        create(
                new PodBuilder(pod(ns, "web-0", container("app", ScriptedRuntime.IMAGE)))
                        .editSpec()
                        .withInitContainers(
                                new ContainerBuilder(container("prepare", ScriptedRuntime.IMAGE))
                                        .withEnv(env("EXIT_CODE", "1"))
                                        .build())
                        .endSpec()
                        .build());

        Pod pod =
                awaitPod(
                        ns,
                        "web-0",
                        p ->
                                p.getStatus().getInitContainerStatuses() != null
                                        && p.getStatus()
                                                        .getInitContainerStatuses()
                                                        .get(0)
                                                        .getRestartCount()
                                                >= 2);

        ContainerStatus prepare = pod.getStatus().getInitContainerStatuses().get(0);
        assertThat(prepare.getLastState().getTerminated().getExitCode()).isEqualTo(1);
        assertThat(waitingReason(pod)).contains("PodInitializing");
        assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(pod.getStatus().getConditions())
                .filteredOn(c -> c.getType().equals("Initialized"))
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.getStatus()).isEqualTo("False");
                            assertThat(c.getMessage()).contains("[prepare]");
                        });
        assertThat(runtime.launches).noneMatch(l -> l.namespace().equals(ns) && !l.initContainer());
    }

    @Test
    void aPodRecreatedWithTheSameNameWaitsForItsPredecessorAndFindsItsVolume() throws IOException {
        String ns = "recreate";
        claim(ns, "data-db-0");
        Container app =
                new ContainerBuilder(container("app", ScriptedRuntime.IMAGE))
                        .withEnv(env("STOP_MILLIS", "700"))
                        .addNewVolumeMount()
                        .withName("data")
                        .withMountPath("/data")
                        .endVolumeMount()
                        .build();
        Pod pod =
                new PodBuilder(pod(ns, "db-0", app))
                        .editSpec()
                        .withVolumes(claimVolume("data", "data-db-0"))
                        .endSpec()
                        .build();
        create(pod);
        String firstIp = awaitPod(ns, "db-0", KubeletTest::ready).getStatus().getPodIP();
        ScriptedRuntime.ScriptedContainer first = runtime.of(ns, "db-0", "app").get(0);
        Files.writeString(first.launch.mounts().hostPath("/data/kept").orElseThrow(), "yes");

        client.pods().inNamespace(ns).withName("db-0").delete();
        create(pod);

        awaitPod(ns, "db-0", p -> ready(p) && !p.getStatus().getPodIP().equals(firstIp));
        List<ScriptedRuntime.ScriptedContainer> runs = runtime.of(ns, "db-0", "app");
        assertThat(runs).hasSize(2);
        ScriptedRuntime.ScriptedContainer second = runs.get(1);
        assertThat(first.stopped()).isTrue();
        assertThat(second.startedAt).isGreaterThan(first.stoppedAt);
        assertThat(Files.readString(second.launch.mounts().hostPath("/data/kept").orElseThrow()))
                .isEqualTo("yes");
        await().atMost(TIMEOUT).until(() -> !kubelet.addresses().inUse(firstIp));
    }

    @Test
    void podsThatMustNotRestartEndSucceededOrFailed() {
        String ns = "never";
        for (String code : List.of("0", "2")) {
            create(
                    new PodBuilder(
                                    pod(
                                            ns,
                                            "job-" + code,
                                            new ContainerBuilder(
                                                            container("app", ScriptedRuntime.IMAGE))
                                                    .withEnv(env("EXIT_CODE", code))
                                                    .build()))
                            .editSpec()
                            .withRestartPolicy("Never")
                            .endSpec()
                            .build());
        }

        assertThat(
                        awaitPod(ns, "job-0", p -> "Succeeded".equals(p.getStatus().getPhase()))
                                .getStatus()
                                .getContainerStatuses()
                                .get(0)
                                .getState()
                                .getTerminated()
                                .getReason())
                .isEqualTo("Completed");
        assertThat(
                        awaitPod(ns, "job-2", p -> "Failed".equals(p.getStatus().getPhase()))
                                .getStatus()
                                .getContainerStatuses()
                                .get(0)
                                .getRestartCount())
                .isZero();
    }

    @Test
    void podsOfOtherNodesAreLeftAlone() {
        String ns = "elsewhere";
        create(
                new PodBuilder(pod(ns, "web-0", container("app", ScriptedRuntime.IMAGE)))
                        .editSpec()
                        .withNodeName("other-node")
                        .endSpec()
                        .build());
        create(pod(ns, "web-1", container("app", ScriptedRuntime.IMAGE)));

        awaitPod(ns, "web-1", KubeletTest::ready);
        assertThat(get(ns, "web-0").getStatus())
                .satisfiesAnyOf(
                        status -> assertThat(status).isNull(),
                        status -> assertThat(status.getPhase()).isNull());
    }

    // Helpers.

    private static Container container(String name, String image) {
        return new ContainerBuilder().withName(name).withImage(image).build();
    }

    private static Pod pod(String namespace, String name, Container container) {
        return new PodBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withContainers(container)
                .endSpec()
                .build();
    }

    /**
     * Creates the pod for this node, as after a scheduler's binding, unless it names a node: the
     * mock API server has no binding subresource (the scenarios bind on a real API server).
     */
    private static void create(Pod pod) {
        if (pod.getSpec().getNodeName() == null) {
            pod.getSpec().setNodeName(NodeOptions.DEFAULT_NODE_NAME);
        }
        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
    }

    private static void claim(String namespace, String name) {
        client.persistentVolumeClaims()
                .inNamespace(namespace)
                .resource(
                        new PersistentVolumeClaimBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .endMetadata()
                                .withNewSpec()
                                .withAccessModes("ReadWriteOnce")
                                .withNewResources()
                                .addToRequests("storage", new Quantity("1Gi"))
                                .endResources()
                                .endSpec()
                                .build())
                .create();
    }

    private static Volume claimVolume(String name, String claim) {
        return new VolumeBuilder()
                .withName(name)
                .withNewPersistentVolumeClaim()
                .withClaimName(claim)
                .endPersistentVolumeClaim()
                .build();
    }

    private static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static EnvVar field(String name, String path) {
        return new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath(path)
                .endFieldRef()
                .endValueFrom()
                .build();
    }

    private static Pod get(String namespace, String name) {
        return client.pods().inNamespace(namespace).withName(name).get();
    }

    private static Pod awaitPod(String namespace, String name, Predicate<Pod> condition) {
        return PodSummary.awaitPod(client, namespace, name, TIMEOUT, condition);
    }

    static boolean ready(Pod pod) {
        return ServiceEndpoints.ready(pod);
    }

    private static int restartCount(Pod pod) {
        List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses();
        return statuses == null || statuses.isEmpty() ? 0 : statuses.get(0).getRestartCount();
    }

    private static java.util.Optional<String> waitingReason(Pod pod) {
        List<ContainerStatus> statuses =
                pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses();
        if (statuses == null
                || statuses.isEmpty()
                || statuses.get(0).getState().getWaiting() == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(statuses.get(0).getState().getWaiting().getReason());
    }

    private static String waitingMessage(Pod pod) {
        List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses();
        return statuses == null
                        || statuses.isEmpty()
                        || statuses.get(0).getState().getWaiting() == null
                ? null
                : statuses.get(0).getState().getWaiting().getMessage();
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
