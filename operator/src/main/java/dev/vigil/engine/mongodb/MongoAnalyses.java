package dev.vigil.engine.mongodb;

import dev.vigil.rollout.analysis.DatabaseSeries;
import dev.vigil.rollout.analysis.EngineAnalyses;

/**
 * MongoDB's ready-made analyses, from percona mongodb_exporter's series of {@code serverStatus}.
 *
 * <p>Errors are failed commands: {@code metrics.commands.<name>.failed} against {@code .total},
 * which the exporter names {@code mongodb_ss_metrics_commands_<name>_failed} and {@code _total}.
 * That is a share of requests, as the trigger asks; {@code asserts} counts assertions raised, which
 * are not requests (one request may raise several, most fail none), so it has no share.
 *
 * <p>Latency comes from {@code opLatencies}: {@code mongodb_ss_opLatencies_latency} (microseconds)
 * and {@code _ops} per {@code op_type}. MongoDB keeps no per-call histogram there, so an operation
 * type's mean stands for each of its operations: the operations of the types whose mean is above
 * the threshold, as a share of all. Reads and writes only: {@code commands} also counts the
 * drivers' awaitable {@code hello}, which waits by design, and {@code transactions} lasts as long
 * as the client keeps a transaction open. Pure.
 */
public final class MongoAnalyses implements EngineAnalyses {

    /** The one instance; it holds nothing. */
    public static final MongoAnalyses INSTANCE = new MongoAnalyses();

    private static final double MICROSECONDS_PER_SECOND = 1_000_000;

    private MongoAnalyses() {}

    @Override
    public String upMetric() {
        return "mongodb_up";
    }

    @Override
    public String errorRate(DatabaseSeries series, String range) {
        return "sum(rate({__name__=~\"mongodb_ss_metrics_commands_.+_failed\", "
                + series.exporter()
                + "}["
                + range
                + "])) / sum(rate({__name__=~\"mongodb_ss_metrics_commands_.+_total\", "
                + series.exporter()
                + "}["
                + range
                + "]))";
    }

    @Override
    public String slowCalls(DatabaseSeries series, String range, double seconds) {
        String selector = "{" + series.exporter() + ", op_type=~\"reads|writes\"}[" + range + "]";
        String ops = "rate(mongodb_ss_opLatencies_ops" + selector + ")";
        String latency = "rate(mongodb_ss_opLatencies_latency" + selector + ")";
        // An operation type without operations over the range has a mean of NaN, above nothing.
        return "(sum("
                + ops
                + " and ("
                + latency
                + " / "
                + ops
                + " > "
                + EngineAnalyses.number(seconds * MICROSECONDS_PER_SECOND)
                + ")) or vector(0)) / sum("
                + ops
                + ")";
    }
}
