package dev.vigil.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A user deletes a database: what Vigil made goes with it, the data volumes stay. */
@ExtendWith(E2EExtension.class)
class DeleteE2E {

    private static final String CHILDREN =
            "statefulsets,pods,services,configmaps,secrets,networkpolicies,serviceaccounts";

    @Test
    void deletingTheResourceCollectsItsObjectsAndKeepsTheVolumes(Scenario scenario) {
        scenario.apply(Manifests.postgres("archive", 2));
        scenario.waitReady("archive");
        assertThat(scenario.kubectl("get", CHILDREN, "-o", "name").orThrow().stdout())
                .contains("statefulset.apps/archive")
                .contains("service/archive-rw")
                .contains("secret/archive-admin")
                .contains("configmap/archive-config");

        scenario.kubectl("delete", "mdb", "archive", "--timeout=120s").orThrow();

        assertThat(scenario.kubectl("get", "mdb", "-o", "name").orThrow().stdout()).isBlank();
        Awaitility.await()
                .atMost(120, TimeUnit.SECONDS)
                .untilAsserted(
                        () ->
                                assertThat(
                                                scenario.kubectl(
                                                                "get",
                                                                CHILDREN,
                                                                "-l",
                                                                "app.kubernetes.io/instance=archive",
                                                                "-o",
                                                                "name")
                                                        .orThrow()
                                                        .stdout())
                                        .isBlank());
        assertThat(scenario.kubectl("get", "pvc", "-o", "name").orThrow().stdout())
                .contains("persistentvolumeclaim/data-archive-0")
                .contains("persistentvolumeclaim/data-archive-1");
    }
}
