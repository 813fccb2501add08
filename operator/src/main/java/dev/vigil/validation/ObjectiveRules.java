package dev.vigil.validation;

import dev.vigil.api.v1alpha1.LatencyObjective;
import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import dev.vigil.api.v1alpha1.SloSpec;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code spec.monitoring.slo}: targets that leave an error budget, a period the burn-rate windows
 * fit in, and at least one objective.
 */
final class ObjectiveRules {

    static final String TARGET_RANGE =
            "must be a percentage above 0 and below 100, such as \"99.9\": 100 leaves no error"
                    + " budget to spend";
    static final String PERIOD_RANGE =
            "must be from 7d to 90d: the slow-burn alert looks back 3 days, and Prometheus keeps"
                    + " rarely more than 90";
    static final String NO_OBJECTIVE = "sets no objective: give availability, latency or both";

    private static final int MIN_DAYS = 7;
    private static final int MAX_DAYS = 90;

    private ObjectiveRules() {}

    /** Adds to {@code errors} what {@code spec} (defaulted) breaks. */
    static void check(MonitoredDatabaseSpec spec, List<FieldError> errors) {
        SloSpec slo = spec.getMonitoring() == null ? null : spec.getMonitoring().getSlo();
        if (slo == null) {
            return;
        }
        String path = "spec.monitoring.slo";
        if (slo.getAvailability() == null && slo.getLatency() == null) {
            errors.add(new FieldError(path, NO_OBJECTIVE));
        }
        checkTarget(slo.getAvailability(), path + ".availability", errors);
        String period = slo.getPeriod();
        if (period != null && !withinPeriodRange(period)) {
            errors.add(new FieldError(path + ".period", PERIOD_RANGE + " (is " + period + ")"));
        }
        LatencyObjective latency = slo.getLatency();
        if (latency != null) {
            checkTarget(latency.getTarget(), path + ".latency.target", errors);
            if (latency.getThreshold() == null) {
                errors.add(new FieldError(path + ".latency.threshold", "is required, e.g. 200ms"));
            } else {
                try {
                    if (SpecDuration.parse(latency.getThreshold()).isZero()) {
                        errors.add(
                                new FieldError(
                                        path + ".latency.threshold",
                                        "must be above 0: no query takes no time"));
                    }
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError(path + ".latency.threshold", e.getMessage()));
                }
            }
        }
    }

    private static void checkTarget(String target, String path, List<FieldError> errors) {
        if (target == null) {
            return;
        }
        BigDecimal percent;
        try {
            percent = new BigDecimal(target);
        } catch (NumberFormatException e) {
            errors.add(new FieldError(path, TARGET_RANGE + " (is " + target + ")"));
            return;
        }
        if (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) >= 0) {
            errors.add(new FieldError(path, TARGET_RANGE + " (is " + target + ")"));
        }
    }

    private static boolean withinPeriodRange(String period) {
        if (!period.matches("[0-9]{1,4}d")) {
            return false;
        }
        int days = Integer.parseInt(period.substring(0, period.length() - 1));
        return days >= MIN_DAYS && days <= MAX_DAYS;
    }
}
