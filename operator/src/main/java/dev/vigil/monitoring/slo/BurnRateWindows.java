package dev.vigil.monitoring.slo;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.List;

/**
 * The multi-window, multi-burn-rate alerting of the SRE workbook: an alert fires when the error
 * budget burns fast enough, over a long window, to spend a given share of the period's budget, and
 * is still burning over a short window (so it resolves soon after the burn stops).
 *
 * <p>For a 30-day period the thresholds are the workbook's: 2 % of the budget in 1 hour (burn rate
 * 14.4) or 5 % in 6 hours (6) page; 10 % in 1 day (3) or in 3 days (1) make a ticket. For another
 * period the shares stay and the burn rates scale with it.
 */
final class BurnRateWindows {

    /**
     * One window pair.
     *
     * @param longWindow the window over which the budget share must be spent
     * @param shortWindow the window that must still burn, a twelfth of the long one
     * @param budgetShare the share of the period's error budget spent in {@code longWindow}
     */
    record Pair(String longWindow, String shortWindow, BigDecimal budgetShare) {

        /** The burn rate that spends {@link #budgetShare} in {@link #longWindow}. */
        BigDecimal burnRate(Duration period) {
            BigDecimal ratio =
                    BigDecimal.valueOf(period.toMinutes())
                            .divide(BigDecimal.valueOf(minutes(longWindow)), MathContext.DECIMAL64);
            return budgetShare.multiply(ratio).round(new MathContext(4)).stripTrailingZeros();
        }
    }

    static final List<Pair> FAST =
            List.of(
                    new Pair("1h", "5m", new BigDecimal("0.02")),
                    new Pair("6h", "30m", new BigDecimal("0.05")));

    static final List<Pair> SLOW =
            List.of(
                    new Pair("1d", "2h", new BigDecimal("0.10")),
                    new Pair("3d", "6h", new BigDecimal("0.10")));

    /** Every window some pair uses, shortest first. */
    static final List<String> WINDOWS = List.of("5m", "30m", "1h", "2h", "6h", "1d", "3d");

    private BurnRateWindows() {}

    /** The minutes of a window written as {@code <n>m}, {@code <n>h} or {@code <n>d}. */
    static long minutes(String window) {
        long n = Long.parseLong(window.substring(0, window.length() - 1));
        return switch (window.charAt(window.length() - 1)) {
            case 'm' -> n;
            case 'h' -> n * 60;
            case 'd' -> n * 60 * 24;
            default -> throw new IllegalArgumentException("not a window: " + window);
        };
    }
}
