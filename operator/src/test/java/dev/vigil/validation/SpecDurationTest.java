package dev.vigil.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpecDurationTest {

    @Test
    void readsSingleUnits() {
        assertThat(SpecDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(SpecDuration.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(SpecDuration.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(SpecDuration.parse("2h")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void addsUpCompoundAndFractionalDurations() {
        assertThat(SpecDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(SpecDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(SpecDuration.parse("1h0m0.25s")).isEqualTo(Duration.ofMillis(3_600_250));
    }

    @Test
    void rejectsWhatTheSchemaRejects() {
        assertThatThrownBy(() -> SpecDuration.parse("30"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpecDuration.parse("1d"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpecDuration.parse(""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
