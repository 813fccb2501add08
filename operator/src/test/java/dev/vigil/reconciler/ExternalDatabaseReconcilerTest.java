package dev.vigil.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.SecretKeyReference;
import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.credentials.SecureRandomCredentials;
import dev.vigil.engine.DatabaseClients;
import dev.vigil.engine.exporter.HttpExporterProbe;
import dev.vigil.engine.mongodb.DriverMongoReplicaSetClient;
import dev.vigil.engine.postgres.JdbcPostgresClient;
import dev.vigil.names.DatabaseAddressResolver;
import dev.vigil.status.ConditionFactory;
import dev.vigil.status.ConditionType;
import dev.vigil.status.Reason;
import dev.vigil.testing.kube.DeploymentSimulator;
import dev.vigil.testing.kube.RunningOperator;
import dev.vigil.testing.kube.SharedApiServer;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * External mode on a real API server: Vigil runs only the exporter, and reads the database's health
 * from the exporter's {@code pg_up}, served here by a small HTTP server standing for it.
 */
class ExternalDatabaseReconcilerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final CredentialGenerator CREDENTIALS = new SecureRandomCredentials();

    private final AtomicReference<String> page = new AtomicReference<>("pg_up 1\n");
    private HttpServer exporter;
    private String namespace;
    private RunningOperator operator;
    private KubernetesClient client;

    @BeforeEach
    void start() throws IOException {
        exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        exporter.createContext(
                "/metrics",
                exchange -> {
                    byte[] body = page.get().getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        exporter.start();
        int port = exporter.getAddress().getPort();
        // The exporter's Service address names the namespace.
        namespace = SharedApiServer.get().newNamespace();
        String metrics = "billing-metrics." + namespace + ".svc.cluster.local";
        DatabaseAddressResolver resolver =
                (host, p) ->
                        host.equals(metrics)
                                ? new InetSocketAddress("127.0.0.1", port)
                                : InetSocketAddress.createUnresolved(host, p);
        operator =
                new RunningOperator(
                        namespace,
                        new DatabaseClients(
                                new DriverMongoReplicaSetClient(resolver, Duration.ofSeconds(2)),
                                new JdbcPostgresClient(resolver, Duration.ofSeconds(2)),
                                new HttpExporterProbe(resolver, Duration.ofSeconds(2))),
                        CREDENTIALS,
                        Clock.systemUTC());
        client = operator.client();
    }

    @AfterEach
    void stop() {
        operator.close();
        exporter.stop(0);
    }

    private void createCredentialsSecret() {
        client.resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName("billing-monitor")
                                .withNamespace(namespace)
                                .endMetadata()
                                .addToStringData("username", "monitor")
                                .addToStringData("password", "from-the-cloud-console")
                                .build())
                .create();
    }

    private MonitoredDatabase database() {
        return Serialization.unmarshal(
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: billing, namespace: %s}
                spec:
                  engine: PostgreSQL
                  version: "16.4"
                  mode: External
                  external:
                    endpoints: [billing.example.internal:5432]
                    credentialsSecretName: billing-monitor
                """
                        .formatted(namespace),
                MonitoredDatabase.class);
    }

    private Condition condition(String type) {
        MonitoredDatabase db =
                client.resources(MonitoredDatabase.class)
                        .inNamespace(namespace)
                        .withName("billing")
                        .get();
        return db == null || db.getStatus() == null
                ? null
                : ConditionFactory.find(db.getStatus().getConditions(), type).orElse(null);
    }

    @Test
    void runsOnlyTheExporterAndReportsWhatItSees() {
        createCredentialsSecret();
        client.resource(database()).create();

        await().atMost(WAIT)
                .until(
                        () ->
                                client.apps()
                                                .deployments()
                                                .inNamespace(namespace)
                                                .withName("billing-exporter")
                                                .get()
                                        != null);
        assertThat(client.services().inNamespace(namespace).withName("billing-metrics").get())
                .isNotNull();
        assertThat(client.apps().statefulSets().inNamespace(namespace).list().getItems()).isEmpty();
        assertThat(client.secrets().inNamespace(namespace).list().getItems())
                .extracting(s -> s.getMetadata().getName())
                .containsExactly("billing-monitor");

        new DeploymentSimulator(client).markAllReady(namespace, "billing-exporter");
        await().atMost(WAIT)
                .untilAsserted(
                        () -> {
                            Condition ready = condition(ConditionType.READY);
                            assertThat(ready.getStatus()).isEqualTo("True");
                            assertThat(ready.getMessage())
                                    .isEqualTo("the exporter reaches the database (pg_up 1)");
                        });

        page.set("pg_up 0\n");
        await().atMost(WAIT)
                .untilAsserted(
                        () -> {
                            Condition degraded = condition(ConditionType.DEGRADED);
                            assertThat(degraded.getStatus()).isEqualTo("True");
                            assertThat(degraded.getReason()).isEqualTo(Reason.DATABASE_UNREACHABLE);
                        });
    }

    @Test
    void aMissingCredentialsSecretIsNamed() {
        client.resource(database()).create();

        await().atMost(WAIT)
                .untilAsserted(
                        () -> {
                            Condition ready = condition(ConditionType.READY);
                            assertThat(ready).isNotNull();
                            assertThat(ready.getReason()).isEqualTo(Reason.INVALID_SPEC);
                            assertThat(ready.getMessage())
                                    .contains("spec.external.credentialsSecretName")
                                    .contains("billing-monitor");
                        });
        assertThat(client.apps().deployments().inNamespace(namespace).list().getItems()).isEmpty();
    }

    @Test
    void theExportersEgressIsLimitedToThePortsOfTheUriInItsSecret() {
        createCredentialsSecret();
        client.resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName("billing-uri")
                                .withNamespace(namespace)
                                .endMetadata()
                                .addToStringData(
                                        "uri",
                                        "billing.example.internal:6432/billing?sslmode=require")
                                .build())
                .create();
        MonitoredDatabase database = database();
        database.getSpec().getExternal().setEndpoints(null);
        SecretKeyReference uri = new SecretKeyReference();
        uri.setName("billing-uri");
        uri.setKey("uri");
        database.getSpec().getExternal().setUriSecret(uri);
        client.resource(database).create();

        await().atMost(WAIT)
                .untilAsserted(
                        () -> {
                            NetworkPolicy policy =
                                    client.network()
                                            .networkPolicies()
                                            .inNamespace(namespace)
                                            .withName("billing-network")
                                            .get();
                            assertThat(policy).isNotNull();
                            assertThat(policy.getSpec().getEgress())
                                    .flatExtracting(rule -> rule.getPorts())
                                    .extracting(port -> port.getPort().getIntVal())
                                    .containsExactlyInAnyOrder(53, 53, 6432);
                        });
    }
}
