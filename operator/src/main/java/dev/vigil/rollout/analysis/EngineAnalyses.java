package dev.vigil.rollout.analysis;

/**
 * An engine's PromQL for the ready-made analyses ({@code spec.healthGate.standardAnalyses}): what
 * counts as failed work, as a slow call, and as a failed connection in its exporter's series. Each
 * query returns one sample, a share between 0 and 1, or NaN when there was no work to judge. Pure.
 */
public interface EngineAnalyses {

    /** The exporter's series that is 1 while it reaches the database, 0 while it cannot. */
    String upMetric();

    /**
     * The share of the work that failed over {@code range} on the pods under test: NaN without
     * work, no sample when the exporter reports nothing about it.
     */
    String errorRate(DatabaseSeries series, String range);

    /**
     * The share of the calls over {@code range} that took longer than {@code seconds} on the pods
     * under test: NaN without calls. A share above 5% is a p95 above {@code seconds}.
     */
    String slowCalls(DatabaseSeries series, String range, double seconds);

    /** {@code value} as a PromQL number literal, without a needless fraction or exponent. */
    static String number(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * The share of the pods under test whose exporter cannot reach its database (from {@link
     * #upMetric()}), at its lowest over {@code range}: above a threshold only when it stayed above
     * it all along, as an alert's {@code for} would. A member starting up, whose exporter fails
     * until the database accepts it, does not count against a change for less than that.
     */
    default String connectionFailures(DatabaseSeries series, String range) {
        return "min_over_time((1 - avg("
                + upMetric()
                + "{"
                + series.exporter()
                + "}))["
                + range
                + ":15s])";
    }
}
