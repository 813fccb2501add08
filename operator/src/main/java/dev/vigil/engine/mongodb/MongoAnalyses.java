package dev.vigil.engine.mongodb;

import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.rollout.analysis.DatabaseSeries;
import dev.vigil.rollout.analysis.EngineAnalyses;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * MongoDB's ready-made analyses, from percona mongodb_exporter's series of {@code serverStatus}.
 *
 * <p>Errors are failed data commands: {@code metrics.commands.<name>.failed} against {@code .total}
 * of the commands an application reads and writes with ({@link #DATA_COMMANDS}), which the exporter
 * names {@code mongodb_ss_metrics_commands_<name>_failed} and {@code _total}. That is a share of
 * requests, as the trigger asks; {@code asserts} counts assertions raised, which are not requests
 * (one request may raise several, most fail none), so it has no share. The replica set's own and
 * the monitoring's commands are left out: a {@code replSetGetStatus} refused before the set is
 * initiated is no error of the application.
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

    /** The commands whose failures count, as a PromQL alternation of their names. */
    static final String DATA_COMMANDS =
            "find|getMore|aggregate|count|distinct|insert|update|delete|findAndModify|bulkWrite";

    private MongoAnalyses() {}

    @Override
    public String upMetric() {
        return Engine.MongoDB.upMetric();
    }

    @Override
    public String errorRate(DatabaseSeries series, String range) {
        return "sum("
                + commands("failed", series, range)
                + ") / sum("
                + commands("total", series, range)
                + ")";
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

    /**
     * The rates of the data commands' {@code counter} ({@code failed} or {@code total}), one series
     * per member and command. Each command is its own metric, and a rate drops the metric's name,
     * so every rate gets the label {@code command} first: without it, two commands of one member
     * would be two series with the same labels, which Prometheus refuses.
     */
    private static String commands(String counter, DatabaseSeries series, String range) {
        return Arrays.stream(DATA_COMMANDS.split("\\|"))
                .map(
                        command ->
                                "label_replace(rate(mongodb_ss_metrics_commands_"
                                        + command
                                        + "_"
                                        + counter
                                        + "{"
                                        + series.exporter()
                                        + "}["
                                        + range
                                        + "]), \"command\", \""
                                        + command
                                        + "\", \"\", \"\")")
                .collect(Collectors.joining(" or "));
    }
}
