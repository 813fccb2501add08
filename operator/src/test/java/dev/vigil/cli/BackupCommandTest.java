package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil backup ...} as the pod runs it; the work itself is tested in dev.vigil.backup. */
class BackupCommandTest {

    @TempDir Path directory;

    @Test
    void installToolsFillsTheDirectory() {
        Path into = directory.resolve("backup");

        CliRun run = CliRun.of("backup", "install-tools", "--into", into.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("installed " + into.resolve("pgbackrest"));
        assertThat(into.resolve("pgbackrest")).isExecutable();
        assertThat(into.resolve("bin/pgbackrest")).isExecutable();
    }

    @Test
    void theSubcommandsAreRegistered() {
        assertThat(VigilCommand.commandLine().getSubcommands().get("backup").getSubcommands())
                .containsOnlyKeys(
                        "install-tools",
                        "agent",
                        "restore",
                        "verify",
                        "upload",
                        "download",
                        "verify-dump");
    }

    @Test
    void refusesATargetTimeThatIsNotRfc3339AndABadSchedule() {
        CliRun restore =
                CliRun.of(
                        "backup",
                        "restore",
                        "--tools",
                        directory.toString(),
                        "--target-time",
                        "yesterday");
        assertThat(restore.exitCode()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(restore.err()).contains("--target-time: yesterday is not an RFC 3339 time");

        CliRun agent = CliRun.of("backup", "agent", "--schedule", "every day");
        assertThat(agent.exitCode()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(agent.err()).contains("--schedule");
    }

    @Test
    void verifyDumpOfAFailedRestoreFailsWithItsReasonInTheTerminationLog() throws Exception {
        Path terminationLog = directory.resolve("termination-log");
        java.nio.file.Files.writeString(directory.resolve("mongodump.exit"), "2\n");
        java.nio.file.Files.writeString(
                directory.resolve("download.json"),
                "{\"label\":\"20261205T013000Z\",\"finishedAt\":\"2026-12-05T01:31:12Z\"}");

        CliRun verify =
                CliRun.of(
                        "backup",
                        "verify-dump",
                        "--exit-status",
                        directory.resolve("mongodump.exit").toString(),
                        "--download-report",
                        directory.resolve("download.json").toString(),
                        "--termination-log",
                        terminationLog.toString());

        assertThat(verify.exitCode()).as(verify.err()).isEqualTo(1);
        assertThat(java.nio.file.Files.readString(terminationLog))
                .contains("\"verified\":false")
                .contains("mongorestore exited with status 2");
    }

    @Test
    void verifyWithoutARecordedRestoreFailsWithItsReasonInTheTerminationLog() throws Exception {
        Path terminationLog = directory.resolve("termination-log");

        CliRun verify =
                CliRun.of(
                        "backup",
                        "verify",
                        "--verification-dir",
                        directory.resolve("never-restored").toString(),
                        "--timeout",
                        "PT1S",
                        "--termination-log",
                        terminationLog.toString());

        assertThat(verify.exitCode()).as(verify.err()).isEqualTo(1);
        assertThat(java.nio.file.Files.readString(terminationLog))
                .contains("\"verified\":false")
                .contains("the restore did not record when it started");
    }

    @Test
    void restoreDoesNothingOutsideTheFirstPrimaryOrBesideAServerThatAnswers() throws Exception {
        // No pgbackrest in the tools directory: any attempt to restore would fail.
        CliRun standby =
                CliRun.of(
                        "backup",
                        "restore",
                        "--tools",
                        directory.toString(),
                        "--primary-pod",
                        "orders-0",
                        "--pod",
                        "orders-1");
        assertThat(standby.exitCode()).as(standby.err()).isZero();
        assertThat(standby.out())
                .contains("not restoring: orders-1 is not the first primary orders-0");

        try (java.net.ServerSocket primary =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun beside =
                    CliRun.of(
                            "backup",
                            "restore",
                            "--tools",
                            directory.toString(),
                            "--primary-pod",
                            "orders-0",
                            "--pod",
                            "orders-0",
                            "--primary-address",
                            "127.0.0.1:" + primary.getLocalPort());
            assertThat(beside.exitCode()).as(beside.err()).isZero();
            assertThat(beside.out()).contains("not restoring: a server answers at 127.0.0.1:");
        }
    }

    @Test
    void uploadAndDownloadWithoutAStoreFailWithTheVariableInTheReport() throws Exception {
        Path report = directory.resolve("report");
        Path archive = java.nio.file.Files.writeString(directory.resolve("archive"), "a dump");

        CliRun upload =
                CliRun.of(
                        "backup",
                        "upload",
                        "--archive",
                        archive.toString(),
                        "--exit-status",
                        directory.resolve("mongodump.exit").toString(),
                        "--retention-days",
                        "14",
                        "--report",
                        report.toString());

        assertThat(upload.exitCode()).as(upload.err()).isEqualTo(1);
        assertThat(java.nio.file.Files.readString(report))
                .contains("\"message\":\"VIGIL_STORE_TYPE is not set\"");

        CliRun download =
                CliRun.of(
                        "backup",
                        "download",
                        "--to",
                        directory.resolve("restore.pipe").toString(),
                        "--target-time",
                        "2026-12-05T18:00:00+01:00",
                        "--report",
                        report.toString());

        assertThat(download.exitCode()).as(download.err()).isEqualTo(1);
        assertThat(java.nio.file.Files.readString(report))
                .contains("\"message\":\"VIGIL_STORE_TYPE is not set\"");
    }

    @Test
    void uploadTakesOneRetentionOfAtLeastOneAndDownloadAnRfc3339Target() {
        String[] upload = {
            "backup", "upload", "--archive", "a", "--exit-status", "e", "--report", "r"
        };

        CliRun both = CliRun.of(concat(upload, "--retention-count", "3", "--retention-days", "2"));
        assertThat(both.exitCode()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(both.err()).contains("mutually exclusive");

        CliRun zero = CliRun.of(concat(upload, "--retention-count", "0"));
        assertThat(zero.exitCode()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(zero.err()).contains("--retention-count: a retention keeps at least 1 dump");

        CliRun download =
                CliRun.of("backup", "download", "--to", "t", "--target-time", "yesterday");
        assertThat(download.exitCode()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(download.err()).contains("--target-time: yesterday is not an RFC 3339 time");
    }

    private static String[] concat(String[] first, String... more) {
        return java.util.stream.Stream.concat(
                        java.util.Arrays.stream(first), java.util.Arrays.stream(more))
                .toArray(String[]::new);
    }
}
