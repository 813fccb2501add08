package dev.vigil.e2e.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded API server through fabric8's client, as the operator and the harness use it. */
class EmbeddedApiServerClientTest {

    private static final Path REPOSITORY =
            Path.of(System.getProperty("vigil.repository.root", ".."));
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private static EmbeddedApiServer server;
    private static KubernetesClient client;
    private String namespace;

    @BeforeAll
    static void startServer() {
        server =
                EmbeddedApiServer.start(
                        ApiServerOptions.defaults()
                                .withCrds(REPOSITORY.resolve("crds"))
                                .withPrometheusOperatorCrds(true));
        client = server.client();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void createNamespace() {
        namespace = "client-" + NAMESPACES.incrementAndGet();
        client.namespaces()
                .resource(
                        new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(namespace)
                                .endMetadata()
                                .build())
                .create();
    }

    private MonitoredDatabase ledger() throws IOException {
        MonitoredDatabase database =
                Serialization.unmarshal(
                        Files.readString(REPOSITORY.resolve("examples/postgres-ha.yaml")),
                        MonitoredDatabase.class);
        database.getMetadata().setNamespace(namespace);
        return database;
    }

    @Test
    void createSetsServerFieldsAndSchemaDefaults() throws IOException {
        MonitoredDatabase created = client.resource(ledger()).create();

        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
        assertThat(created.getMetadata().getCreationTimestamp()).isNotBlank();
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(created.getSpec().getMode()).hasToString("Managed");
        assertThat(created.getSpec().getStorage().getRetainOnDelete()).isTrue();
    }

    @Test
    void generationCountsSpecChangesOnly() throws IOException {
        client.resource(ledger()).create();
        var database =
                client.resources(MonitoredDatabase.class).inNamespace(namespace).withName("ledger");

        database.edit(
                d -> {
                    d.getMetadata().getLabels().put("team", "finance");
                    return d;
                });
        assertThat(database.get().getMetadata().getGeneration()).isEqualTo(1L);

        MonitoredDatabase withStatus = database.get();
        withStatus.setStatus(new MonitoredDatabaseStatus());
        withStatus.getStatus().setPhase("Pending");
        client.resource(withStatus).updateStatus();
        assertThat(database.get().getMetadata().getGeneration()).isEqualTo(1L);

        database.edit(
                d -> {
                    d.getSpec().setReplicas(5);
                    return d;
                });
        assertThat(database.get().getMetadata().getGeneration()).isEqualTo(2L);
    }

    @Test
    void statusIsWrittenOnlyThroughTheStatusSubresource() throws IOException {
        client.resource(ledger()).create();
        var database =
                client.resources(MonitoredDatabase.class).inNamespace(namespace).withName("ledger");

        MonitoredDatabase viaMain = database.get();
        viaMain.setStatus(new MonitoredDatabaseStatus());
        viaMain.getStatus().setPhase("Ready");
        viaMain.getSpec().setReplicas(4);
        client.resource(viaMain).update();
        assertThat(database.get().getStatus()).isNull();
        assertThat(database.get().getSpec().getReplicas()).isEqualTo(4);

        MonitoredDatabase viaStatus = database.get();
        viaStatus.setStatus(new MonitoredDatabaseStatus());
        viaStatus.getStatus().setPhase("Ready");
        viaStatus.getSpec().setReplicas(7);
        client.resource(viaStatus).updateStatus();
        assertThat(database.get().getStatus().getPhase()).isEqualTo("Ready");
        assertThat(database.get().getSpec().getReplicas()).isEqualTo(4);
    }

    @Test
    void secretStringDataIsStoredAsBase64Data() {
        client.secrets()
                .inNamespace(namespace)
                .resource(
                        new io.fabric8.kubernetes.api.model.SecretBuilder()
                                .withNewMetadata()
                                .withName("creds")
                                .endMetadata()
                                .addToData("username", "b2xk")
                                .addToStringData("password", "s3cret")
                                .build())
                .create();

        var stored = client.secrets().inNamespace(namespace).withName("creds").get();

        assertThat(stored.getStringData()).isNullOrEmpty();
        assertThat(stored.getData())
                .containsEntry("username", "b2xk")
                .containsEntry("password", "czNjcmV0");
        assertThat(stored.getType()).isEqualTo("Opaque");
    }

    @Test
    void aStaleUpdateIsAConflict() throws IOException {
        client.resource(ledger()).create();
        var database =
                client.resources(MonitoredDatabase.class).inNamespace(namespace).withName("ledger");
        MonitoredDatabase stale = database.get();
        database.edit(
                d -> {
                    d.getSpec().setReplicas(5);
                    return d;
                });

        stale.getSpec().setReplicas(1);
        assertThatThrownBy(() -> client.resource(stale).update())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> {
                            assertThat(e.getCode()).isEqualTo(409);
                            assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
                            assertThat(e.getStatus().getMessage())
                                    .contains(
                                            "monitoreddatabases.vigil.dev \"ledger\": the object"
                                                    + " has been modified");
                        });
        assertThat(database.get().getSpec().getReplicas()).isEqualTo(5);
    }

    @Test
    void aMissingObjectIsNotFoundWithAStatusBody() throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        server.url()
                                                                + "/apis/vigil.dev/v1alpha1/namespaces/"
                                                                + namespace
                                                                + "/monitoreddatabases/nothing"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        var status =
                Serialization.unmarshal(
                        response.body(), io.fabric8.kubernetes.api.model.Status.class);
        assertThat(status.getReason()).isEqualTo("NotFound");
        assertThat(status.getMessage())
                .isEqualTo("monitoreddatabases.vigil.dev \"nothing\" not found");
        assertThat(
                        client.resources(MonitoredDatabase.class)
                                .inNamespace(namespace)
                                .withName("nothing")
                                .get())
                .isNull();
    }

    @Test
    void anInvalidCustomResourceIsRefusedWithTheFieldNamed() throws IOException {
        MonitoredDatabase invalid = ledger();
        invalid.getSpec().setReplicas(-1);

        assertThatThrownBy(() -> client.resource(invalid).create())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> {
                            assertThat(e.getCode()).isEqualTo(422);
                            assertThat(e.getStatus().getMessage())
                                    .isEqualTo(
                                            "MonitoredDatabase.vigil.dev \"ledger\" is invalid:"
                                                + " spec.replicas: Invalid value: -1: must be at"
                                                + " least 1");
                            assertThat(e.getStatus().getDetails().getCauses())
                                    .singleElement()
                                    .satisfies(
                                            cause ->
                                                    assertThat(cause.getField())
                                                            .isEqualTo("spec.replicas"));
                        });
    }

    @Test
    void mergePatchReplacesListsAndRemovesNulls() {
        client.configMaps()
                .inNamespace(namespace)
                .resource(configMap("c", Map.of("a", "1", "b", "2")))
                .create();
        client.resource(
                        new StatefulSetBuilder()
                                .withNewMetadata()
                                .withName("s")
                                .withNamespace(namespace)
                                .endMetadata()
                                .withNewSpec()
                                .withReplicas(1)
                                .withNewTemplate()
                                .withNewSpec()
                                .addNewContainer()
                                .withName("a")
                                .withArgs("x", "y")
                                .endContainer()
                                .endSpec()
                                .endTemplate()
                                .endSpec()
                                .build())
                .create();

        client.configMaps()
                .inNamespace(namespace)
                .withName("c")
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"data\":{\"a\":null,\"c\":\"3\"}}");
        client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName("s")
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"a\",\"args\":[\"z\"]}]}}}}");

        assertThat(client.configMaps().inNamespace(namespace).withName("c").get().getData())
                .containsExactlyInAnyOrderEntriesOf(Map.of("b", "2", "c", "3"));
        assertThat(
                        client.apps()
                                .statefulSets()
                                .inNamespace(namespace)
                                .withName("s")
                                .get()
                                .getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0)
                                .getArgs())
                .containsExactly("z");
    }

    @Test
    void servicesGetClusterIpsFromTheLoopbackRangeAndKeepThem() {
        Service created = client.resource(service("db", null)).create();
        Service headless = client.resource(service("db-members", "None")).create();

        assertThat(created.getSpec().getClusterIP()).startsWith("127.20.");
        assertThat(created.getSpec().getClusterIPs())
                .containsExactly(created.getSpec().getClusterIP());
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");

        Service replacement = service("db", null);
        replacement.getMetadata().setLabels(Map.of("changed", "yes"));
        Service updated = client.resource(replacement).update();
        assertThat(updated.getSpec().getClusterIP()).isEqualTo(created.getSpec().getClusterIP());
    }

    @Test
    void aStatefulSetsStorageCannotChangeButItsStatusSurvivesSpecWrites() {
        StatefulSet created =
                client.resource(
                                new StatefulSetBuilder()
                                        .withNewMetadata()
                                        .withName("db")
                                        .withNamespace(namespace)
                                        .endMetadata()
                                        .withNewSpec()
                                        .withReplicas(1)
                                        .withServiceName("db-members")
                                        .withNewTemplate()
                                        .withNewSpec()
                                        .addNewContainer()
                                        .withName("db")
                                        .withImage("pg:16")
                                        .endContainer()
                                        .endSpec()
                                        .endTemplate()
                                        .endSpec()
                                        .build())
                        .create();
        StatefulSet withStatus =
                client.apps().statefulSets().inNamespace(namespace).withName("db").get();
        withStatus.setStatus(
                new StatefulSetStatusBuilder().withReplicas(1).withReadyReplicas(1).build());
        client.resource(withStatus).updateStatus();

        client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName("db")
                .edit(
                        s -> {
                            s.getSpec().setReplicas(2);
                            s.setStatus(null);
                            return s;
                        });
        assertThat(
                        client.apps()
                                .statefulSets()
                                .inNamespace(namespace)
                                .withName("db")
                                .get()
                                .getStatus()
                                .getReadyReplicas())
                .isEqualTo(1);

        assertThatThrownBy(
                        () ->
                                client.apps()
                                        .statefulSets()
                                        .inNamespace(namespace)
                                        .withName("db")
                                        .edit(
                                                s -> {
                                                    s.getSpec().setServiceName("other");
                                                    return s;
                                                }))
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> {
                            assertThat(e.getCode()).isEqualTo(422);
                            assertThat(e.getStatus().getMessage())
                                    .startsWith(
                                            "StatefulSet.apps \"db\" is invalid: spec: Forbidden:"
                                                    + " updates to statefulset spec");
                        });
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
    }

    @Test
    void finalizersHoldADeletedObjectUntilRemoved() {
        ConfigMap held = configMap("held", Map.of());
        held.getMetadata().setFinalizers(List.of("vigil.dev/cleanup"));
        client.resource(held).create();
        var resource = client.configMaps().inNamespace(namespace).withName("held");

        resource.delete();
        assertThat(resource.get().getMetadata().getDeletionTimestamp()).isNotBlank();

        resource.edit(
                c -> {
                    c.getMetadata().setFinalizers(List.of());
                    return c;
                });
        assertThat(resource.get()).isNull();
    }

    @Test
    void theCollectorDeletesDependentsUnlessOrphaned() {
        ConfigMap owner = client.resource(configMap("owner", Map.of())).create();
        ConfigMap orphanOwner = client.resource(configMap("orphan-owner", Map.of())).create();
        client.resource(ownedBy(configMap("child", Map.of()), owner)).create();
        client.resource(ownedBy(configMap("grandchild-owner", Map.of()), owner)).create();
        client.resource(ownedBy(configMap("orphan", Map.of()), orphanOwner)).create();

        client.configMaps().inNamespace(namespace).withName("owner").delete();
        client.configMaps()
                .inNamespace(namespace)
                .withName("orphan-owner")
                .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.ORPHAN)
                .delete();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                assertThat(
                                                client.configMaps()
                                                        .inNamespace(namespace)
                                                        .list()
                                                        .getItems())
                                        .extracting(c -> c.getMetadata().getName())
                                        .containsExactly("orphan"));
        assertThat(
                        client.configMaps()
                                .inNamespace(namespace)
                                .withName("orphan")
                                .get()
                                .getMetadata()
                                .getOwnerReferences())
                .isEmpty();
    }

    @Test
    void namesMustBeDnsNames() {
        assertThatThrownBy(() -> client.resource(configMap("Not_A_Name", Map.of())).create())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> {
                            assertThat(e.getCode()).isEqualTo(422);
                            assertThat(e.getStatus().getMessage())
                                    .startsWith(
                                            "ConfigMap \"Not_A_Name\" is invalid: metadata.name:"
                                                + " Invalid value: \"Not_A_Name\": a lowercase RFC"
                                                + " 1123 subdomain");
                        });
        assertThatThrownBy(() -> client.resource(service("9-lives", null)).create())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(422));
    }

    @Test
    void objectsNeedAnExistingNamespace() {
        ConfigMap homeless = configMap("c", Map.of());
        homeless.getMetadata().setNamespace("no-such-namespace");

        assertThatThrownBy(() -> client.resource(homeless).create())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> {
                            assertThat(e.getCode()).isEqualTo(404);
                            assertThat(e.getStatus().getMessage())
                                    .isEqualTo("namespaces \"no-such-namespace\" not found");
                        });
    }

    @Test
    void anInformerSeesAddsUpdatesAndDeletes() throws IOException {
        List<String> events = new CopyOnWriteArrayList<>();
        try (SharedIndexInformer<MonitoredDatabase> informer =
                client.resources(MonitoredDatabase.class)
                        .inNamespace(namespace)
                        .inform(
                                new ResourceEventHandler<>() {
                                    @Override
                                    public void onAdd(MonitoredDatabase database) {
                                        events.add("add " + database.getSpec().getReplicas());
                                    }

                                    @Override
                                    public void onUpdate(
                                            MonitoredDatabase before, MonitoredDatabase after) {
                                        if (!before.getMetadata()
                                                .getResourceVersion()
                                                .equals(after.getMetadata().getResourceVersion())) {
                                            events.add("update " + after.getSpec().getReplicas());
                                        }
                                    }

                                    @Override
                                    public void onDelete(
                                            MonitoredDatabase database, boolean unknownFinalState) {
                                        events.add("delete");
                                    }
                                })) {
            client.resource(ledger()).create();
            await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("add 3"));

            client.resources(MonitoredDatabase.class)
                    .inNamespace(namespace)
                    .withName("ledger")
                    .edit(
                            d -> {
                                d.getSpec().setReplicas(5);
                                return d;
                            });
            await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("update 5"));

            client.resources(MonitoredDatabase.class)
                    .inNamespace(namespace)
                    .withName("ledger")
                    .delete();
            await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("delete"));
            assertThat(informer.getStore().list()).isEmpty();
        }
    }

    private ConfigMap configMap(String name, Map<String, String> data) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withData(data)
                .build();
    }

    private Service service(String name, String clusterIp) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withNewSpec()
                .withClusterIP(clusterIp)
                .addNewPort()
                .withPort(5432)
                .endPort()
                .endSpec()
                .build();
    }

    private static ConfigMap ownedBy(ConfigMap dependent, ConfigMap owner) {
        dependent
                .getMetadata()
                .setOwnerReferences(
                        List.of(
                                new OwnerReferenceBuilder()
                                        .withApiVersion("v1")
                                        .withKind("ConfigMap")
                                        .withName(owner.getMetadata().getName())
                                        .withUid(owner.getMetadata().getUid())
                                        .build()));
        return dependent;
    }
}
