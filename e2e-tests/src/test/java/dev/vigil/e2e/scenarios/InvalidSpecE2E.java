package dev.vigil.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.ValidationMessages;
import dev.vigil.e2e.kubectl.KubectlResult;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input gets a clear error naming the field, from the API server (the CRD's schema) or from
 * Vigil (its own rules, in status), and nothing already running is harmed.
 */
@ExtendWith(E2EExtension.class)
class InvalidSpecE2E {

    @Test
    void schemaViolationIsRejectedByTheApiServerNamingTheField(Scenario scenario) {
        KubectlResult result =
                scenario.tryApply(
                        Manifests.mongo("typo", 3).replace("engine: MongoDB", "engine: Mongo"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr())
                .contains("spec.engine")
                .contains("Unsupported value")
                .contains("\"MongoDB\"");
        assertThat(scenario.kubectl("get", "mdb", "-o", "name").orThrow().stdout()).isBlank();
    }

    @Test
    void crossFieldRuleIsCheckedByTheApiServerNamingTheField(Scenario scenario) {
        KubectlResult result =
                scenario.tryApply(
                        Manifests.mongo("two-sources", 1)
                                + """
                                  tls:
                                    enabled: true
                                    secretName: two-sources-cert
                                    issuer:
                                      name: cluster-ca
                                      kind: ClusterIssuer
                                """);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr())
                .contains("spec.tls")
                .contains(ValidationMessages.TLS_SOURCE_AMBIGUOUS);
        assertThat(scenario.kubectl("get", "mdb", "-o", "name").orThrow().stdout()).isBlank();
    }

    @Test
    void refusedMajorUpgradeIsReportedAndTheRunningDatabaseIsUntouched(Scenario scenario) {
        scenario.apply(Manifests.postgres("profiles", 1));
        scenario.waitReady("profiles");
        List<String> uids =
                scenario.pods("profiles").stream().map(p -> p.getMetadata().getUid()).toList();

        scenario.apply(Manifests.postgres("profiles", 1, "17.2", Map.of()));

        Awaitility.await()
                .atMost(60, TimeUnit.SECONDS)
                .untilAsserted(
                        () -> {
                            MonitoredDatabase database = scenario.database("profiles");
                            assertThat(database.getStatus().getObservedGeneration()).isEqualTo(2L);
                            Condition ready = condition(database, "Ready");
                            assertThat(ready.getStatus()).isEqualTo("False");
                            assertThat(ready.getReason()).isEqualTo("MajorUpgradeUnsupported");
                            assertThat(ready.getMessage()).contains("spec.version");
                        });
        assertThat(scenario.kubectl("describe", "mdb", "profiles").orThrow().stdout())
                .contains("MajorUpgradeUnsupported");
        assertThat(
                        scenario.statefulSet("profiles")
                                .getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0)
                                .getImage())
                .isEqualTo("postgres:16.4");
        List<Pod> pods = scenario.pods("profiles");
        assertThat(pods).extracting(p -> p.getMetadata().getUid()).isEqualTo(uids);
        assertThat(pods)
                .allSatisfy(
                        p ->
                                assertThat(p.getStatus().getContainerStatuses())
                                        .allSatisfy(c -> assertThat(c.getReady()).isTrue()));
    }

    private static Condition condition(MonitoredDatabase database, String type) {
        return database.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no condition " + type));
    }
}
