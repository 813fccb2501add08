package dev.vigil.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionFactoryTest {

    private static ConditionFactory at(String instant) {
        return new ConditionFactory(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void transitionTimeStaysWhileTheStatusStaysEvenIfTheReasonChanges() {
        Condition first =
                at("2026-01-01T10:00:00.123Z")
                        .condition(List.of(), "Ready", false, "Creating", "0/3 ready", 1L);
        Condition later =
                at("2026-01-01T10:05:00Z")
                        .condition(List.of(first), "Ready", false, "PodsNotReady", "2/3 ready", 2L);

        assertThat(first.getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(later.getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(later.getReason()).isEqualTo("PodsNotReady");
        assertThat(later.getObservedGeneration()).isEqualTo(2L);
    }

    @Test
    void transitionTimeMovesWhenTheStatusFlips() {
        Condition notReady =
                at("2026-01-01T10:00:00Z").condition(List.of(), "Ready", false, "Creating", "", 1L);
        Condition ready =
                at("2026-01-01T10:07:30Z")
                        .condition(List.of(notReady), "Ready", true, "ReplicaSetReady", "", 1L);

        assertThat(ready.getStatus()).isEqualTo("True");
        assertThat(ready.getLastTransitionTime()).isEqualTo("2026-01-01T10:07:30Z");
    }
}
