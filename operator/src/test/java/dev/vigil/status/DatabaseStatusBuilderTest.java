package dev.vigil.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.DatabaseEndpoints;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import dev.vigil.validation.FieldError;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseStatusBuilderTest {

    private final DatabaseStatusBuilder builder =
            new DatabaseStatusBuilder(
                    new ConditionFactory(
                            Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC)));

    private static MonitoredDatabase database(long generation, MonitoredDatabaseStatus status) {
        MonitoredDatabase db =
                Serialization.unmarshal(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: catalog, namespace: shop}
                        spec: {engine: MongoDB, version: "7.0.14", replicas: 3}
                        """,
                        MonitoredDatabase.class);
        db.getMetadata().setGeneration(generation);
        db.setStatus(status);
        return db;
    }

    private static DatabaseObservation observation(
            int readyPods, boolean rolledOut, DatabaseHealth health) {
        return DatabaseObservation.of(
                3,
                readyPods,
                rolledOut,
                health,
                new DatabaseEndpoints(),
                List.of("catalog-admin"),
                MonitoringHealth.crdsMissing());
    }

    private static Condition condition(MonitoredDatabaseStatus status, String type) {
        return ConditionFactory.find(status.getConditions(), type).orElseThrow();
    }

    @Test
    void aNewDatabaseIsCreatingUntilEveryPodIsReady() {
        MonitoredDatabaseStatus status =
                builder.observed(
                        database(1, null), observation(1, true, DatabaseHealth.notChecked()));

        assertThat(status.getPhase()).isEqualTo("Creating");
        assertThat(status.getObservedGeneration()).isEqualTo(1L);
        assertThat(status.getReadyReplicas()).isEqualTo(1);
        assertThat(status.getCurrentVersion()).isNull();
        assertThat(condition(status, ConditionType.READY).getStatus()).isEqualTo("False");
        assertThat(condition(status, ConditionType.READY).getReason())
                .isEqualTo(Reason.PODS_NOT_READY);
        assertThat(condition(status, ConditionType.READY).getMessage()).isEqualTo("1/3 pods ready");
        assertThat(condition(status, ConditionType.PROGRESSING).getStatus()).isEqualTo("True");
        assertThat(condition(status, ConditionType.PROGRESSING).getReason())
                .isEqualTo(Reason.CREATING);
        assertThat(condition(status, ConditionType.DEGRADED).getStatus()).isEqualTo("False");
        assertThat(condition(status, ConditionType.MONITORING_READY).getReason())
                .isEqualTo(Reason.CRDS_MISSING);
    }

    @Test
    void readyWhenPodsAreReadyAndTheDatabaseIsHealthy() {
        MonitoredDatabaseStatus status =
                builder.observed(
                        database(2, null),
                        observation(3, true, DatabaseHealth.healthy("3 healthy members")));

        assertThat(status.getPhase()).isEqualTo("Ready");
        assertThat(status.getCurrentVersion()).isEqualTo("7.0.14");
        assertThat(condition(status, ConditionType.READY).getStatus()).isEqualTo("True");
        assertThat(condition(status, ConditionType.READY).getMessage())
                .isEqualTo("3 healthy members");
        assertThat(condition(status, ConditionType.READY).getObservedGeneration()).isEqualTo(2L);
        assertThat(condition(status, ConditionType.PROGRESSING).getStatus()).isEqualTo("False");
    }

    @Test
    void aDatabaseThatWasReadyIsUpdatingWhileARolloutRuns() {
        MonitoredDatabaseStatus ready =
                builder.observed(
                        database(1, null), observation(3, true, DatabaseHealth.healthy("ok")));

        MonitoredDatabaseStatus status =
                builder.observed(
                        database(2, ready), observation(3, false, DatabaseHealth.notChecked()));

        assertThat(status.getPhase()).isEqualTo("Updating");
        assertThat(status.getCurrentVersion()).isEqualTo("7.0.14");
        assertThat(condition(status, ConditionType.READY).getReason())
                .isEqualTo(Reason.ROLLOUT_IN_PROGRESS);
        assertThat(condition(status, ConditionType.PROGRESSING).getReason())
                .isEqualTo(Reason.ROLLOUT_IN_PROGRESS);
    }

    @Test
    void aFailingDatabaseIsDegradedWithTheReason() {
        MonitoredDatabaseStatus status =
                builder.observed(
                        database(1, null),
                        observation(
                                3,
                                true,
                                DatabaseHealth.failing(
                                        Reason.AUTHENTICATION_FAILED, "admin refused")));

        assertThat(status.getPhase()).isEqualTo("Degraded");
        assertThat(condition(status, ConditionType.DEGRADED).getStatus()).isEqualTo("True");
        assertThat(condition(status, ConditionType.DEGRADED).getReason())
                .isEqualTo(Reason.AUTHENTICATION_FAILED);
        assertThat(condition(status, ConditionType.READY).getReason())
                .isEqualTo(Reason.AUTHENTICATION_FAILED);
        assertThat(condition(status, ConditionType.PROGRESSING).getStatus()).isEqualTo("False");
    }

    @Test
    void anInvalidSpecNamesTheFieldsAndKeepsWhatWasObserved() {
        MonitoredDatabaseStatus ready =
                builder.observed(
                        database(1, null), observation(3, true, DatabaseHealth.healthy("ok")));

        MonitoredDatabaseStatus status =
                builder.invalid(
                        database(2, ready),
                        List.of(
                                new FieldError("spec.replicas", "must be at most 7"),
                                new FieldError("spec.version", "is required")));

        assertThat(status.getPhase()).isEqualTo("Invalid");
        assertThat(status.getObservedGeneration()).isEqualTo(2L);
        assertThat(status.getReadyReplicas()).isEqualTo(3);
        assertThat(status.getCurrentVersion()).isEqualTo("7.0.14");
        Condition readyCondition = condition(status, ConditionType.READY);
        assertThat(readyCondition.getStatus()).isEqualTo("False");
        assertThat(readyCondition.getReason()).isEqualTo(Reason.INVALID_SPEC);
        assertThat(readyCondition.getMessage())
                .isEqualTo("spec.replicas: must be at most 7; spec.version: is required");
    }

    @Test
    void aDatabaseWaitingForSomethingOutsideVigilIsCreatingOrUpdatingNotInvalid() {
        MonitoredDatabaseStatus ready =
                builder.observed(
                        database(1, null), observation(3, true, DatabaseHealth.healthy("ok")));

        MonitoredDatabaseStatus fresh =
                builder.waiting(
                        database(1, null), Reason.CERTIFICATE_PENDING, "spec.tls.issuer: waiting");
        MonitoredDatabaseStatus running =
                builder.waiting(
                        database(2, ready), Reason.CERTIFICATE_PENDING, "spec.tls.issuer: waiting");

        assertThat(fresh.getPhase()).isEqualTo("Creating");
        assertThat(running.getPhase()).isEqualTo("Updating");
        assertThat(running.getObservedGeneration()).isEqualTo(2L);
        assertThat(running.getReadyReplicas()).isEqualTo(3);
        assertThat(condition(running, ConditionType.READY).getStatus()).isEqualTo("False");
        assertThat(condition(running, ConditionType.READY).getReason())
                .isEqualTo(Reason.CERTIFICATE_PENDING);
        assertThat(condition(running, ConditionType.PROGRESSING).getStatus()).isEqualTo("True");
        assertThat(condition(running, ConditionType.PROGRESSING).getMessage())
                .isEqualTo("spec.tls.issuer: waiting");
    }

    @Test
    void aFailedPassIsDegradedAndKeepsWhatWasObserved() {
        MonitoredDatabaseStatus ready =
                builder.observed(
                        database(1, null), observation(3, true, DatabaseHealth.healthy("ok")));

        MonitoredDatabaseStatus status =
                builder.failed(database(2, ready), "statefulsets \"catalog\" is forbidden");

        assertThat(status.getPhase()).isEqualTo("Degraded");
        assertThat(status.getObservedGeneration()).isEqualTo(1L);
        assertThat(status.getReadyReplicas()).isEqualTo(3);
        assertThat(condition(status, ConditionType.READY).getReason())
                .isEqualTo(Reason.RECONCILE_FAILED);
        assertThat(condition(status, ConditionType.DEGRADED).getMessage())
                .isEqualTo("statefulsets \"catalog\" is forbidden");
        assertThat(condition(status, ConditionType.PROGRESSING).getStatus()).isEqualTo("True");
    }

    @Test
    void aRestoreInProgressSaysSoInsteadOfCountingPods() {
        MonitoredDatabaseStatus status =
                builder.observed(
                        database(1, null),
                        observation(
                                0,
                                true,
                                DatabaseHealth.converging(
                                        Reason.RESTORING,
                                        "restoring the backup of shop/orders up to"
                                                + " 2026-12-05T09:00:00Z")));

        assertThat(status.getPhase()).isEqualTo("Creating");
        Condition ready = condition(status, ConditionType.READY);
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo(Reason.RESTORING);
        assertThat(ready.getMessage()).contains("shop/orders");
        assertThat(condition(status, ConditionType.PROGRESSING).getStatus()).isEqualTo("True");
        assertThat(condition(status, ConditionType.DEGRADED).getStatus()).isEqualTo("False");
    }

    @Test
    void aFailedRestoreIsNotReadyWithItsReasonAndFailsTheNewDatabase() {
        String why =
                "catalog-0, init container recover: recovery stopped before the restored database"
                    + " was promoted: recovery ended before configured recovery target was reached";
        MonitoredDatabaseStatus status =
                builder.observed(
                        database(1, null),
                        observation(0, true, DatabaseHealth.failing(Reason.RESTORE_FAILED, why)));

        assertThat(status.getPhase()).isEqualTo("Failed");
        assertThat(status.getCurrentVersion()).isNull();
        for (String type : List.of(ConditionType.READY, ConditionType.DEGRADED)) {
            assertThat(condition(status, type).getReason()).isEqualTo(Reason.RESTORE_FAILED);
            assertThat(condition(status, type).getMessage()).isEqualTo(why);
        }
        assertThat(condition(status, ConditionType.READY).getStatus()).isEqualTo("False");
        assertThat(condition(status, ConditionType.DEGRADED).getStatus()).isEqualTo("True");
        // Degraded turning True with this reason is what records the Warning Event.
        assertThat(StatusTransitions.between(null, status))
                .contains(StatusEvent.warning(Reason.RESTORE_FAILED, why));
    }
}
