package dev.vigil.monitoring.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BurnRateWindowsTest {

    @Test
    void aThirtyDayPeriodHasTheWorkbooksBurnRates() {
        Duration period = Duration.ofDays(30);

        assertThat(BurnRateWindows.FAST)
                .extracting(pair -> pair.burnRate(period))
                .containsExactly(new BigDecimal("14.4"), new BigDecimal("6"));
        assertThat(BurnRateWindows.SLOW)
                .extracting(pair -> pair.burnRate(period))
                .containsExactly(new BigDecimal("3"), new BigDecimal("1"));
    }

    @Test
    void anotherPeriodKeepsTheSharesOfTheBudget() {
        Duration period = Duration.ofDays(28);

        // 2% of 28 days' budget in 1 hour is a burn rate of 0.02 * 672.
        assertThat(BurnRateWindows.FAST)
                .extracting(pair -> pair.burnRate(period))
                .containsExactly(new BigDecimal("13.44"), new BigDecimal("5.6"));
        assertThat(BurnRateWindows.SLOW)
                .extracting(pair -> pair.burnRate(period))
                .containsExactly(new BigDecimal("2.8"), new BigDecimal("0.9333"));
    }

    @Test
    void everyWindowOfAPairIsRecorded() {
        BurnRateWindows.FAST.forEach(
                pair ->
                        assertThat(BurnRateWindows.WINDOWS)
                                .contains(pair.longWindow(), pair.shortWindow()));
        BurnRateWindows.SLOW.forEach(
                pair ->
                        assertThat(BurnRateWindows.WINDOWS)
                                .contains(pair.longWindow(), pair.shortWindow()));
    }
}
