package dev.vigil.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.credentials.MonitoringPasswordRotation;
import dev.vigil.credentials.SecureRandomCredentials;
import dev.vigil.engine.DatabaseClients;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.SecretCredentials;
import dev.vigil.engine.mongodb.DriverMongoReplicaSetClient;
import dev.vigil.engine.mongodb.MongoSecretsBuilder;
import dev.vigil.engine.postgres.JdbcPostgresClient;
import dev.vigil.names.CredentialKeys;
import dev.vigil.names.ResourceNames;
import dev.vigil.testing.StubExporterProbe;
import dev.vigil.testing.kube.DatabaseView;
import dev.vigil.testing.kube.RunningOperator;
import dev.vigil.testing.kube.SharedApiServer;
import dev.vigil.testing.mongo.MongoReplicaSetDouble;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A monitoring-password rotation of a MongoDB database, on a real API server and the MongoDB wire
 * double: the spec's token makes a new password, which the replica set's user then has.
 */
class MongoMonitoringPasswordRotationTest {

    private static final String NAME = "catalog";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final DatabaseCredentials ROOT =
            new DatabaseCredentials("vigil-admin", "root-password-for-tests");

    private String namespace;
    private MongoReplicaSetDouble mongo;
    private RunningOperator operator;
    private KubernetesClient client;
    private DatabaseView view;

    @BeforeEach
    void start() {
        // The replica set's double answers at the member's address, which names the namespace.
        namespace = SharedApiServer.get().newNamespace();
        mongo =
                MongoReplicaSetDouble.builder()
                        .members(
                                ResourceNames.memberAddresses(
                                        database(), 1, ResourceNames.DEFAULT_CLUSTER_DOMAIN))
                        .admin(ROOT)
                        .start();
        operator =
                new RunningOperator(
                        namespace,
                        new DatabaseClients(
                                new DriverMongoReplicaSetClient(
                                        mongo.resolver(), Duration.ofSeconds(2)),
                                new JdbcPostgresClient(mongo.resolver(), Duration.ofSeconds(2)),
                                StubExporterProbe.reportingUp()),
                        new SecureRandomCredentials(),
                        Clock.systemUTC());
        client = operator.client();
        view = new DatabaseView(client, namespace, NAME);
        client.resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName("catalog-root")
                                .withNamespace(namespace)
                                .endMetadata()
                                .addToStringData("username", ROOT.username())
                                .addToStringData("password", ROOT.password())
                                .build())
                .create();
    }

    @AfterEach
    void stop() {
        operator.close();
        mongo.close();
    }

    private MonitoredDatabase database() {
        return Serialization.unmarshal(
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata: {name: catalog, namespace: %s}
                spec:
                  engine: MongoDB
                  version: "7.0.14"
                  replicas: 1
                  credentials: {adminSecretName: catalog-root}
                """
                        .formatted(namespace),
                MonitoredDatabase.class);
    }

    private String monitoringPassword() {
        Secret secret =
                client.secrets().inNamespace(namespace).withName("catalog-monitoring").get();
        return SecretCredentials.value(secret, CredentialKeys.PASSWORD).orElseThrow();
    }

    private boolean userHas(String password) {
        return mongo.passwordMatches(MongoSecretsBuilder.MONITORING_USERNAME, password);
    }

    @Test
    void aNewSpecTokenGivesTheReplicaSetsMonitoringUserANewPassword() {
        client.resource(database()).create();
        await().atMost(WAIT).until(() -> view.statefulSet() != null);
        operator.statefulSets().markAllReady(namespace, NAME);
        await().atMost(WAIT).until(view::isReady);
        String old = monitoringPassword();
        await().atMost(WAIT).until(() -> userHas(old));

        view.edit(db -> db.getSpec().getCredentials().setRotateMonitoringPassword("1"));

        await().atMost(WAIT).until(() -> !monitoringPassword().equals(old));
        String rotated = monitoringPassword();
        await().atMost(WAIT).until(() -> userHas(rotated));
        assertThat(userHas(old)).isFalse();
        await().atMost(WAIT)
                .until(
                        () ->
                                "1"
                                        .equals(
                                                view.statefulSet()
                                                        .getSpec()
                                                        .getTemplate()
                                                        .getMetadata()
                                                        .getAnnotations()
                                                        .get(
                                                                MonitoringPasswordRotation
                                                                        .POD_ANNOTATION)));
        // The pass records its Events after it applied the StatefulSet.
        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                assertThat(view.eventReasons())
                                        .containsOnlyOnce(MonitoringPasswordStep.EVENT_ROTATED));
    }
}
