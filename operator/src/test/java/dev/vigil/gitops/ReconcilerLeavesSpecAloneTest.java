package dev.vigil.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.testing.kube.RunningOperator;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What GitOps relies on: reconciling never changes what the repository owns. A MonitoredDatabase
 * and an AlertPolicy, with labels and annotations such as Argo CD and kubectl add, keep their spec,
 * labels and annotations byte for byte while Vigil reconciles them, and every write Vigil sends to
 * either resource is to its status subresource.
 */
class ReconcilerLeavesSpecAloneTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * Defaults are left out on purpose: Vigil must not write them back into the spec. Created in
     * the operator's namespace, which the collection's path names.
     */
    private static final String DATABASE =
            """
            apiVersion: vigil.dev/v1alpha1
            kind: MonitoredDatabase
            metadata:
              name: catalog
              labels:
                tier: critical
                app.kubernetes.io/instance: shop-databases
              annotations:
                argocd.argoproj.io/tracking-id: "shop-databases:vigil.dev/MonitoredDatabase:shop/catalog"
                argocd.argoproj.io/sync-wave: "1"
                team.example.com/owner: catalog-team
            spec:
              engine: MongoDB
              version: "7.0.14"
              replicas: 3
              storage: {size: 20Gi}
              monitoring:
                labels: {release: kube-prometheus-stack}
            """;

    private static final String POLICY =
            """
            apiVersion: vigil.dev/v1alpha1
            kind: AlertPolicy
            metadata:
              name: oncall
              labels:
                app.kubernetes.io/instance: shop-databases
              annotations:
                argocd.argoproj.io/tracking-id: "shop-databases:vigil.dev/AlertPolicy:shop/oncall"
            spec:
              selector:
                matchLabels: {tier: critical}
              overrides:
              - {alert: MongoDBReplicationLagHigh, threshold: "10"}
            """;

    private RunningOperator operator;
    private KubernetesClient client;
    private String databases;
    private String policies;

    @BeforeEach
    void start() {
        operator = RunningOperator.withoutDatabases();
        client = operator.client();
        String group = "/apis/vigil.dev/v1alpha1/namespaces/" + operator.namespace() + "/";
        databases = group + "monitoreddatabases";
        policies = group + "alertpolicies";
    }

    @AfterEach
    void stop() {
        operator.close();
    }

    @Test
    void reconcilingWritesOnlyStatus() throws IOException {
        JsonNode database = create(databases, DATABASE);
        JsonNode policy = create(policies, POLICY);

        await().atMost(WAIT)
                .untilAsserted(
                        () -> {
                            JsonNode status = get(databases + "/catalog").path("status");
                            assertThat(status.path("observedGeneration").isNumber()).isTrue();
                            assertThat(status.path("conditions").size()).isPositive();
                        });
        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                assertThat(
                                                get(policies + "/oncall")
                                                        .at("/status/matchedDatabases")
                                                        .toString())
                                        .isEqualTo("[\"catalog\"]"));

        // The database is not Ready here (no pods), so Vigil keeps reconciling it every 200 ms:
        // what it owns must hold across those passes, not only after the first.
        await().during(Duration.ofSeconds(2))
                .atMost(WAIT)
                .untilAsserted(
                        () -> {
                            assertOwnedByTheRepository(database, get(databases + "/catalog"));
                            assertOwnedByTheRepository(policy, get(policies + "/oncall"));
                        });

        List<String> vigilWrites = new ArrayList<>();
        for (String write : operator.writes().list()) {
            String path = withoutQuery(write.substring(write.indexOf(' ') + 1));
            if (path.startsWith(databases) || path.startsWith(policies)) {
                vigilWrites.add(write.substring(0, write.indexOf(' ')) + " " + path);
            }
        }
        // Only the operator's client is recorded: the test's own two creations are not there.
        assertThat(vigilWrites)
                .as("Vigil's writes to MonitoredDatabases and AlertPolicies")
                .isNotEmpty()
                .allSatisfy(write -> assertThat(write).endsWith("/status"))
                .anySatisfy(write -> assertThat(write).startsWith("PATCH " + databases + "/"))
                .anySatisfy(write -> assertThat(write).startsWith("PATCH " + policies + "/"));
    }

    /** Spec, labels and annotations of {@code live} are those of {@code created}, byte for byte. */
    private static void assertOwnedByTheRepository(JsonNode created, JsonNode live) {
        for (String pointer : List.of("/spec", "/metadata/labels", "/metadata/annotations")) {
            assertThat(created.at(pointer).isMissingNode()).as(pointer).isFalse();
            assertThat(live.at(pointer).toString())
                    .as(pointer + " of " + live.at("/metadata/name").asText())
                    .isEqualTo(created.at(pointer).toString());
        }
    }

    /** Creates the object from YAML; the API server's answer, as JSON. */
    private JsonNode create(String collection, String yaml) throws IOException {
        String body = JSON.writeValueAsString(YAML.readTree(yaml));
        return JSON.readTree(client.raw(url(collection), "POST", body));
    }

    private JsonNode get(String path) throws IOException {
        return JSON.readTree(client.raw(url(path)));
    }

    private String url(String path) {
        String master = client.getMasterUrl().toString();
        return (master.endsWith("/") ? master.substring(0, master.length() - 1) : master) + path;
    }

    private static String withoutQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }
}
