package dev.vigil.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.ReliabilityRun;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user deletes a database: the real garbage collector removes what Vigil made, the data volumes
 * stay with their data (the same database created again finds its rows), unless the spec asks for
 * them to go ({@code storage.retainOnDelete: false}).
 */
@ExtendWith(E2EExtension.class)
class DeleteE2E {

    private static final int ROWS = 100;

    private static final String CHILDREN =
            "statefulsets,pods,services,configmaps,networkpolicies,serviceaccounts";

    @Test
    void deletingTheResourceCollectsItsObjectsAndKeepsTheVolumes(Scenario scenario)
            throws Exception {
        scenario.apply(Manifests.postgres("archive", 2));
        scenario.waitReady("archive");
        DatabaseProbes probes = new DatabaseProbes(scenario);
        probes.execute(
                "archive",
                0,
                "CREATE TABLE kept (id int PRIMARY KEY)",
                "INSERT INTO kept SELECT generate_series(1, " + ROWS + ")");
        assertThat(scenario.kubectl("get", CHILDREN + ",secrets", "-o", "name").orThrow().stdout())
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
        assertThat(scenario.kubectl("get", "secrets", "-o", "name").orThrow().stdout())
                .as("the credentials that open the kept data stay with it")
                .contains("secret/archive-admin")
                .contains("secret/archive-replication")
                .contains("secret/archive-monitoring");

        // The same database again, on member 0's kept volume: it starts on the old data with
        // the kept credentials, and the rows are there. One member: a standby's kept data
        // directory names the old read-write Service's cluster IP in primary_conninfo, where the
        // node puts an address for the Service's name (a real pod's libpq resolves the name, and
        // would follow the new Service), so a kept standby cannot follow here.
        scenario.apply(Manifests.postgres("archive", 1));
        scenario.waitReady("archive");
        int found =
                Integer.parseInt(
                        probes.sql("archive", 0, "SELECT count(*) FROM kept").get(0).get(0));
        assertThat(found).as("rows found on the kept volume").isEqualTo(ROWS);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("rowsWritten", ROWS);
        figures.put("rowsFoundAfterRecreate", found);
        figures.put("rowsLost", ROWS - found);
        ReliabilityRun.record("DeleteE2E", figures);
    }

    @Test
    void withRetainOnDeleteFalseTheVolumesGoWithTheDatabase(Scenario scenario) {
        scenario.apply(
                Manifests.postgres("scratch", 1)
                        .replace("  storage:\n", "  storage:\n    retainOnDelete: false\n"));
        scenario.waitReady("scratch");
        assertThat(scenario.kubectl("get", "pvc", "-o", "name").orThrow().stdout())
                .contains("persistentvolumeclaim/data-scratch-0");

        scenario.kubectl("delete", "mdb", "scratch", "--timeout=120s").orThrow();

        Awaitility.await()
                .atMost(120, TimeUnit.SECONDS)
                .pollInterval(500, TimeUnit.MILLISECONDS)
                .untilAsserted(
                        () ->
                                assertThat(
                                                scenario.kubectl("get", "pvc", "-o", "name")
                                                        .orThrow()
                                                        .stdout())
                                        .as("the claim is collected with its StatefulSet")
                                        .isBlank());
        Awaitility.await()
                .atMost(60, TimeUnit.SECONDS)
                .pollInterval(500, TimeUnit.MILLISECONDS)
                .untilAsserted(
                        () ->
                                assertThat(
                                                scenario.kubectl(
                                                                "get",
                                                                CHILDREN + ",secrets",
                                                                "-l",
                                                                "app.kubernetes.io/instance=scratch",
                                                                "-o",
                                                                "name")
                                                        .orThrow()
                                                        .stdout())
                                        .as("and so are its objects, the credentials included")
                                        .isBlank());
    }
}
