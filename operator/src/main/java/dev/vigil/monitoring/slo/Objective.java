package dev.vigil.monitoring.slo;

import java.math.BigDecimal;

/**
 * One objective of a database, as its rules need it.
 *
 * @param name {@code availability} or {@code latency}: the {@code slo} label of its series
 * @param target the share of good events to reach, above 0 and below 1 (0.999 for 99.9 %)
 * @param errors an expression that is, at each evaluation, the share of bad events (0 to 1), one
 *     series per database ({@code namespace}, {@code vigil_database})
 */
public record Objective(String name, BigDecimal target, String errors) {

    /** The share of events allowed to be bad over the period: 1 - target. */
    public BigDecimal errorBudget() {
        return BigDecimal.ONE.subtract(target);
    }
}
