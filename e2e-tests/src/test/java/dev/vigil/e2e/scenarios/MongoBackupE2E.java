package dev.vigil.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user backs a MongoDB database up with {@code spec.backup} (docs/backup.md, "MongoDB"): the
 * operator creates the CronJob {@code <name>-backup} and its pods' NetworkPolicy, reports a run in
 * {@code status.backup} with an Event, and deletes the CronJob when the schedule is removed; and
 * creates a database from a dump with {@code spec.bootstrap}, whose restore pod must succeed before
 * the database may be Ready.
 *
 * <p>The local cluster runs MongoDB as a wire-protocol double, and its mongo image has neither
 * {@code mkfifo} nor {@code mongodump}, so a run started here fails at its first step; that is the
 * run this scenario starts ({@code kubectl create job --from=cronjob/...}) and expects to see
 * reported, with the reason; the restore pod fails there too, and the database must stay not Ready
 * with RestoreFailed. A dump reaching a store is tested outside the cluster ({@code
 * MongoDumpPipelineTest}, with a stand-in for mongodump); see docs/testing.md.
 */
@ExtendWith(E2EExtension.class)
class MongoBackupE2E {

    private static final String NAME = "catalog";
    private static final Duration REPORTED = Duration.ofMinutes(3);

    /** The claim of the volume store the database's backups (or its source's) are in. */
    private static final String BACKUP_CLAIM =
            """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: catalog-backups
            spec:
              accessModes: [ReadWriteOnce]
              resources:
                requests:
                  storage: 1Gi
            """;

    @Test
    void aBackupScheduleIsACronJobWhoseRunsAreReportedAndItGoesWithTheSchedule(Scenario scenario) {
        scenario.apply(BACKUP_CLAIM);
        scenario.apply(
                Manifests.mongo(NAME, 1)
                        + """
                          backup:
                            schedule: "0 0 1 1 *"
                            retention:
                              count: 3
                            store:
                              volume:
                                claimName: catalog-backups
                        """);
        scenario.waitReady(NAME);

        assertThat(
                        scenario.kubectl(
                                        "get",
                                        "cronjob",
                                        NAME + "-backup",
                                        "-o",
                                        "jsonpath={.spec.schedule}|{.spec.timeZone}|"
                                                + "{.spec.concurrencyPolicy}")
                                .orThrow()
                                .stdout())
                .isEqualTo("0 0 1 1 *|Etc/UTC|Forbid");
        assertThat(scenario.kubectl("get", "networkpolicy", NAME + "-backup-network").exitCode())
                .isZero();

        scenario.kubectl(
                        "create", "job", NAME + "-backup-now", "--from=cronjob/" + NAME + "-backup")
                .orThrow();

        Awaitility.await()
                .atMost(REPORTED.toSeconds(), TimeUnit.SECONDS)
                .pollInterval(2, TimeUnit.SECONDS)
                .until(() -> !jsonPath(scenario, "{.status.backup.lastFailed.message}").isEmpty());
        assertThat(jsonPath(scenario, "{.status.backup.lastFailed.message}"))
                .startsWith("init container fifo failed: exit code 127");
        assertThat(jsonPath(scenario, "{.status.backup.lastSuccessful}")).isEmpty();
        assertThat(scenario.kubectl("get", "events").orThrow().stdout()).contains("BackupFailed");

        scenario.kubectl(
                        "patch",
                        "mdb",
                        NAME,
                        "--type=json",
                        "-p",
                        "[{\"op\":\"remove\",\"path\":\"/spec/backup\"}]")
                .orThrow();

        Awaitility.await()
                .atMost(REPORTED.toSeconds(), TimeUnit.SECONDS)
                .pollInterval(2, TimeUnit.SECONDS)
                .until(
                        () ->
                                scenario.kubectl("get", "cronjobs", "-o", "name")
                                        .orThrow()
                                        .stdout()
                                        .isBlank());
        assertThat(jsonPath(scenario, "{.status.backup.lastFailed.message}"))
                .as("the report outlives the schedule")
                .isNotEmpty();
        assertThat(scenario.kubectl("get", "pvc", "catalog-backups").exitCode())
                .as("the store's claim is the user's")
                .isZero();
    }

    @Test
    void aBootstrapRestoreThatCannotRunLeavesTheDatabaseRestoreFailedAndNeverReady(
            Scenario scenario) {
        scenario.apply(BACKUP_CLAIM);
        scenario.apply(
                Manifests.mongo(NAME, 1)
                        + """
                          bootstrap:
                            backup:
                              store:
                                volume:
                                  claimName: catalog-backups
                              database:
                                name: old-catalog
                        """);

        Awaitility.await()
                .atMost(REPORTED.toSeconds(), TimeUnit.SECONDS)
                .pollInterval(2, TimeUnit.SECONDS)
                .until(
                        () ->
                                "RestoreFailed"
                                        .equals(
                                                jsonPath(
                                                        scenario,
                                                        "{.status.conditions[?(@.type==\"Ready\")].reason}")));
        assertThat(jsonPath(scenario, "{.status.conditions[?(@.type==\"Ready\")].message}"))
                .contains("init container fifo failed: exit code 127")
                .contains("catalog-restore");
        assertThat(jsonPath(scenario, "{.status.conditions[?(@.type==\"Ready\")].status}"))
                .isEqualTo("False");
        assertThat(jsonPath(scenario, "{.status.restoredFrom}")).isEmpty();
        assertThat(scenario.kubectl("get", "pod", NAME + "-restore").exitCode())
                .as("kept for its logs")
                .isZero();
        assertThat(scenario.kubectl("get", "networkpolicy", NAME + "-restore-network").exitCode())
                .isZero();
    }

    private static String jsonPath(Scenario scenario, String path) {
        return scenario.kubectl("get", "mdb", NAME, "-o", "jsonpath=" + path)
                .orThrow()
                .stdout()
                .strip();
    }
}
