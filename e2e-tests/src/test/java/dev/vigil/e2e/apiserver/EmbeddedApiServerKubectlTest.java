package dev.vigil.e2e.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.e2e.kubectl.Kubectl;
import dev.vigil.e2e.kubectl.KubectlResult;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl against the embedded API server, as a user drives it. The server starts without
 * CRDs; kubectl applies them from the repository's {@code crds/}, so they are served from that
 * moment on.
 */
class EmbeddedApiServerKubectlTest {

    private static final Path REPOSITORY =
            Path.of(System.getProperty("vigil.repository.root", ".."));
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    @TempDir static Path workDir;

    private static EmbeddedApiServer server;
    private static KubernetesClient client;
    private static Kubectl kubectl;
    private static String example;
    private String namespace;

    @BeforeAll
    static void startServerAndApplyCrds() throws IOException {
        server = EmbeddedApiServer.start(ApiServerOptions.defaults());
        client = server.client();
        kubectl = Kubectl.withKubeconfig(server.writeKubeconfig(workDir.resolve("kubeconfig")));
        example = Files.readString(REPOSITORY.resolve("examples/postgres-ha.yaml"));
        KubectlResult crds =
                kubectl.run("apply", "-f", REPOSITORY.resolve("crds").toString()).orThrow();
        assertThat(crds.stdout())
                .contains(
                        "customresourcedefinition.apiextensions.k8s.io/monitoreddatabases.vigil.dev"
                                + " created");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void createNamespace() {
        namespace = "kubectl-" + NAMESPACES.incrementAndGet();
        kubectl.run("create", "namespace", namespace).orThrow();
    }

    private KubectlResult apply(String manifest) {
        return kubectl.runWithInput(manifest, "apply", "-n", namespace, "-f", "-");
    }

    @Test
    void apiResourcesListsTheCustomResourcesWithTheirShortNames() {
        KubectlResult result = kubectl.run("api-resources", "--api-group=vigil.dev").orThrow();

        assertThat(result.stdout())
                .containsPattern(
                        "monitoreddatabases\\s+mdb\\s+vigil.dev/v1alpha1\\s+true\\s+MonitoredDatabase");
        assertThat(result.stdout())
                .containsPattern(
                        "alertpolicies\\s+ap\\s+vigil.dev/v1alpha1\\s+true\\s+AlertPolicy");
    }

    @Test
    void applyGetAndReapplyBehaveAsOnARealCluster() {
        assertThat(apply(example).orThrow().stdout())
                .contains("monitoreddatabase.vigil.dev/ledger created");

        String table = kubectl.run("get", "mdb", "-n", namespace).orThrow().stdout();
        assertThat(table.lines().findFirst().orElseThrow())
                .matches("NAME\\s+AGE\\s+ENGINE\\s+REPLICAS\\s+VERSION\\s+PHASE\\s+READY\\s*");
        assertThat(table).containsPattern("ledger\\s+\\d+s\\s+PostgreSQL\\s+3\\s+16.4");

        String yaml =
                kubectl.run("get", "mdb", "ledger", "-n", namespace, "-o", "yaml")
                        .orThrow()
                        .stdout();
        assertThat(yaml)
                .contains("generation: 1", "mode: Managed", "retainOnDelete: true", "uid: ");

        assertThat(apply(example.replace("replicas: 3", "replicas: 2")).orThrow().stdout())
                .contains("configured");
        assertThat(generation()).isEqualTo("2");
        assertThat(apply(example.replace("replicas: 3", "replicas: 2")).orThrow().stdout())
                .contains("unchanged");
        assertThat(generation()).isEqualTo("2");

        // Client-side apply removes what the last applied configuration had and this one has not.
        apply(
                        example.replace("replicas: 3", "replicas: 2")
                                .replace("      release: kube-prometheus-stack\n", "")
                                .replace("  monitoring:\n    labels:\n", ""))
                .orThrow();
        assertThat(
                        kubectl.run("get", "mdb", "ledger", "-n", namespace, "-o", "yaml")
                                .orThrow()
                                .stdout())
                .doesNotContain("release: kube-prometheus-stack");
        assertThat(generation()).isEqualTo("3");
    }

    private String generation() {
        return kubectl.run(
                        "get",
                        "mdb",
                        "ledger",
                        "-n",
                        namespace,
                        "-o",
                        "jsonpath={.metadata.generation}")
                .orThrow()
                .stdout();
    }

    @Test
    void anInvalidResourceIsRefusedWithItsFieldsNamed() {
        KubectlResult result =
                apply(
                        example.replace("replicas: 3", "replicas: -1")
                                .replace("engine: PostgreSQL", "engine: Oracle"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr())
                .contains("The MonitoredDatabase \"ledger\" is invalid")
                .contains("spec.replicas: Invalid value: -1: must be at least 1")
                .contains(
                        "spec.engine: Unsupported value: \"Oracle\": supported values: \"MongoDB\","
                                + " \"PostgreSQL\"");
        assertThat(kubectl.run("get", "mdb", "-n", namespace).stderr())
                .contains("No resources found");
    }

    @Test
    void anUnknownFieldIsRefusedAndAnImmutableOneKept() {
        KubectlResult unknown = apply(example.replace("replicas: 3", "replicaz: 3"));
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stderr())
                .contains("strict decoding error: unknown field \"spec.replicaz\"");

        apply(example).orThrow();
        KubectlResult immutable = apply(example.replace("engine: PostgreSQL", "engine: MongoDB"));
        assertThat(immutable.exitCode()).isEqualTo(1);
        assertThat(immutable.stderr())
                .contains("spec.engine: Invalid value: \"string\": engine is immutable");
    }

    @Test
    void waitReturnsOnceTheStatusSaysReady() {
        apply(example).orThrow();
        CompletableFuture<KubectlResult> waiting =
                CompletableFuture.supplyAsync(
                        () ->
                                kubectl.run(
                                        "wait",
                                        "--for=condition=Ready",
                                        "mdb/ledger",
                                        "-n",
                                        namespace,
                                        "--timeout=30s"));
        await().pollDelay(Duration.ofMillis(500)).until(() -> true);
        assertThat(waiting).isNotDone();

        var database =
                client.resources(MonitoredDatabase.class).inNamespace(namespace).withName("ledger");
        MonitoredDatabase ready = database.get();
        ready.setStatus(new MonitoredDatabaseStatus());
        ready.getStatus().setPhase("Ready");
        ready.getStatus().setReadyReplicas(3);
        ready.getStatus()
                .setConditions(
                        List.of(
                                new ConditionBuilder()
                                        .withType("Ready")
                                        .withStatus("True")
                                        .withReason("AllChecksPassed")
                                        .withMessage("ready")
                                        .withObservedGeneration(1L)
                                        .withLastTransitionTime(Instant.now().toString())
                                        .build()));
        client.resource(ready).updateStatus();

        KubectlResult result = waiting.join();
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("monitoreddatabase.vigil.dev/ledger condition met");
        assertThat(kubectl.run("get", "mdb", "-n", namespace).orThrow().stdout())
                .containsPattern("ledger.*Ready\\s+3");
    }

    @Test
    void describeAndGetEventsShowTheEventsOfAResource() {
        apply(example).orThrow();
        MonitoredDatabase database =
                client.resources(MonitoredDatabase.class)
                        .inNamespace(namespace)
                        .withName("ledger")
                        .get();
        String now = Instant.now().toString();
        client.v1()
                .events()
                .inNamespace(namespace)
                .resource(
                        new EventBuilder()
                                .withNewMetadata()
                                .withName("ledger.created")
                                .endMetadata()
                                .withNewInvolvedObject()
                                .withApiVersion("vigil.dev/v1alpha1")
                                .withKind("MonitoredDatabase")
                                .withName("ledger")
                                .withNamespace(namespace)
                                .withUid(database.getMetadata().getUid())
                                .endInvolvedObject()
                                .withType("Normal")
                                .withReason("StatefulSetCreated")
                                .withMessage("created StatefulSet ledger")
                                .withFirstTimestamp(now)
                                .withLastTimestamp(now)
                                .withCount(1)
                                .withNewSource()
                                .withComponent("vigil-operator")
                                .endSource()
                                .build())
                .create();

        String described =
                kubectl.run("describe", "mdb", "ledger", "-n", namespace).orThrow().stdout();
        assertThat(described)
                .containsPattern(
                        "Normal\\s+StatefulSetCreated\\s+\\d+s\\s+vigil-operator\\s+created"
                                + " StatefulSet ledger");

        String events =
                kubectl.run(
                                "get",
                                "events",
                                "-n",
                                namespace,
                                "--field-selector",
                                "involvedObject.name=ledger")
                        .orThrow()
                        .stdout();
        assertThat(events)
                .containsPattern(
                        "Normal\\s+StatefulSetCreated\\s+monitoreddatabase/ledger\\s+created"
                                + " StatefulSet ledger");
        assertThat(
                        kubectl.run(
                                        "get",
                                        "events",
                                        "-n",
                                        namespace,
                                        "--field-selector",
                                        "involvedObject.name=other")
                                .stderr())
                .contains("No resources found");
    }

    @Test
    void deleteCollectsWhatTheResourceOwnsAndKeepsTheRest() {
        apply(example).orThrow();
        MonitoredDatabase database =
                client.resources(MonitoredDatabase.class)
                        .inNamespace(namespace)
                        .withName("ledger")
                        .get();
        OwnerReference owner =
                new OwnerReferenceBuilder()
                        .withApiVersion("vigil.dev/v1alpha1")
                        .withKind("MonitoredDatabase")
                        .withName("ledger")
                        .withUid(database.getMetadata().getUid())
                        .withController(true)
                        .build();
        client.configMaps()
                .inNamespace(namespace)
                .resource(
                        new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName("ledger-config")
                                .withOwnerReferences(owner)
                                .endMetadata()
                                .withData(Map.of("k", "v"))
                                .build())
                .create();
        client.pods()
                .inNamespace(namespace)
                .resource(
                        new PodBuilder()
                                .withNewMetadata()
                                .withName("ledger-0")
                                .withOwnerReferences(owner)
                                .endMetadata()
                                .withNewSpec()
                                .addNewContainer()
                                .withName("postgres")
                                .withImage("postgres:16.4")
                                .endContainer()
                                .endSpec()
                                .build())
                .create();
        client.persistentVolumeClaims()
                .inNamespace(namespace)
                .resource(
                        new PersistentVolumeClaimBuilder()
                                .withNewMetadata()
                                .withName("data-ledger-0")
                                .endMetadata()
                                .withNewSpec()
                                .withAccessModes("ReadWriteOnce")
                                .withNewResources()
                                .withRequests(Map.of("storage", new Quantity("20Gi")))
                                .endResources()
                                .endSpec()
                                .build())
                .create();

        KubectlResult deleted = kubectl.run("delete", "mdb/ledger", "-n", namespace);
        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        assertThat(deleted.stdout()).contains("monitoreddatabase.vigil.dev \"ledger\" deleted");

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> {
                            assertThat(
                                            client.configMaps()
                                                    .inNamespace(namespace)
                                                    .withName("ledger-config")
                                                    .get())
                                    .isNull();
                            assertThat(
                                            client.pods()
                                                    .inNamespace(namespace)
                                                    .withName("ledger-0")
                                                    .get())
                                    .isNull();
                        });
        assertThat(kubectl.run("get", "pvc", "-n", namespace).orThrow().stdout())
                .containsPattern("data-ledger-0\\s+Pending\\s+RWO");
    }

    @Test
    void deleteWaitsForTheFinalizersToGo() {
        apply(example).orThrow();
        var database =
                client.resources(MonitoredDatabase.class).inNamespace(namespace).withName("ledger");
        database.edit(
                d -> {
                    d.getMetadata().setFinalizers(List.of("vigil.dev/finalizer"));
                    return d;
                });

        CompletableFuture<KubectlResult> deleting =
                CompletableFuture.supplyAsync(
                        () -> kubectl.run("delete", "mdb/ledger", "-n", namespace));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> database.get().getMetadata().getDeletionTimestamp() != null);
        await().pollDelay(Duration.ofMillis(500)).until(() -> true);
        assertThat(deleting).isNotDone();

        database.edit(
                d -> {
                    d.getMetadata().setFinalizers(List.of());
                    return d;
                });

        KubectlResult deleted = deleting.join();
        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        assertThat(database.get()).isNull();
    }

    @Test
    void theCallLogRecordsKubectlsCallsWithTheirRbacVerbs() {
        apply(example).orThrow();
        server.calls().clear();

        kubectl.run("get", "mdb", "-n", namespace).orThrow();
        apply(example.replace("replicas: 3", "replicas: 2")).orThrow();
        kubectl.run(
                        "patch",
                        "mdb",
                        "ledger",
                        "-n",
                        namespace,
                        "--subresource=status",
                        "--type=merge",
                        "-p",
                        "{\"status\":{\"phase\":\"Pending\"}}")
                .orThrow();
        kubectl.run("delete", "mdb", "ledger", "-n", namespace).orThrow();

        List<String> calls =
                server.calls().resourceCallsFrom("kubectl").stream()
                        .filter(call -> "vigil.dev".equals(call.group()))
                        .map(
                                call ->
                                        call.verb()
                                                + " "
                                                + call.resourceWithSubresource()
                                                + " "
                                                + call.namespace()
                                                + " "
                                                + call.name())
                        .toList();
        assertThat(calls)
                .containsSubsequence(
                        "list monitoreddatabases " + namespace + " null",
                        "get monitoreddatabases " + namespace + " ledger",
                        "patch monitoreddatabases " + namespace + " ledger",
                        "patch monitoreddatabases/status " + namespace + " ledger",
                        "delete monitoreddatabases " + namespace + " ledger");
        assertThat(server.calls().resourceCallsFrom("kubectl"))
                .allSatisfy(call -> assertThat(call.userAgent()).startsWith("kubectl/v1.32"));
    }

    @Test
    void kubectlCreateGeneratorsAreUnderstoodThoughTheySendProtobuf() {
        kubectl.run(
                        "create",
                        "secret",
                        "generic",
                        "creds",
                        "-n",
                        namespace,
                        "--from-literal=password=s3cret")
                .orThrow();

        Secret secret = client.secrets().inNamespace(namespace).withName("creds").get();
        assertThat(secret.getType()).isEqualTo("Opaque");
        assertThat(
                        new String(
                                Base64.getDecoder().decode(secret.getData().get("password")),
                                StandardCharsets.UTF_8))
                .isEqualTo("s3cret");
        assertThat(client.namespaces().withName(namespace).get().getMetadata().getLabels())
                .containsEntry("kubernetes.io/metadata.name", namespace);
    }

    @Test
    void legacyDiscoveryIsEnoughForKubectl() throws IOException {
        try (EmbeddedApiServer legacy =
                EmbeddedApiServer.start(
                        ApiServerOptions.defaults()
                                .withAggregatedDiscovery(false)
                                .withCrds(REPOSITORY.resolve("crds")))) {
            Kubectl legacyKubectl =
                    Kubectl.withKubeconfig(
                            legacy.writeKubeconfig(workDir.resolve("legacy/kubeconfig")));

            legacyKubectl.runWithInput(example, "apply", "-f", "-").orThrow();
            assertThat(legacyKubectl.run("get", "mdb").orThrow().stdout())
                    .containsPattern("ledger\\s+\\d+s\\s+PostgreSQL");
            assertThat(legacy.calls().all())
                    .anySatisfy(
                            call -> assertThat(call.uri()).startsWith("/apis/vigil.dev/v1alpha1?"));
        }
    }
}
