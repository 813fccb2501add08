package dev.vigil.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabaseStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTransitionsTest {

    private final ConditionFactory factory =
            new ConditionFactory(
                    Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

    private MonitoredDatabaseStatus status(
            boolean ready, String readyReason, String message, boolean degraded, String why) {
        MonitoredDatabaseStatus status = new MonitoredDatabaseStatus();
        status.setConditions(
                List.of(
                        factory.condition(
                                List.of(), ConditionType.READY, ready, readyReason, message, 1L),
                        factory.condition(
                                List.of(), ConditionType.DEGRADED, degraded, why, message, 1L)));
        return status;
    }

    @Test
    void becomingReadyIsOneNormalEvent() {
        List<StatusEvent> events =
                StatusTransitions.between(
                        status(false, Reason.PODS_NOT_READY, "1/3", false, Reason.HEALTHY),
                        status(true, Reason.READY, "3 healthy members", false, Reason.HEALTHY));

        assertThat(events)
                .containsExactly(
                        StatusEvent.normal(StatusTransitions.EVENT_READY, "3 healthy members"));
    }

    @Test
    void aPassThatChangesNothingRecordsNothing() {
        MonitoredDatabaseStatus ready =
                status(true, Reason.READY, "3 healthy members", false, Reason.HEALTHY);

        assertThat(StatusTransitions.between(ready, ready)).isEmpty();
    }

    @Test
    void anInvalidSpecIsOneWarningUntilTheProblemChanges() {
        MonitoredDatabaseStatus invalid =
                status(false, Reason.INVALID_SPEC, "spec.replicas: bad", false, Reason.HEALTHY);

        assertThat(StatusTransitions.between(null, invalid))
                .containsExactly(StatusEvent.warning(Reason.INVALID_SPEC, "spec.replicas: bad"));
        assertThat(StatusTransitions.between(invalid, invalid)).isEmpty();
        assertThat(
                        StatusTransitions.between(
                                invalid,
                                status(
                                        false,
                                        Reason.INVALID_SPEC,
                                        "spec.version: bad",
                                        false,
                                        Reason.HEALTHY)))
                .containsExactly(StatusEvent.warning(Reason.INVALID_SPEC, "spec.version: bad"));
    }

    @Test
    void degradingWarnsAndRecoveringIsNormal() {
        MonitoredDatabaseStatus healthy = status(true, Reason.READY, "ok", false, Reason.HEALTHY);
        MonitoredDatabaseStatus degraded =
                status(
                        false,
                        Reason.DATABASE_UNREACHABLE,
                        "no member answers",
                        true,
                        Reason.DATABASE_UNREACHABLE);

        assertThat(StatusTransitions.between(healthy, degraded))
                .containsExactly(
                        StatusEvent.warning(Reason.DATABASE_UNREACHABLE, "no member answers"));
        assertThat(StatusTransitions.between(degraded, healthy))
                .extracting(StatusEvent::reason)
                .containsExactly(StatusTransitions.EVENT_READY, StatusTransitions.EVENT_RECOVERED);
    }
}
