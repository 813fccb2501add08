package dev.vigil.e2e.scenarios;

import static dev.vigil.e2e.scenarios.RollbackPostgresE2E.condition;
import static dev.vigil.e2e.scenarios.RollbackPostgresE2E.image;
import static dev.vigil.e2e.scenarios.RollbackPostgresE2E.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MongoDB's featureCompatibilityVersion through the health gate, with the operator's real driver
 * commands against the local cluster's MongoDB (a wire double whose binary version is the image
 * tag, and which refuses to start a binary older than its data's FCV): Vigil raises the FCV only
 * after an upgrade passed its gate, and refuses to roll back to a binary older than the FCV.
 */
@ExtendWith(E2EExtension.class)
class RollbackMongoE2E {

    @Test
    void anUpgradeThatPassesItsGateRaisesTheFeatureCompatibilityVersion(Scenario scenario) {
        scenario.apply(manifest("catalog", "6.0.16", "0s", ""));
        scenario.waitReady("catalog");
        assertThat(rollout(scenario, "catalog").getFeatureCompatibilityVersion()).isEqualTo("6.0");

        scenario.apply(manifest("catalog", "7.0.14", "0s", ""));

        Awaitility.await()
                .atMost(Scenario.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .pollInterval(500, TimeUnit.MILLISECONDS)
                .ignoreExceptions()
                .untilAsserted(
                        () -> {
                            assertThat(rollout(scenario, "catalog").getLastStableGeneration())
                                    .isEqualTo(2L);
                            assertThat(featureCompatibilityVersion(scenario, "catalog"))
                                    .isEqualTo("7.0");
                            assertThat(
                                            rollout(scenario, "catalog")
                                                    .getFeatureCompatibilityVersion())
                                    .isEqualTo("7.0");
                        });
        assertThat(
                        scenario.client()
                                .v1()
                                .events()
                                .inNamespace(scenario.namespace())
                                .list()
                                .getItems())
                .anySatisfy(
                        event ->
                                assertThat(event.getReason())
                                        .isEqualTo("FeatureCompatibilityVersionRaised"));
    }

    @Test
    void aRollbackToABinaryOlderThanTheFeatureCompatibilityVersionIsRefused(Scenario scenario) {
        scenario.apply(manifest("orders", "6.0.16", "1h", ""));
        scenario.waitReady("orders");
        // An analysis that never concludes (no sample) keeps the 7.0 upgrade verifying until its
        // timeout, while an administrator raises the FCV by hand.
        String neverConcludes =
                """
                    prometheusUrl: %s
                    analysis:
                      - name: never-concludes
                        query: vector(0) == 1
                        successCondition: result == 0
                        interval: 2s
                """
                        .formatted(scenario.local().prometheus().url());
        scenario.apply(manifest("orders", "7.0.14", "1h", neverConcludes));
        Awaitility.await()
                .atMost(Scenario.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .pollInterval(500, TimeUnit.MILLISECONDS)
                .ignoreExceptions()
                .untilAsserted(
                        () ->
                                assertThat(
                                                new DatabaseProbes(scenario)
                                                        .mongoAdmin(
                                                                "orders",
                                                                0,
                                                                new Document("buildInfo", 1))
                                                        .getString("version"))
                                        .startsWith("7.0"));

        // The restarted member answers before it is elected primary again.
        Awaitility.await()
                .atMost(30, TimeUnit.SECONDS)
                .pollInterval(500, TimeUnit.MILLISECONDS)
                .ignoreExceptions()
                .until(
                        () ->
                                new DatabaseProbes(scenario)
                                        .mongoAdmin(
                                                "orders",
                                                0,
                                                new Document(
                                                                "setFeatureCompatibilityVersion",
                                                                "7.0")
                                                        .append("confirm", true)),
                        reply -> reply.get("ok", Number.class).doubleValue() == 1.0);

        Awaitility.await()
                .atMost(Scenario.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .pollInterval(500, TimeUnit.MILLISECONDS)
                .untilAsserted(
                        () ->
                                assertThat(scenario.database("orders").getStatus().getPhase())
                                        .isEqualTo("Blocked"));
        MonitoredDatabase database = scenario.database("orders");
        Condition rolledBack = condition(database, "RolledBack");
        assertThat(rolledBack.getReason()).isEqualTo("RollbackRefused");
        assertThat(rolledBack.getStatus()).isEqualTo("False");
        assertThat(image(scenario.statefulSet("orders"))).isEqualTo("mongo:7.0.14");
        assertThat(featureCompatibilityVersion(scenario, "orders")).isEqualTo("7.0");
        assertThat(new DatabaseProbes(scenario).mongoAdmin("orders", 0, new Document("ping", 1)))
                .containsEntry("ok", 1.0);
    }

    private static String featureCompatibilityVersion(Scenario scenario, String name) {
        Document reply =
                new DatabaseProbes(scenario)
                        .mongoAdmin(
                                name,
                                0,
                                new Document("getParameter", 1)
                                        .append("featureCompatibilityVersion", 1));
        return reply.get("featureCompatibilityVersion", Document.class).getString("version");
    }

    /** One gated member of {@code version}, raising the FCV {@code fcvSoak} after its gate. */
    private static String manifest(
            String name, String version, String fcvSoak, String extraHealthGate) {
        return Manifests.mongo(name, 1).replace("\"7.0.14\"", "\"" + version + "\"")
                + """
                  upgrade:
                    fcvSoak: %s
                  healthGate:
                    timeout: 40s
                    crashLoopRestartLimit: 1
                """
                        .formatted(fcvSoak)
                + extraHealthGate;
    }
}
