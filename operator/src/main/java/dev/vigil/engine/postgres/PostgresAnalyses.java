package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.rollout.analysis.DatabaseSeries;
import dev.vigil.rollout.analysis.EngineAnalyses;

/**
 * PostgreSQL's ready-made analyses, from postgres_exporter's series. Errors are rolled-back
 * transactions ({@code pg_stat_database}): PostgreSQL counts no failed statement, and a statement
 * that fails inside a transaction rolls it back. Latency comes from {@code pg_stat_statements}
 * through the exporter's {@code stat_statements} collector: the calls of the statements whose mean
 * time over the range is above the threshold, as a share of all calls. PostgreSQL keeps no per-call
 * histogram, so a statement's mean stands for each of its calls. Pure.
 */
public final class PostgresAnalyses implements EngineAnalyses {

    /** The one instance; it holds nothing. */
    public static final PostgresAnalyses INSTANCE = new PostgresAnalyses();

    private PostgresAnalyses() {}

    @Override
    public String upMetric() {
        return Engine.PostgreSQL.upMetric();
    }

    @Override
    public String errorRate(DatabaseSeries series, String range) {
        String selector = "{" + series.exporter() + ", datname!~\"template.*\"}[" + range + "]";
        String rollbacks = "sum(rate(pg_stat_database_xact_rollback" + selector + "))";
        String commits = "sum(rate(pg_stat_database_xact_commit" + selector + "))";
        return rollbacks + " / (" + commits + " + " + rollbacks + ")";
    }

    @Override
    public String slowCalls(DatabaseSeries series, String range, double seconds) {
        String selector = "{" + series.exporter() + "}[" + range + "]";
        String calls = "rate(pg_stat_statements_calls_total" + selector + ")";
        String time = "rate(pg_stat_statements_seconds_total" + selector + ")";
        // A statement not called over the range has a mean of NaN, which is not above anything.
        return "(sum("
                + calls
                + " and ("
                + time
                + " / "
                + calls
                + " > "
                + EngineAnalyses.number(seconds)
                + ")) or vector(0)) / sum("
                + calls
                + ")";
    }
}
