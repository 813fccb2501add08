package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackupScheduleTest {

    @Test
    void aDailyScheduleRunsAtItsHourInUtc() {
        BackupSchedule daily = BackupSchedule.parse("0 2 * * *");

        assertThat(daily.nextAfter(Instant.parse("2026-12-05T01:59:59Z")))
                .contains(Instant.parse("2026-12-05T02:00:00Z"));
        assertThat(daily.nextAfter(Instant.parse("2026-12-05T02:00:00Z")))
                .contains(Instant.parse("2026-12-06T02:00:00Z"));
        assertThat(daily.interval(Instant.parse("2026-12-05T09:30:00Z")))
                .isEqualTo(Duration.ofDays(1));
    }

    @Test
    void aWeeklyScheduleHasAWeekBetweenRuns() {
        assertThat(
                        BackupSchedule.parse("30 3 * * 0")
                                .interval(Instant.parse("2026-12-05T00:00:00Z")))
                .isEqualTo(Duration.ofDays(7));
    }

    @Test
    void whatIsNotAFiveFieldCronExpressionIsRefusedSayingWhatIsExpected() {
        assertThatThrownBy(() -> BackupSchedule.parse("every day"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("five fields");
        assertThatThrownBy(() -> BackupSchedule.parse("0 0 2 * * *"))
                .hasMessageContaining("five fields");
        assertThatThrownBy(() -> BackupSchedule.parse("61 2 * * *"))
                .hasMessageContaining("five fields");
        assertThatThrownBy(() -> BackupSchedule.parse(" ")).hasMessageContaining("is required");
    }
}
