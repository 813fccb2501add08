package dev.vigil.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.status.DatabaseHealth;
import dev.vigil.status.Reason;
import dev.vigil.testing.TestDatabases;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The restore's health as the members' init container statuses show it. */
class RestoreProgressTest {

    private static final MonitoredDatabase RESTORED =
            TestDatabases.parse(
                    """
                    apiVersion: vigil.dev/v1alpha1
                    kind: MonitoredDatabase
                    metadata: {name: orders-restored, namespace: shop}
                    spec:
                      engine: PostgreSQL
                      version: "16.4"
                      bootstrap:
                        backup:
                          store: {volume: {claimName: backups}}
                          database: {name: orders}
                          targetTime: "2026-12-05T09:00:00Z"
                    """);

    private static Pod pod(String initContainerStatuses) {
        return Serialization.unmarshal(
                """
                apiVersion: v1
                kind: Pod
                metadata: {name: orders-restored-0, namespace: shop}
                status:
                  initContainerStatuses:
                %s
                """
                        .formatted(initContainerStatuses.indent(4)),
                Pod.class);
    }

    @Test
    void aFailedRecoverWaitingForItsRestartGivesItsTerminationMessage() {
        Pod pod =
                pod(
                        """
                        - name: restore
                          state: {terminated: {exitCode: 0, reason: Completed}}
                        - name: recover
                          restartCount: 2
                          state: {waiting: {reason: CrashLoopBackOff}}
                          lastState:
                            terminated:
                              exitCode: 1
                              message: |
                                recovery stopped before the restored database was promoted: recovery ended before configured recovery target was reached
                        """);

        assertThat(RestoreProgress.of(RESTORED, List.of(pod)))
                .contains(
                        DatabaseHealth.failing(
                                Reason.RESTORE_FAILED,
                                "orders-restored-0, init container recover: recovery stopped"
                                        + " before the restored database was promoted: recovery"
                                        + " ended before configured recovery target was"
                                        + " reached"));
    }

    @Test
    void aRestoreRefusedByTheWindowFailsWithItsReason() {
        Pod pod =
                pod(
                        """
                        - name: backup-tools
                          state: {terminated: {exitCode: 0}}
                        - name: restore
                          state:
                            terminated:
                              exitCode: 1
                              message: "cannot restore to 2026-12-05T09:00:00Z: the recoverable window starts at 2026-12-05T10:00:00Z, the end of the oldest backup\\n"
                        """);

        Optional<DatabaseHealth> health = RestoreProgress.of(RESTORED, List.of(pod));

        assertThat(health).map(DatabaseHealth::reason).contains(Reason.RESTORE_FAILED);
        assertThat(health.orElseThrow().message())
                .isEqualTo(
                        "orders-restored-0, init container restore: cannot restore to"
                                + " 2026-12-05T09:00:00Z: the recoverable window starts at"
                                + " 2026-12-05T10:00:00Z, the end of the oldest backup");
    }

    @Test
    void aRunningRestoreIsRestoringAndNamesTheSourceAndTheTarget() {
        Pod pod =
                pod(
                        """
                        - name: restore
                          state: {running: {startedAt: "2026-12-06T00:00:00Z"}}
                        """);

        assertThat(RestoreProgress.of(RESTORED, List.of(pod)))
                .contains(
                        DatabaseHealth.converging(
                                Reason.RESTORING,
                                "restoring the backup of shop/orders up to"
                                        + " 2026-12-05T09:00:00Z"));
    }

    @Test
    void nothingToSayOnceTheRestoreIsDoneOrWithoutBootstrap() {
        Pod done =
                pod(
                        """
                        - name: restore
                          state: {terminated: {exitCode: 0}}
                        - name: recover
                          state: {terminated: {exitCode: 0}}
                        - name: bootstrap
                          state: {running: {}}
                        """);

        assertThat(RestoreProgress.of(RESTORED, List.of(done))).isEmpty();
        assertThat(
                        RestoreProgress.of(
                                TestDatabases.mongo("catalog", "shop"),
                                List.of(
                                        pod(
                                                """
                                                - name: restore
                                                  state: {terminated: {exitCode: 1}}
                                                """))))
                .isEmpty();
    }
}
