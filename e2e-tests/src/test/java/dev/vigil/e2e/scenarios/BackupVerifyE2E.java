package dev.vigil.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.e2e.cluster.LocalObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user proves the backups of a PostgreSQL database can be restored, with {@code
 * spec.backup.verify} (docs/backup.md, "Proven restores"): rows are written and their WAL archived
 * to the real versitygw of {@link LocalObjectStore}; once a backup exists, {@code kubectl patch}
 * turns verification on, and the operator restores the backup and the archive into a throwaway pod
 * (the real pgBackRest in the {@code restore} init container, a real PostgreSQL server replaying
 * the archive, {@code vigil backup verify} counting the rows), reports the exact row counts and the
 * measured RTO in {@code status.backup.lastVerifiedRestore} and an Event, and deletes the pod. The
 * restored server archived nothing into the repository.
 *
 * <p>Needs {@code vigil backup restore|verify} in the operator's jar and versitygw ({@code
 * scripts/go-binaries.sh object-store}, or {@code VIGIL_VERSITYGW}).
 */
@ExtendWith(E2EExtension.class)
class BackupVerifyE2E {

    private static final String NAME = "ledger";
    private static final int ENTRIES = 1_000;
    private static final int ACCOUNTS = 37;
    private static final Duration FIRST_BACKUP = Duration.ofMinutes(4);
    private static final Duration VERIFICATION = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aVerifiedRestoreReportsTheExactRowsAndItsRtoAndLeavesNoPod(Scenario scenario)
            throws Exception {
        LocalObjectStore store = ScenarioObjectStore.start(scenario);
        scenario.apply(ScenarioObjectStore.backedUpDatabase(NAME, 1, store));
        scenario.waitReady(NAME);

        DatabaseProbes probes = new DatabaseProbes(scenario);
        probes.execute(
                NAME,
                0,
                "CREATE TABLE entries (id int PRIMARY KEY, memo text NOT NULL)",
                "INSERT INTO entries SELECT g, repeat('e', 100) FROM generate_series(1, "
                        + ENTRIES
                        + ") g",
                "CREATE TABLE accounts (id int PRIMARY KEY)",
                "INSERT INTO accounts SELECT generate_series(1, " + ACCOUNTS + ")");
        String segment =
                probes.sql(NAME, 0, "SELECT pg_walfile_name(pg_switch_wal())").get(0).get(0);
        Awaitility.await("WAL segment " + segment + " archived")
                .atMost(2, TimeUnit.MINUTES)
                .pollInterval(1, TimeUnit.SECONDS)
                .until(
                        () ->
                                probes.sql(
                                                        NAME,
                                                        0,
                                                        "SELECT coalesce(last_archived_wal, '')"
                                                                + " FROM pg_stat_archiver")
                                                .get(0)
                                                .get(0)
                                                .compareTo(segment)
                                        >= 0);
        Awaitility.await("the first backup")
                .atMost(FIRST_BACKUP.toSeconds(), TimeUnit.SECONDS)
                .pollInterval(2, TimeUnit.SECONDS)
                .until(
                        () ->
                                !jsonPath(scenario, "{.status.backup.lastSuccessful.label}")
                                        .isEmpty());

        // Yearly: only the verification that runs once a backup exists is due in this test.
        scenario.kubectl(
                        "patch",
                        "mdb",
                        NAME,
                        "--type=merge",
                        "-p",
                        "{\"spec\":{\"backup\":{\"verify\":{\"schedule\":\"0 0 1 1 *\"}}}}")
                .orThrow();

        Awaitility.await("a verified restore")
                .atMost(VERIFICATION.toSeconds(), TimeUnit.SECONDS)
                .pollInterval(2, TimeUnit.SECONDS)
                .until(
                        () ->
                                !jsonPath(scenario, "{.status.backup.lastVerifiedRestore}")
                                                .isEmpty()
                                        || !jsonPath(
                                                        scenario,
                                                        "{.status.backup.lastFailedVerification}")
                                                .isEmpty());
        assertThat(jsonPath(scenario, "{.status.backup.lastFailedVerification.message}"))
                .as("no failed verification")
                .isEmpty();
        JsonNode verified =
                JSON.readTree(jsonPath(scenario, "{.status.backup.lastVerifiedRestore}"));
        assertThat(verified.path("restoreSeconds").asDouble()).isPositive();
        assertThat(verified.path("recoveredTo").asText()).isNotEmpty();
        assertThat(verified.path("tables"))
                .extracting(
                        table ->
                                table.path("database").asText()
                                        + "/"
                                        + table.path("table").asText()
                                        + "="
                                        + table.path("rows").asLong())
                .containsExactly(
                        "postgres/public.entries=" + ENTRIES,
                        "postgres/public.accounts=" + ACCOUNTS);
        System.out.println(
                "BackupVerifyE2E: restore verified in "
                        + verified.path("restoreSeconds").asDouble()
                        + " s: "
                        + verified);
        assertThat(scenario.kubectl("get", "events").orThrow().stdout())
                .contains("RestoreVerified");
        Awaitility.await("the verification pod deleted")
                .atMost(1, TimeUnit.MINUTES)
                .pollInterval(1, TimeUnit.SECONDS)
                .until(
                        () ->
                                scenario.kubectl(
                                                "get",
                                                "pods",
                                                "-l",
                                                "app.kubernetes.io/component=backup-verification",
                                                "-o",
                                                "name")
                                        .orThrow()
                                        .stdout()
                                        .isBlank());

        // The restored server promoted itself onto a new timeline and archived none of it.
        Path archive =
                store.bucketDirectory()
                        .resolve("vigil/" + scenario.namespace() + "/" + NAME + "/archive/db");
        try (Stream<Path> files = Files.walk(archive)) {
            List<String> names =
                    files.filter(Files::isRegularFile)
                            .map(p -> p.getFileName().toString())
                            .toList();
            assertThat(names).isNotEmpty().noneMatch(name -> name.endsWith(".history"));
        }
    }

    private static String jsonPath(Scenario scenario, String path) {
        return scenario.kubectl("get", "mdb", NAME, "-o", "jsonpath=" + path)
                .orThrow()
                .stdout()
                .strip();
    }
}
