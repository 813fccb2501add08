package dev.vigil.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.e2e.cluster.HarnessOperator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's pod dies in the middle of a reconcile and comes back: it converges from what is in
 * the cluster, with no duplicate, no lost object, and the credentials it generated kept.
 */
@ExtendWith(E2EExtension.class)
class OperatorRestartE2E {

    private static final String INSTANCE = "app.kubernetes.io/instance";

    @Test
    void restartInTheMiddleOfACreationConvergesWithoutDuplicatesOrNewCredentials(
            Scenario scenario) {
        HarnessOperator operator = scenario.local().operator();
        scenario.apply(Manifests.postgres("invoices", 2));
        // Stopped as soon as its first objects exist: the members are not running yet.
        Awaitility.await()
                .atMost(60, TimeUnit.SECONDS)
                .pollInterval(50, TimeUnit.MILLISECONDS)
                .until(() -> scenario.statefulSet("invoices") != null);
        operator.stop();
        Map<String, Map<String, String>> secretsBefore = secrets(scenario);
        assertThat(scenario.database("invoices").getStatus())
                .satisfiesAnyOf(
                        status -> assertThat(status).isNull(),
                        status -> assertThat(status.getPhase()).isNotEqualTo("Ready"));

        operator.start();

        scenario.waitReady("invoices");
        assertThat(secrets(scenario))
                .as("generated credentials are kept across the restart")
                .isEqualTo(secretsBefore);
        assertThat(
                        names(
                                scenario.client()
                                        .apps()
                                        .statefulSets()
                                        .inNamespace(scenario.namespace())
                                        .withLabel(INSTANCE, "invoices")
                                        .list()
                                        .getItems()))
                .containsExactly("invoices");
        assertThat(
                        names(
                                scenario.client()
                                        .services()
                                        .inNamespace(scenario.namespace())
                                        .withLabel(INSTANCE, "invoices")
                                        .list()
                                        .getItems()))
                .containsExactlyInAnyOrder(
                        "invoices-members", "invoices-rw", "invoices-ro", "invoices-metrics");
        assertThat(names(scenario.pods("invoices"))).containsExactly("invoices-0", "invoices-1");
        assertThat(scenario.database("invoices").getStatus().getObservedGeneration()).isEqualTo(1L);
    }

    /** Each Secret of the database: its uid and a digest of its data, never the values. */
    private static Map<String, Map<String, String>> secrets(Scenario scenario) {
        Map<String, Map<String, String>> result = new TreeMap<>();
        for (Secret secret :
                scenario.client()
                        .secrets()
                        .inNamespace(scenario.namespace())
                        .withLabel(INSTANCE, "invoices")
                        .list()
                        .getItems()) {
            result.put(
                    secret.getMetadata().getName(),
                    Map.of(
                            "uid",
                            secret.getMetadata().getUid(),
                            "data",
                            Integer.toHexString(new TreeMap<>(secret.getData()).hashCode())));
        }
        return result;
    }

    private static List<String> names(List<? extends HasMetadata> objects) {
        return objects.stream()
                .map(o -> o.getMetadata().getName())
                .sorted()
                .collect(Collectors.toList());
    }
}
