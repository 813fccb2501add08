package dev.vigil.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VigilOperatorRuntimeTest {

    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ConfigMapRecorder recorder = new ConfigMapRecorder();
    private KubernetesMockServer server;
    private KubernetesClient client;
    private VigilOperatorRuntime runtime;

    @BeforeEach
    void startApiServer() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server =
                new KubernetesMockServer(
                        new Context(),
                        new MockWebServer(),
                        responses,
                        new KubernetesMixedDispatcher(responses),
                        false);
        server.init();
        client = server.createClient();
    }

    @AfterEach
    void stopEverything() {
        if (runtime != null) {
            runtime.close();
        }
        client.close();
        server.destroy();
    }

    @Test
    void servesProbesAndMetricsAndReconciles() throws Exception {
        runtime = runtime(OperatorSettings.forTests(), registering(recorder));
        runtime.start();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(get("/readyz").statusCode()).isEqualTo(200));
        HttpResponse<String> healthz = get("/healthz");
        assertThat(healthz.statusCode()).isEqualTo(200);
        assertThat(healthz.body().trim()).isEqualTo("ok");

        client.resource(configMap("default", "app-config")).create();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> recorder.reconciled.contains("default/app-config"));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                assertThat(get("/metrics").body())
                                        .contains("jvm_memory_used_bytes")
                                        .contains("jvm_gc_")
                                        .contains("jvm_threads_live_threads")
                                        .contains("jvm_classes_loaded_classes")
                                        .contains("system_cpu_count")
                                        .contains("process_uptime_seconds")
                                        .contains("operator_sdk_reconciliations_started_total")
                                        .contains("operator_sdk_reconciliations_success_total"));
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void closeStopsTheEndpointsAndTheOperator() throws Exception {
        runtime = runtime(OperatorSettings.forTests(), registering(recorder));
        runtime.start();
        URI healthz = uri("/healthz");
        assertThat(get("/healthz").statusCode()).isEqualTo(200);

        runtime.close();

        assertThat(runtime.operator().getRuntimeInfo().isStarted()).isFalse();
        assertThatThrownBy(
                        () ->
                                http.send(
                                        HttpRequest.newBuilder(healthz).build(),
                                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void everyControllerWatchesOnlyTheChosenNamespaces() {
        client.resource(
                        new NamespaceBuilder()
                                .withNewMetadata()
                                .withName("team-a")
                                .endMetadata()
                                .build())
                .create();
        OperatorSettings settings = withNamespaces(Set.of("team-a"));
        runtime = runtime(settings, registering(recorder));
        runtime.start();

        RegisteredController<?> controller =
                runtime.operator().getRegisteredControllers().iterator().next();
        assertThat(controller.getConfiguration().getInformerConfig().getNamespaces())
                .containsExactly("team-a");

        // The unwatched one first: once the watched one is reconciled, the other had its chance.
        client.resource(configMap("elsewhere", "ignored")).create();
        client.resource(configMap("team-a", "watched")).create();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> recorder.reconciled.contains("team-a/watched"));
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> !recorder.reconciled.contains("elsewhere/ignored"));
    }

    @Test
    void withLeaderElectionTheLeaderTakesTheLeaseAndReconciles() throws Exception {
        allowLeaseAccess();
        OperatorSettings settings = withLeaderElection("vigil-test-lock", "default");
        runtime = runtime(settings, registering(recorder));
        runtime.start();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(get("/readyz").statusCode()).isEqualTo(200));
        client.resource(configMap("default", "elected")).create();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> recorder.reconciled.contains("default/elected"));

        Lease lease = client.leases().inNamespace("default").withName("vigil-test-lock").get();
        assertThat(lease).isNotNull();
        assertThat(lease.getSpec().getHolderIdentity()).isNotBlank();
    }

    @Test
    void aStandbyReplicaIsReadyButDoesNotReconcile() throws Exception {
        allowLeaseAccess();
        OperatorSettings settings = withLeaderElection("vigil-test-lock", "default");
        runtime = runtime(settings, registering(recorder));
        runtime.start();
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                client.leases()
                                                .inNamespace("default")
                                                .withName("vigil-test-lock")
                                                .get()
                                        != null);
        ConfigMapRecorder standbyRecorder = new ConfigMapRecorder();

        try (VigilOperatorRuntime standby = runtime(settings, registering(standbyRecorder))) {
            standby.start();

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    assertThat(get(standby.httpPort(), "/readyz").statusCode())
                                            .isEqualTo(200));
            client.resource(configMap("default", "for-the-leader")).create();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> recorder.reconciled.contains("default/for-the-leader"));
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> standbyRecorder.reconciled.isEmpty());
        }
    }

    @Test
    void aFailedStartMakesBothProbesFail() throws Exception {
        // JOSDK refuses to start an operator without any controller.
        runtime = runtime(OperatorSettings.forTests(), (operator, kubernetes, registry) -> {});

        assertThatThrownBy(runtime::start).isInstanceOf(OperatorException.class);

        HttpResponse<String> healthz = get("/healthz");
        assertThat(healthz.statusCode()).isEqualTo(503);
        assertThat(healthz.body()).startsWith("operator failed to start: ");
        assertThat(get("/readyz").statusCode()).isEqualTo(503);
    }

    private VigilOperatorRuntime runtime(
            OperatorSettings settings, ReconcilerRegistration registration) {
        return new VigilOperatorRuntime(settings, client, registration, STOP_GRACE);
    }

    private static ReconcilerRegistration registering(Reconciler<ConfigMap> reconciler) {
        return (operator, kubernetes, registry) -> operator.register(reconciler);
    }

    private static OperatorSettings withNamespaces(Set<String> namespaces) {
        OperatorSettings base = OperatorSettings.forTests();
        return new OperatorSettings(
                namespaces,
                base.reconcileConcurrency(),
                base.leaderElection(),
                base.leaseName(),
                base.leaseNamespace(),
                base.httpPort(),
                base.logFormat(),
                base.clusterDomain());
    }

    private static OperatorSettings withLeaderElection(String leaseName, String leaseNamespace) {
        OperatorSettings base = OperatorSettings.forTests();
        return new OperatorSettings(
                base.watchedNamespaces(),
                base.reconcileConcurrency(),
                true,
                leaseName,
                leaseNamespace,
                base.httpPort(),
                base.logFormat(),
                base.clusterDomain());
    }

    /**
     * JOSDK checks with a SelfSubjectRulesReview that it may use Leases before electing; the mock
     * server only stores what is posted, so answer as an API server granting that access.
     */
    private void allowLeaseAccess() {
        SelfSubjectRulesReview granted =
                new SelfSubjectRulesReviewBuilder()
                        .withNewStatus()
                        .withIncomplete(false)
                        .addNewResourceRule()
                        .withApiGroups("coordination.k8s.io")
                        .withResources("leases")
                        .withVerbs("create", "update", "get")
                        .endResourceRule()
                        .endStatus()
                        .build();
        server.expect()
                .post()
                .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, granted)
                .always();
    }

    private static ConfigMap configMap(String namespace, String name) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .endMetadata()
                .addToData("key", "value")
                .build();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(runtime.httpPort(), path);
    }

    private HttpResponse<String> get(int port, String path)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + runtime.httpPort() + path);
    }

    /** A test reconciler that only records which ConfigMaps it saw. */
    static final class ConfigMapRecorder implements Reconciler<ConfigMap> {
        final Set<String> reconciled = ConcurrentHashMap.newKeySet();

        @Override
        public UpdateControl<ConfigMap> reconcile(
                ConfigMap resource,
                io.javaoperatorsdk.operator.api.reconciler.Context<ConfigMap> context) {
            reconciled.add(
                    resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName());
            return UpdateControl.noUpdate();
        }
    }
}
