package dev.vigil.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.e2e.cluster.LocalObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user creates a new PostgreSQL database from another's backups with {@code spec.bootstrap}
 * (docs/backup.md, "Restore"): the source backs up to the real versitygw of {@link
 * LocalObjectStore}; the new database's first pod runs {@code restore} (Vigil's image) and {@code
 * recover} (the postgres image) before its server starts, and it becomes Ready, which the operator
 * can only see by logging in with the NEW database's superuser password: the restored catalog held
 * the source's. The new database archives into its own repository, and the source's gets no new
 * timeline from it.
 */
@ExtendWith(E2EExtension.class)
class BootstrapE2E {

    private static final String SOURCE = "ledger";
    private static final String RESTORED = "ledger-copy";
    private static final Duration FIRST_BACKUP = Duration.ofMinutes(4);

    @Test
    void aNewDatabaseIsRestoredFromAnotherDatabasesBackupAndBecomesReady(Scenario scenario)
            throws Exception {
        LocalObjectStore store = ScenarioObjectStore.start(scenario);
        scenario.apply(ScenarioObjectStore.backedUpDatabase(SOURCE, 1, store));
        scenario.waitReady(SOURCE);
        Awaitility.await()
                .atMost(FIRST_BACKUP.toSeconds(), TimeUnit.SECONDS)
                .pollInterval(2, TimeUnit.SECONDS)
                .until(
                        () ->
                                !jsonPath(scenario, SOURCE, "{.status.backup.lastSuccessful.label}")
                                        .isEmpty());

        scenario.apply(restored(store));
        scenario.waitReady(RESTORED);

        String recover =
                scenario.kubectl(
                                "get",
                                "pod",
                                RESTORED + "-0",
                                "-o",
                                "jsonpath={.status.initContainerStatuses[?(@.name==\"recover\")]"
                                        + ".state.terminated.exitCode}")
                        .orThrow()
                        .stdout()
                        .strip();
        assertThat(recover).isEqualTo("0");
        // The same cluster as the source (initdb would have made another system identifier),
        // promoted onto a timeline of its own; the standby cloned the restored primary.
        DatabaseProbes probes = new DatabaseProbes(scenario);
        String identifier = "SELECT system_identifier::text FROM pg_control_system()";
        String sourceIdentifier = probes.sql(SOURCE, 0, identifier).get(0).get(0);
        assertThat(probes.sql(RESTORED, 0, identifier).get(0).get(0)).isEqualTo(sourceIdentifier);
        assertThat(probes.sql(RESTORED, 1, identifier).get(0).get(0)).isEqualTo(sourceIdentifier);
        assertThat(
                        probes.sql(
                                        RESTORED,
                                        0,
                                        "SELECT timeline_id::text, pg_is_in_recovery()::text"
                                                + " FROM pg_control_checkpoint()")
                                .get(0))
                .containsExactly("2", "false");
        Path sourceArchive =
                store.bucketDirectory()
                        .resolve("vigil/" + scenario.namespace() + "/" + SOURCE + "/archive/db");
        try (Stream<Path> files = Files.walk(sourceArchive)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no timeline of the restored database in the source's archive")
                    .noneMatch(name -> name.endsWith(".history"));
        }
    }

    private static String restored(LocalObjectStore store) {
        return """
        apiVersion: vigil.dev/v1alpha1
        kind: MonitoredDatabase
        metadata:
          name: %s
        spec:
          engine: PostgreSQL
          version: "16.4"
          replicas: 2
          storage:
            size: 1Gi
          bootstrap:
            backup:
              store: %s
              database: {name: %s}
        """
                .formatted(RESTORED, ScenarioObjectStore.storeYaml(store), SOURCE);
    }

    private static String jsonPath(Scenario scenario, String name, String path) {
        return scenario.kubectl("get", "mdb", name, "-o", "jsonpath=" + path)
                .orThrow()
                .stdout()
                .strip();
    }
}
