package dev.vigil.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.BackupRun;
import dev.vigil.api.v1alpha1.BackupStatus;
import org.junit.jupiter.api.Test;

class BackupReportTest {

    @Test
    void theFirstReportIsTakenAsItIs() {
        BackupStatus reported = status(run("2026-12-05T02:00:41Z", "20261205-020000F"), null);

        assertThat(BackupReport.merge(null, reported)).isSameAs(reported);
    }

    @Test
    void aNewPrimarysAgentDoesNotEraseTheFailureItNeverSaw() {
        BackupRun failure = run("2026-12-04T02:00:03Z", null);
        failure.setMessage("ERROR: [039]: HTTP request failed");
        BackupStatus before = status(run("2026-12-03T02:00:40Z", "20261203-020000F"), failure);
        BackupStatus afterFailover = status(run("2026-12-05T02:00:41Z", "20261205-020000F"), null);
        afterFailover.setRecoverableTo("2026-12-05T09:14:30Z");

        BackupStatus merged = BackupReport.merge(before, afterFailover);

        assertThat(merged.getLastSuccessful().getLabel()).isEqualTo("20261205-020000F");
        assertThat(merged.getLastFailed()).isSameAs(failure);
        assertThat(merged.getRecoverableTo()).isEqualTo("2026-12-05T09:14:30Z");
    }

    @Test
    void anOlderRunReportedIsNotTakenOverANewerOne() {
        BackupStatus before = status(run("2026-12-05T02:00:41+00:00", "20261205-020000F"), null);
        BackupStatus stale = status(run("2026-12-04T02:00:40Z", "20261204-020000F"), null);

        assertThat(BackupReport.merge(before, stale).getLastSuccessful().getLabel())
                .isEqualTo("20261205-020000F");
    }

    private static BackupStatus status(BackupRun success, BackupRun failure) {
        BackupStatus status = new BackupStatus();
        status.setLastSuccessful(success);
        status.setLastFailed(failure);
        return status;
    }

    private static BackupRun run(String finishedAt, String label) {
        BackupRun run = new BackupRun();
        run.setFinishedAt(finishedAt);
        run.setLabel(label);
        return run;
    }
}
