package dev.vigil.rollout.analysis;

import dev.vigil.api.v1alpha1.AnalysisSpec;
import dev.vigil.api.v1alpha1.CheckResult;
import dev.vigil.validation.SpecDuration;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One analysis of the health gate, as a check in {@code status.rollout.checks}, in the manner of
 * Argo Rollouts: measured every {@code interval} while the gate is open; a measurement that does
 * not meet the success condition is a failure; one failure more than {@code failureLimit} fails the
 * gate at once. The analysis holds while its last measurement succeeded.
 */
public final class AnalysisCheck {

    /** Check names of analyses are this prefix and the analysis' name. */
    public static final String PREFIX = "Analysis/";

    /** The message of an analysis not measured yet. */
    public static final String NOT_MEASURED = "not measured yet";

    private AnalysisCheck() {}

    /** The name of {@code analysis}'s check. */
    public static String name(AnalysisSpec analysis) {
        return PREFIX + analysis.getName();
    }

    /**
     * Whether {@code analysis} (defaulted) is to be measured now: never measured in this rollout,
     * or measured at least {@code interval} ago.
     */
    public static boolean due(AnalysisSpec analysis, Optional<CheckResult> previous, Instant now) {
        Optional<Instant> measuredAt =
                previous.map(CheckResult::getMeasuredAt)
                        .filter(Objects::nonNull)
                        .map(Instant::parse);
        return measuredAt.isEmpty()
                || !now.isBefore(measuredAt.get().plus(SpecDuration.parse(analysis.getInterval())));
    }

    /**
     * The check after this pass.
     *
     * @param analysis the analysis, defaulted
     * @param previous its check so far in this rollout
     * @param measured its measurement on this pass, if it was due
     * @param now this pass' time (RFC 3339), for {@code since} and {@code measuredAt}
     */
    public static CheckResult next(
            AnalysisSpec analysis,
            Optional<CheckResult> previous,
            Optional<Measurement> measured,
            String now) {
        if (measured.isEmpty()) {
            return previous.orElseGet(() -> result(analysis, false, NOT_MEASURED, 0, null, now));
        }
        int failures = previous.map(CheckResult::getFailures).filter(Objects::nonNull).orElse(0);
        int limit = analysis.getFailureLimit();
        SuccessCondition condition = SuccessCondition.parse(analysis.getSuccessCondition());
        boolean passed;
        String message;
        if (measured.get() instanceof Measurement.Value value) {
            passed = condition.test(value.value());
            if (!passed) {
                failures++;
            }
            message =
                    "result "
                            + format(value.value())
                            + (passed ? " meets '" : " does not meet '")
                            + condition
                            + "'"
                            + (failures == 0
                                    ? ""
                                    : " ("
                                            + failures
                                            + " failed measurement"
                                            + (failures == 1 ? "" : "s")
                                            + ", "
                                            + limit
                                            + " tolerated)");
        } else {
            passed = false;
            message = "inconclusive: " + ((Measurement.Inconclusive) measured.get()).reason();
        }
        boolean holds = passed && failures <= limit;
        String since =
                previous.filter(p -> Objects.equals(p.getPassed(), holds))
                        .map(CheckResult::getSince)
                        .orElse(now);
        return result(analysis, holds, message, failures, now, since);
    }

    /** Whether {@code check} has more failed measurements than {@code analysis} tolerates. */
    public static boolean failed(AnalysisSpec analysis, CheckResult check) {
        return check.getFailures() != null && check.getFailures() > analysis.getFailureLimit();
    }

    private static CheckResult result(
            AnalysisSpec analysis,
            boolean passed,
            String message,
            int failures,
            String measuredAt,
            String since) {
        CheckResult check = new CheckResult();
        check.setName(name(analysis));
        check.setPassed(passed);
        check.setMessage(message);
        check.setSince(since);
        check.setFailures(failures);
        check.setMeasuredAt(measuredAt);
        return check;
    }

    /** Four significant digits, so a message stays readable. */
    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
