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
 * A user backs a PostgreSQL database up to an S3-compatible store with {@code spec.backup}
 * (docs/backup.md): the real pgBackRest in every member (copied in by the {@code backup-tools} init
 * container, archiving WAL from the server, taking the scheduled full backups in the {@code
 * backup-agent} sidecar) writes to the real versitygw of {@link LocalObjectStore} over TLS, and the
 * operator reports the backup in {@code status.backup}, in {@code kubectl get mdb} and in an Event.
 * The schedule is every minute, so a backup runs within one.
 *
 * <p>Needs {@code vigil backup install-tools|agent} in the operator's jar and versitygw ({@code
 * scripts/go-binaries.sh object-store}, or {@code VIGIL_VERSITYGW}).
 */
@ExtendWith(E2EExtension.class)
class BackupE2E {

    private static final String NAME = "receipts";
    private static final Duration FIRST_BACKUP = Duration.ofMinutes(4);

    @Test
    void aScheduledBackupReachesTheStoreAndTheStatus(Scenario scenario) throws Exception {
        LocalObjectStore store = ScenarioObjectStore.start(scenario);

        scenario.apply(ScenarioObjectStore.backedUpDatabase(NAME, 2, store));
        scenario.waitReady(NAME);

        Awaitility.await()
                .atMost(FIRST_BACKUP.toSeconds(), TimeUnit.SECONDS)
                .pollInterval(2, TimeUnit.SECONDS)
                .until(
                        () ->
                                !jsonPath(scenario, "{.status.backup.lastSuccessful.label}")
                                        .isEmpty());
        String label = jsonPath(scenario, "{.status.backup.lastSuccessful.label}");
        assertThat(label).as("pgBackRest's label of a full backup").endsWith("F");
        assertThat(jsonPath(scenario, "{.status.backup.lastSuccessful.finishedAt}")).isNotEmpty();
        assertThat(jsonPath(scenario, "{.status.backup.recoverableTo}")).isNotEmpty();

        Path repository =
                store.bucketDirectory().resolve("vigil/" + scenario.namespace() + "/" + NAME);
        assertThat(repository.resolve("backup/db/" + label)).isDirectory();
        try (Stream<Path> wal = Files.walk(repository.resolve("archive/db"))) {
            assertThat(wal.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .as("WAL archived by the primary's archive_command")
                    .anyMatch(file -> file.matches("[0-9A-F]{24}-[0-9a-f]{40}.*"));
        }

        String table = scenario.kubectl("get", "mdb", NAME).orThrow().stdout();
        assertThat(table).contains("LAST BACKUP");
        assertThat(table.lines().skip(1).findFirst().orElseThrow()).containsPattern("\\d+[smh]");
        assertThat(scenario.kubectl("get", "events").orThrow().stdout())
                .contains("BackupSucceeded");
    }

    private static String jsonPath(Scenario scenario, String path) {
        return scenario.kubectl("get", "mdb", NAME, "-o", "jsonpath=" + path)
                .orThrow()
                .stdout()
                .strip();
    }
}
