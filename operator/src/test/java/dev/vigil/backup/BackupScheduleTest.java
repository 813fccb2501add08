package dev.vigil.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Unix cron expressions, in UTC, as the agent's {@code --schedule} takes them. */
class BackupScheduleTest {

    @Test
    void findsTheNextDueTimeAndTheInterval() {
        BackupSchedule daily = BackupSchedule.parse("0 3 * * *");
        Instant now = Instant.parse("2026-12-05T18:00:00Z");

        assertThat(daily.nextAfter(now)).isEqualTo(Instant.parse("2026-12-06T03:00:00Z"));
        assertThat(daily.nextAfter(Instant.parse("2026-12-06T03:00:00Z")))
                .as("strictly after")
                .isEqualTo(Instant.parse("2026-12-07T03:00:00Z"));
        assertThat(daily.interval(now)).isEqualTo(Duration.ofDays(1));
        assertThat(BackupSchedule.parse("*/15 * * * *").interval(now))
                .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void refusesWhatIsNotAFiveFieldCronExpression() {
        assertThatThrownBy(() -> BackupSchedule.parse("0 0 3 * * ?"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BackupSchedule.parse("daily"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
